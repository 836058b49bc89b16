// `airlock providers check [NAME] [--json]`: asks airlockd (started if needed) to check every configured provider, or
// the one named: credentials and where from, endpoint, each catalogue model streaming a fixed probe, time to first
// token. One line per provider, starting with its name and `ok` or what failed; exit 0 only when all work.
import { AirlockError } from '../../../protocol/errors';
import { connect } from '../../server/client';
import { parse } from '../args';
import { write, type Command } from '../context';
import { ensureDaemon, homeOf } from '../daemon-process';

const USAGE = 'airlock providers check [NAME] [--json]';

export const providers: Command = (ctx) => async (argv) => {
  const [sub, ...rest] = argv;
  if (sub !== 'check') throw new AirlockError('AIRLOCK_E_USAGE', USAGE);
  const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
  if (positionals.length > 1) throw new AirlockError('AIRLOCK_E_USAGE', USAGE);
  const [name] = positionals;
  await ensureDaemon(ctx.env);
  const client = await connect({ home: homeOf(ctx.env), env: ctx.env });
  try {
    const result = await client.request('providers/check', name ? { name } : {});
    await write(ctx.stdout, values.json ? `${JSON.stringify(result, null, 2)}\n` : result.providers.map((p) => `${p.line}\n`).join(''));
    return result.ok ? 0 : 1;
  } finally {
    client.close();
  }
};
