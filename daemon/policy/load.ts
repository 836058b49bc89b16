// Loads a preset by name (presets/<name>.yaml) or path. All or nothing: a policy is returned only when the whole
// file parses and validates, so a bad edit never leaves a half-loaded policy in charge.
// A loaded policy knows where it came from (a shipped preset or someone's file) and its content hash: the record
// names it by those, never by the `name:` inside the file, which any file can set to `balanced`.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AirlockError, type PolicyRef, type PolicySource } from '../../protocol';
import { compileGlob } from './glob';
import { presetSchema, type Condition, type Preset, type PresetRule } from './schema';
import { describeIssues, lineAt, parseYamlSource } from './yaml-source';

export interface LoadedRule extends PresetRule {
  /** 1-based line of the rule in the preset file. */
  line: number;
}

/** Where a policy file came from. */
export interface PolicyOrigin {
  source: PolicySource;
  /** Absolute path of the file, symbolic links resolved: what is watched and compared. */
  path: string;
}

export interface LoadedPolicy {
  ref: PolicyRef & Required<Pick<PolicyRef, 'source' | 'id'>>;
  origin: PolicyOrigin;
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
  /** What a file that is not a shipped preset counts as (default `file`). */
  source?: Exclude<PolicySource, 'shipped'>;
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
  presetFileProblem(file, nameOrPath);
  return file;
}

/** Throws the coded error for a path that is missing or not a regular file (a folder would fail as EISDIR with a stack). */
function presetFileProblem(file: string, shown: string): void {
  if (!existsSync(file)) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `no preset file at ${shown}`);
  if (!statSync(file).isFile()) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `${shown} is not a file: a preset file (.yaml) was expected`, { file });
}

/** Short name for messages: relative to the package root when inside it (`presets/strict.yaml`). */
function displayName(file: string, opts: LoadOptions): string {
  const root = path.dirname(opts.presetsDir ?? defaultPresetsDir());
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

function realpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** The shipped preset's name when `file` is one (`presets/<name>.yaml`, links resolved), else undefined. */
export function shippedPresetName(file: string, presetsDir = defaultPresetsDir()): string | undefined {
  const real = realpath(file);
  if (path.dirname(real) !== realpath(presetsDir)) return undefined;
  const base = path.basename(real);
  const name = base.endsWith('.yaml') && !base.endsWith('.test.yaml') ? base.slice(0, -'.yaml'.length) : '';
  return PRESET_NAME.test(name) ? name : undefined;
}

/** Where `file` came from: a shipped preset is recognised by place, whatever the caller says. */
export function originOf(file: string, source: Exclude<PolicySource, 'shipped'> = 'file', presetsDir?: string): PolicyOrigin {
  return { source: shippedPresetName(file, presetsDir) !== undefined ? 'shipped' : source, path: realpath(file) };
}

export function loadPolicy(nameOrPath: string, opts: LoadOptions = {}): LoadedPolicy {
  return loadPolicyFile(originOf(resolvePresetFile(nameOrPath, opts), opts.source, opts.presetsDir), opts);
}

/** Checks the exact bytes about to be parsed (the daemon's signature check); throws to refuse them. */
export type PolicyBytesCheck = (bytes: Buffer, origin: PolicyOrigin) => void;

/** Loads the file an origin names; `verify` sees the same bytes that are parsed (no gap for a swap in between). */
export function loadPolicyFile(origin: PolicyOrigin, opts: Pick<LoadOptions, 'presetsDir'> & { verify?: PolicyBytesCheck } = {}): LoadedPolicy {
  const file = origin.source === 'shipped' ? displayName(origin.path, opts) : origin.path;
  presetFileProblem(origin.path, file);
  const bytes = readFileSync(origin.path);
  opts.verify?.(bytes, origin);
  return parsePolicy(bytes, file, origin, opts.presetsDir);
}

/** `balanced@sha256:…` for a shipped preset (its file name, not the name inside), `/abs/file.yaml@sha256:…` else. */
export function policyId(origin: PolicyOrigin, hash: string, presetsDir?: string): string {
  const label = origin.source === 'shipped' ? shippedPresetName(origin.path, presetsDir) ?? origin.path : origin.path;
  return `${label}@sha256:${hash}`;
}

/**
 * Parses and validates preset bytes; `file` is used in messages and the PolicyRef. Without an origin the bytes
 * count as an anonymous file at `file` (tests, `airlock policy test` on a given file).
 */
export function parsePolicy(bytes: Buffer | string, file: string, origin: PolicyOrigin = { source: 'file', path: path.resolve(file) }, presetsDir?: string): LoadedPolicy {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const src = parseYamlSource(buffer.toString('utf8'), file);
  const parsed = presetSchema.safeParse(src.value);
  if (!parsed.success) {
    const problems = describeIssues(src, parsed.error.issues);
    throw new AirlockError('AIRLOCK_E_POLICY_INVALID', problems.join('\n'), { file, problems });
  }
  const preset = parsed.data;
  const hash = createHash('sha256').update(buffer).digest('hex');
  return {
    ref: { name: preset.name, version: preset.version, hash, file, source: origin.source, id: policyId(origin, hash, presetsDir) },
    origin,
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
