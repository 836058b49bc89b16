// Entry point of the `airlock` command (and of airlockd, which is `airlock daemon run`).
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
});
