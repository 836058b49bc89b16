// The `airlock` command line: parses the command name and hands the rest to that command's factory.
import { AirlockError, ERRORS, toErrorValue } from '../../protocol';
import { commands, usage } from './commands';
import { write, type CliContext } from './context';

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await write(ctx.stdout, usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  try {
    if (!command) throw new AirlockError('AIRLOCK_E_USAGE', `unknown command '${name}'\n\n${usage()}`);
    return await command(ctx)(rest);
  } catch (err) {
    const value = toErrorValue(err);
    await write(ctx.stderr, `airlock: ${value.code}: ${value.message}\n`);
    if (value.code === 'AIRLOCK_E_INTERNAL' && err instanceof Error && err.stack) await write(ctx.stderr, `${err.stack}\n`);
    return ERRORS[value.code].exit;
  }
}
