// The command table. Each command is loaded only when it runs: `airlock explain` must not pay for the SDKs, the
// SQLite driver or the keychain that `ask`, `audit` and `keys` need (start-up is part of the product: other tools
// spawn `airlock scan` per request). Each command is a factory (ctx) => handler, so tests run them in-process.
import type { Command } from '../context';

export interface CommandSpec {
  /** Synopsis lines for the overview and for `airlock COMMAND --help`. */
  synopsis: string;
  /** What it does, indented under the synopsis. */
  summary: string;
  load: () => Promise<Command>;
}

export const commands: Record<string, CommandSpec> = {
  explain: {
    synopsis: 'explain [--policy NAME|FILE] [--json] [--file F] [--path P] [--tools a,b] [--background] [--deep] [--storage none|redacted|full] [TEXT]',
    summary: 'The decision record for a prompt (stdin when no TEXT or --file). No model is called.',
    load: async () => (await import('./explain')).explain,
  },
  scan: {
    synopsis: 'scan --jsonl [--policy NAME|FILE]',
    summary: 'stdin: {"id","text"} per line; stdout: findings, code and route per line, same order.',
    load: async () => (await import('./scan')).scan,
  },
  policy: {
    synopsis: 'policy test [--json|--reporter junit|tap|json] [PRESET|FILE…] | test --golden DIR [--policy P] | lint FILE… | list | schema | replay --policy NEW [--against CUR] [--since DATE] [--json] | diff A B',
    summary: "Run presets' test files (all shipped presets by default); validate preset files; list shipped presets; print the preset JSON Schema.",
    load: async () => (await import('./policy')).policy,
  },
  daemon: {
    synopsis: 'daemon run | start | stop | status',
    summary: 'airlockd in the foreground (npm start), in the background, stop it, show its health.',
    load: async () => (await import('./daemon')).daemon,
  },
  ask: {
    synopsis: 'ask [--policy P] [--json] [--storage none|redacted|full] [--file F] [--path P] [--tools a,b] [--background] [--deep] [TEXT]',
    summary: 'Send a prompt through airlockd (started if needed); streams the answer, then the decision.',
    load: async () => (await import('./ask')).ask,
  },
  keys: {
    synopsis: 'keys set PROVIDER | status',
    summary: 'Store an API key in the OS keychain (read from stdin, never echoed); which providers have a key, and from where.',
    load: async () => (await import('./keys')).keys,
  },
  providers: {
    synopsis: 'providers check [NAME] [--json]',
    summary: 'Check each configured provider (or NAME): credentials and where from, endpoint, each model streaming a fixed probe, time to first token. Exit 1 when any fails.',
    load: async () => (await import('./providers')).providers,
  },
  endpoint: {
    synopsis: 'endpoint [--name NAME] [--json] | list | revoke NAME',
    summary: 'A key for another assistant (OpenAI/Anthropic/Ollama-compatible), base URLs and settings to paste.',
    load: async () => (await import('./endpoint')).endpoint,
  },
  hook: {
    synopsis: 'hook [--event E] [--agent hosted|local] [--warn] [--rewrite] [--policy P] [--offline]',
    summary: 'An agent hook (Claude Code, VS Code, Copilot CLI): hook JSON on stdin, the answer on stdout (docs/hooks.md).',
    load: async () => (await import('./hook')).hook,
  },
  audit: {
    synopsis: 'audit verify [--anchor HASH@SEQ] | export [--format jsonl|ocsf|cef] [--since ISO] [--follow]',
    summary: 'Check the audit hash chain, HMACs and the head kept outside the store (and an exported head); print the head as HASH@SEQ (exit 1 and the first problem when it fails). The audit trail as JSON lines (or OCSF JSON, or CEF), oldest first; --follow streams new entries until Ctrl-C.',
    load: async () => (await import('./audit')).audit,
  },
};

const EXIT_STATUS = 'Exit status: 0 ok, 1 test/lint failure or blocked, 2 usage or input error, 3 environment (keychain, daemon).\n';

function entry(spec: CommandSpec): string {
  return `  ${spec.synopsis}\n                  ${spec.summary}\n`;
}

export function usage(): string {
  return `Usage: airlock <command> [options]
       airlock <command> --help | airlock --version

${Object.values(commands).map(entry).join('')}
${EXIT_STATUS}`;
}

export function commandUsage(name: string): string {
  const spec = commands[name]!;
  return `Usage: airlock ${spec.synopsis}\n\n  ${spec.summary}\n\n${EXIT_STATUS}`;
}
