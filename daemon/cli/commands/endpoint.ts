// `airlock endpoint`: a key for another assistant (Continue, Cline, Aider, Zed, any OpenAI/Anthropic/Ollama client)
// plus the base URLs and ready-to-paste settings. Keys are made, listed and revoked in the home's key file directly,
// so no daemon connection is needed; a running daemon notices the change on its next request.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AirlockError } from '../../../protocol/errors';
import { configFile, loadConfig } from '../../config';
import { STATE_FILE } from '../../server/home';
import { endpointKeyFile } from '../../server/surfaces/keys';
import { endpointInfo, settingsText } from '../../server/surfaces/settings';
import { parse } from '../args';
import { write, type Command } from '../context';
import { homeOf } from '../daemon-process';

/** The running daemon's port (from its state file), else the configured one. */
function portOf(env: NodeJS.ProcessEnv, home: string): number {
  try {
    const state = JSON.parse(readFileSync(path.join(home, STATE_FILE), 'utf8')) as { port?: unknown };
    if (typeof state.port === 'number') return state.port;
  } catch {
    // Not running: the port it will listen on.
  }
  return loadConfig(configFile(env, home)).port;
}

function freeName(names: Set<string>): string {
  for (let i = 1; ; i++) if (!names.has(`assistant-${i}`)) return `assistant-${i}`;
}

export const endpoint: Command = (ctx) => async (argv) => {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, name: { type: 'string' } });
  const home = homeOf(ctx.env);
  const keys = endpointKeyFile(home);
  const [sub, ...rest] = positionals;
  switch (sub) {
    case undefined:
    case 'new': {
      if (rest.length) throw new AirlockError('AIRLOCK_E_USAGE', 'airlock endpoint [new] [--name NAME] [--json]');
      const live = new Set(keys.list().filter((k) => !k.revokedAt).map((k) => k.name));
      const name = values.name ?? freeName(live);
      const info = endpointInfo(portOf(ctx.env, home), keys.create(name, ctx.now()));
      await write(ctx.stdout, values.json ? `${JSON.stringify(info)}\n` : settingsText(name, info));
      return 0;
    }
    case 'list': {
      const rows = keys.list().map((k) => ({ name: k.name, createdAt: k.createdAt, ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}) }));
      const text = values.json
        ? `${JSON.stringify(rows)}\n`
        : rows.length ? `${rows.map((r) => `${r.name.padEnd(20)} created ${r.createdAt}${r.revokedAt ? `  revoked ${r.revokedAt}` : ''}`).join('\n')}\n` : 'no endpoint keys; `airlock endpoint` makes one\n';
      await write(ctx.stdout, text);
      return 0;
    }
    case 'revoke': {
      const [name] = rest;
      if (!name || rest.length > 1) throw new AirlockError('AIRLOCK_E_USAGE', 'airlock endpoint revoke NAME');
      if (!keys.revoke(name, ctx.now())) throw new AirlockError('AIRLOCK_E_USAGE', `no live endpoint key named '${name}' (\`airlock endpoint list\`)`);
      await write(ctx.stdout, `revoked ${name}: tools using it are refused from their next request\n`);
      return 0;
    }
    default:
      throw new AirlockError('AIRLOCK_E_USAGE', 'airlock endpoint [new] [--name NAME] [--json] | list | revoke NAME');
  }
};
