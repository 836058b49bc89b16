// The `airlock` command line: parses the command name and hands the rest to that command, loaded on demand.
import pkg from '../../package.json' with { type: 'json' };
import { AirlockError, ERRORS, toErrorValue } from '../../protocol/errors';
import { commandUsage, commands, usage } from './commands';
import { write, type CliContext } from './context';

const HELP = new Set(['--help', '-h']);

/** `--help` anywhere before a `--` (after it, `--help` is prompt text). */
function asksForHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => HELP.has(a));
}

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name) {
      await write(ctx.stdout, usage());
      return 2;
    }
    if (HELP.has(name) || name === 'help') {
      const topic = rest[0];
      if (topic !== undefined && !Object.hasOwn(commands, topic)) throw new AirlockError('AIRLOCK_E_USAGE', `unknown command '${topic}'\n\n${usage()}`);
      await write(ctx.stdout, topic === undefined ? usage() : commandUsage(topic));
      return 0;
    }
    if (name === '--version' || name === '-V' || name === 'version') {
      await write(ctx.stdout, `airlock ${pkg.version}\n`);
      return 0;
    }
    if (!Object.hasOwn(commands, name)) throw new AirlockError('AIRLOCK_E_USAGE', `unknown command '${name}'\n\n${usage()}`);
    if (asksForHelp(rest)) {
      await write(ctx.stdout, commandUsage(name));
      return 0;
    }
    const command = await commands[name]!.load();
    return await command(ctx)(rest);
  } catch (err) {
    const value = toErrorValue(err);
    await write(ctx.stderr, `airlock: ${value.code}: ${value.message}\n`);
    if (value.code === 'AIRLOCK_E_INTERNAL' && err instanceof Error && err.stack) await write(ctx.stderr, `${err.stack}\n`);
    return ERRORS[value.code].exit;
  }
}
