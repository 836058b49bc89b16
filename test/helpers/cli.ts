// Runs the airlock CLI in-process with in-memory streams, so tests see stdout, stderr and the exit status.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../daemon/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** By default no config: a home that does not exist and no machine-wide config, so the machine's own ~/.airlock and
 *  /etc/airlock never leak into a test. */
const NO_HOME = { AIRLOCK_HOME: path.join(tmpdir(), 'airlock-cli-test-no-home'), AIRLOCK_MACHINE_CONFIG: '' };

export async function runAirlock(argv: string[], stdin: string | Buffer = '', env: NodeJS.ProcessEnv = NO_HOME): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli(argv, {
    stdin: Readable.from([typeof stdin === 'string' ? Buffer.from(stdin) : stdin]),
    stdout,
    stderr,
    env,
    cwd: process.cwd(),
    now: () => new Date('2026-11-25T12:00:00Z'),
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
