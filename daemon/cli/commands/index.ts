// The command table. Each command is a factory (ctx) => handler, so tests run them in-process with fake streams.
import type { Command } from '../context';
import { explain } from './explain';
import { policy } from './policy';
import { scan } from './scan';

export const commands: Record<string, Command> = { explain, scan, policy };

export function usage(): string {
  return `Usage: airlock <command> [options]

  explain [--policy NAME|FILE] [--json] [--file F] [--path P] [--tools a,b] [--background] [--deep] [TEXT]
                  The decision record for a prompt (stdin when no TEXT or --file). No model is called.
  scan --jsonl [--policy NAME|FILE]
                  stdin: {"id","text"} per line; stdout: findings, code and route per line, same order.
  policy test [PRESET|FILE…]   Run presets' test files (all shipped presets by default).
  policy lint FILE…            Validate preset files.
  policy list | schema         Shipped presets; the preset JSON Schema.

Exit status: 0 ok, 1 test/lint failure or blocked, 2 usage or input error, 3 environment (keychain, daemon).
`;
}
