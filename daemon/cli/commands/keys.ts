// `airlock keys set PROVIDER` (the key from stdin, never echoed) and `airlock keys status`. Both talk to the OS
// keychain directly: the daemon reads keys from the same keychain per request, so no daemon is needed and the key
// never crosses the socket.
import { AirlockError } from '../../../protocol/errors';
import { configFile, loadConfig } from '../../config';
import { createKeyStore } from '../../providers/keys';
import { providerKeyStatus } from '../../server/handlers/keys';
import { parse } from '../args';
import { write, type CliContext, type Command } from '../context';
import { decodeUtf8, readAll } from '../input';
import { homeOf } from '../daemon-process';

/** Reads one line from a terminal with echo off, or the whole of piped stdin. */
async function readSecret(ctx: CliContext, prompt: string): Promise<string> {
  const stdin = ctx.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY) return decodeUtf8(await readAll(stdin, 64 * 1024), 'standard input').replace(/\r?\n$/, '');
  await write(ctx.stderr, prompt);
  stdin.setRawMode(true);
  try {
    let line = '';
    for await (const chunk of stdin) {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return line;
        if (ch === '\u0003') throw new AirlockError('AIRLOCK_E_USAGE', 'cancelled');
        line = ch === '\u007f' ? line.slice(0, -1) : line + ch;
      }
    }
    return line;
  } finally {
    stdin.setRawMode(false);
    await write(ctx.stderr, '\n');
  }
}

export const keys: Command = (ctx) => async (argv) => {
  const [sub, ...rest] = argv;
  const { positionals } = parse(rest, {});
  const store = createKeyStore({ env: ctx.env });
  switch (sub) {
    case 'set': {
      const [provider] = positionals;
      if (!provider || positionals.length > 1) throw new AirlockError('AIRLOCK_E_USAGE', 'airlock keys set PROVIDER  (the key is read from stdin)');
      const key = await readSecret(ctx, `API key for ${provider} (not shown): `);
      await store.set(provider, key);
      await write(ctx.stdout, `stored the ${provider} key in the OS keychain\n`);
      return 0;
    }
    case 'status': {
      const config = loadConfig(configFile(ctx.env, homeOf(ctx.env)));
      const { keychain, providers } = await providerKeyStatus(store, config.catalogue);
      const head = keychain.state === 'ok' ? 'keychain: ok' : `keychain: ${keychain.state} (${keychain.code}: ${keychain.message})`;
      const lines = providers.map((p) => `${p.name.padEnd(14)} ${p.hasKey ? `key from ${p.source}` : 'no key'}`);
      await write(ctx.stdout, `${[head, ...lines].join('\n')}\n`);
      return 0;
    }
    default:
      throw new AirlockError('AIRLOCK_E_USAGE', 'airlock keys set PROVIDER | status');
  }
};
