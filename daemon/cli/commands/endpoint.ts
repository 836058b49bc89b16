// `airlock endpoint`: a key for another assistant (Continue, Cline, Aider, Zed, any OpenAI/Anthropic/Ollama client)
// plus the base URLs and ready-to-paste settings. Keys are made, listed and revoked in the home's key file directly,
// so no daemon connection is needed; a running daemon notices the change on its next request.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AirlockError } from '../../../protocol/errors';
import { configFile, loadConfig } from '../../config';
import { STATE_FILE } from '../../server/home';
import { endpointKeyFile } from '../../server/surfaces/keys';
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

export interface EndpointInfo {
  key: string;
  openai: { baseUrl: string };
  anthropic: { baseUrl: string };
  ollama: { baseUrl: string };
}

export function endpointInfo(port: number, key: string): EndpointInfo {
  const root = `http://127.0.0.1:${port}`;
  return { key, openai: { baseUrl: `${root}/v1` }, anthropic: { baseUrl: root }, ollama: { baseUrl: root } };
}

export function settingsText(name: string, info: EndpointInfo): string {
  const { key } = info;
  const root = info.anthropic.baseUrl;
  return `Endpoint key "${name}" (shown once; revoke with \`airlock endpoint revoke ${name}\`):
  ${key}

Base URLs
  OpenAI-compatible:    ${info.openai.baseUrl}
  Anthropic-compatible: ${info.anthropic.baseUrl}
  Ollama-compatible:    ${info.ollama.baseUrl}   (no header? use ${root}/k/${key})
  Model: airlock/auto (the policy chooses; a named model is only a request)

Environment
  export OPENAI_BASE_URL=${info.openai.baseUrl}
  export OPENAI_API_KEY=${key}
  export ANTHROPIC_BASE_URL=${info.anthropic.baseUrl}
  export ANTHROPIC_API_KEY=${key}
  export OLLAMA_HOST=${root}/k/${key}

Continue (~/.continue/config.yaml)
  models:
    - name: Airlock
      provider: openai
      model: airlock/auto
      apiBase: ${info.openai.baseUrl}
      apiKey: ${key}

Cline / Roo Code (settings → API Provider)
  API Provider: OpenAI Compatible
  Base URL: ${info.openai.baseUrl}
  API Key: ${key}
  Model ID: airlock/auto

Aider
  aider --openai-api-base ${info.openai.baseUrl} --openai-api-key ${key} --model openai/airlock/auto

Zed (settings.json; paste the key when Zed asks for it)
  "language_models": { "openai_compatible": { "Airlock": {
    "api_url": "${info.openai.baseUrl}",
    "available_models": [{ "name": "airlock/auto", "max_tokens": 128000 }] } } }
`;
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
