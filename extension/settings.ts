// Validation of the `airlock.*` settings, without VS Code so it is unit-tested; config.ts reads them.
import { DEFAULT_DAEMON_PORT } from '../protocol/methods';
import type { PromptStorage } from '../protocol/record';

export interface AirlockSettings {
  /** Preset name or path; undefined = the daemon's own active policy. */
  policy: string | undefined;
  daemonPort: number;
  /** Node binary that runs airlockd; undefined = automatic (daemon/runtime.ts: VS Code's own in a package). */
  nodePath: string | undefined;
  attachSelectionByDefault: boolean;
  storePrompts: PromptStorage;
  /** VS Code's model picker also lists "Airlock (local only)" and "Airlock (private or local)". */
  chatClassModels: boolean;
}

export interface SettingsReport {
  settings: AirlockSettings;
  /** One line per ignored value, naming the setting. */
  problems: string[];
}

const STORAGE: readonly PromptStorage[] = ['none', 'redacted', 'full'];

/** Pure, so it is testable without VS Code: `get` returns the raw value of `airlock.<key>` or undefined. */
export function parseSettings(get: (key: string) => unknown): SettingsReport {
  const problems: string[] = [];
  const pick = <T>(key: string, fallback: T, valid: (v: unknown) => v is T, expected: string): T => {
    const value = get(key);
    if (value === undefined || value === null || value === '') return fallback;
    if (valid(value)) return value;
    problems.push(`airlock.${key} must be ${expected}; got ${JSON.stringify(value)}, using ${JSON.stringify(fallback)}`);
    return fallback;
  };
  const isString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
  const isPort = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 65536;
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const isStorage = (v: unknown): v is PromptStorage => STORAGE.includes(v as PromptStorage);
  return {
    settings: {
      policy: pick<string | undefined>('policy', undefined, isString, 'a preset name or a file path'),
      daemonPort: pick('daemonPort', DEFAULT_DAEMON_PORT, isPort, 'a port number 1-65535'),
      nodePath: pick<string | undefined>('nodePath', undefined, isString, 'the path of a node binary'),
      attachSelectionByDefault: pick('attachSelectionByDefault', true, isBool, 'true or false'),
      storePrompts: pick('storePrompts', 'redacted' as PromptStorage, isStorage, 'one of none, redacted, full'),
      chatClassModels: pick('chatClassModels', false, isBool, 'true or false'),
    },
    problems,
  };
}
