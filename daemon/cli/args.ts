// Argument parsing shared by the commands: node's parseArgs, with its errors turned into AIRLOCK_E_USAGE.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AirlockError, type PromptStorage, type RequestFacts } from '../../protocol';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new AirlockError('AIRLOCK_E_USAGE', (err as Error).message);
  }
}

/** Flags every prompt-taking command shares, turned into request facts. */
export const promptOptions = {
  policy: { type: 'string' },
  file: { type: 'string' },
  path: { type: 'string' },
  tools: { type: 'string' },
  background: { type: 'boolean' },
  deep: { type: 'boolean' },
  json: { type: 'boolean' },
  storage: { type: 'string' },
} as const;

export function factsFrom(values: { path?: string; file?: string; tools?: string; background?: boolean; deep?: boolean }): RequestFacts {
  const filePath = values.path ?? values.file;
  return {
    source: 'cli',
    interactive: !values.background,
    ...(filePath ? { filePath } : {}),
    ...(values.tools ? { tools: values.tools.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
    ...(values.deep ? { depth: 'deep' as const } : {}),
  };
}

export function storageFrom(value: string | undefined): PromptStorage {
  if (value === undefined) return 'redacted';
  if (value === 'none' || value === 'redacted' || value === 'full') return value;
  throw new AirlockError('AIRLOCK_E_USAGE', `--storage takes none, redacted or full, not '${value}'`);
}
