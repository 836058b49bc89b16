// The command table. Each command is a factory (ctx) => handler, so tests run them in-process with fake streams.
import type { Command } from '../context';
import { ask } from './ask';
import { audit } from './audit';
import { daemon } from './daemon';
import { endpoint } from './endpoint';
import { explain } from './explain';
import { hook } from './hook';
import { keys } from './keys';
import { policy } from './policy';
import { scan } from './scan';

export const commands: Record<string, Command> = { explain, scan, policy, daemon, ask, keys, audit, endpoint, hook };

export function usage(): string {
  return `Usage: airlock <command> [options]

  explain [--policy NAME|FILE] [--json] [--file F] [--path P] [--tools a,b] [--background] [--deep] [TEXT]
                  The decision record for a prompt (stdin when no TEXT or --file). No model is called.
  scan --jsonl [--policy NAME|FILE]
                  stdin: {"id","text"} per line; stdout: findings, code and route per line, same order.
  policy test [PRESET|FILE…]   Run presets' test files (all shipped presets by default).
  policy lint FILE…            Validate preset files.
  policy list | schema         Shipped presets; the preset JSON Schema.
  daemon run | start | stop | status
                  airlockd in the foreground (npm start), in the background, stop it, show its health.
  ask [--policy P] [--json] [--storage none|redacted|full] [--file F] [TEXT]
                  Send a prompt through airlockd (started if needed); streams the answer, then the decision.
  keys set PROVIDER            Store an API key in the OS keychain (read from stdin, never echoed).
  keys status                  Which providers have a key, and from where.
  endpoint [--name NAME] [--json] | list | revoke NAME
                  A key for another assistant (OpenAI/Anthropic/Ollama-compatible), base URLs and settings to paste.
  hook [--event E] [--agent hosted|local] [--warn] [--rewrite] [--policy P] [--offline]
                  An agent hook (Claude Code, VS Code, Copilot CLI): hook JSON on stdin, the answer on stdout (docs/hooks.md).
  audit verify                 Check the audit hash chain; exit 1 and the first broken record when it fails.
  audit export --jsonl [--since ISO]
                  The audit trail as JSON lines, oldest first.

Exit status: 0 ok, 1 test/lint failure or blocked, 2 usage or input error, 3 environment (keychain, daemon).
`;
}
