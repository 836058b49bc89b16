// Loads a preset by name (presets/<name>.yaml) or path. All or nothing: a policy is returned only when the whole
// file parses and validates, so a bad edit never leaves a half-loaded policy in charge.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AirlockError, type PolicyRef } from '../../protocol';
import { compileGlob } from './glob';
import { presetSchema, type Condition, type Preset, type PresetRule } from './schema';
import { describeIssues, lineAt, parseYamlSource } from './yaml-source';

export interface LoadedRule extends PresetRule {
  /** 1-based line of the rule in the preset file. */
  line: number;
}

export interface LoadedPolicy {
  ref: PolicyRef;
  preset: Preset;
  rules: LoadedRule[];
  /** Every glob the preset uses (path lists and inline), compiled once. */
  globs: ReadonlyMap<string, RegExp>;
}

export interface LoadOptions {
  /** Folder holding <name>.yaml presets; defaults to the package's presets/. */
  presetsDir?: string;
  /** Base for relative file paths; defaults to process.cwd(). */
  cwd?: string;
}

const PRESET_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The package's presets/ folder, found by walking up from this file (works from source and from a bundle). */
export function defaultPresetsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'presets');
    if (existsSync(path.join(candidate, 'policy.schema.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', 'cannot find the presets/ folder of the Airlock package');
    dir = parent;
  }
}

/** Names of the shipped presets (files `<name>.yaml`, test files excluded). */
export function listPresets(presetsDir = defaultPresetsDir()): string[] {
  return readdirSync(presetsDir)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Where `nameOrPath` points: a bare kebab-case word is a preset name, anything else a file path. */
export function resolvePresetFile(nameOrPath: string, opts: LoadOptions = {}): string {
  if (PRESET_NAME.test(nameOrPath)) {
    const dir = opts.presetsDir ?? defaultPresetsDir();
    const file = path.join(dir, `${nameOrPath}.yaml`);
    if (!existsSync(file)) {
      throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `no preset '${nameOrPath}' (known: ${listPresets(dir).join(', ')})`);
    }
    return file;
  }
  const file = path.resolve(opts.cwd ?? process.cwd(), nameOrPath);
  if (!existsSync(file)) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `no preset file at ${nameOrPath}`);
  // A folder (or a device) would fail later as EISDIR with a stack: say what was expected instead.
  if (!statSync(file).isFile()) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `${nameOrPath} is not a file: a preset file (.yaml) was expected`, { file });
  return file;
}

/** Short name for messages: relative to the package root when inside it (`presets/strict.yaml`). */
function displayName(file: string, opts: LoadOptions): string {
  const root = path.dirname(opts.presetsDir ?? defaultPresetsDir());
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

export function loadPolicy(nameOrPath: string, opts: LoadOptions = {}): LoadedPolicy {
  const file = resolvePresetFile(nameOrPath, opts);
  return parsePolicy(readFileSync(file), displayName(file, opts));
}

/** Parses and validates preset bytes; `file` is only used in messages and the PolicyRef. */
export function parsePolicy(bytes: Buffer | string, file: string): LoadedPolicy {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const src = parseYamlSource(buffer.toString('utf8'), file);
  const parsed = presetSchema.safeParse(src.value);
  if (!parsed.success) {
    const problems = describeIssues(src, parsed.error.issues);
    throw new AirlockError('AIRLOCK_E_POLICY_INVALID', problems.join('\n'), { file, problems });
  }
  const preset = parsed.data;
  return {
    ref: { name: preset.name, version: preset.version, hash: createHash('sha256').update(buffer).digest('hex'), file },
    preset,
    rules: preset.rules.map((rule, i) => ({ ...rule, line: lineAt(src, ['rules', i]) })),
    globs: compileAllGlobs(preset),
  };
}

function compileAllGlobs(preset: Preset): Map<string, RegExp> {
  const all = new Set<string>(Object.values(preset.paths ?? {}).flat());
  const visit = (cond: Condition): void => {
    if (Array.isArray(cond.path)) cond.path.forEach((g) => all.add(g));
    [...(cond.any ?? []), ...(cond.all ?? []), ...(cond.not ? [cond.not] : [])].forEach(visit);
  };
  preset.rules.forEach((r) => visit(r.when));
  return new Map([...all].map((glob) => [glob, compileGlob(glob)]));
}
