// Which policy files a client may choose. The policy is the security team's: a client (anything holding the
// daemon token) may pick among the shipped presets, the presets in the folders the config lists under `policyDirs`,
// and the config's own `policy` — never an arbitrary path, which would let it load a file with no rules and a
// hosted default. Paths are compared after resolving symbolic links, so a link out of an allowed folder is refused.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { AirlockError } from '../../protocol';
import { defaultPresetsDir, listPresets, originOf, shippedPresetName, type PolicyOrigin } from './load';

export interface PolicySources {
  /** Absolute folders whose `<name>.yaml` presets clients may choose. */
  policyDirs: readonly string[];
  /** The config's `policy` (a preset name or an absolute path): always allowed, it is the security team's choice. */
  configPolicy: string;
  presetsDir?: string;
}

const PRESET_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PRESET_EXT = /\.ya?ml$/;

const real = (file: string): string | undefined => {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
};

/** `file` lies under `dir` (both already real paths). */
function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const isPresetFile = (file: string) => PRESET_EXT.test(file) && !/\.test\.ya?ml$/.test(file);

/** The preset `<name>.yaml` (or `.yml`) in a policy folder, if it is there and really inside it. */
function inDir(dir: string, name: string): string | undefined {
  const realDir = real(dir);
  if (!realDir) return undefined;
  for (const ext of ['.yaml', '.yml']) {
    const file = real(path.join(dir, name + ext));
    if (file && inside(realDir, file)) return file;
  }
  return undefined;
}

/** Names a client can choose: shipped presets first, then each policy folder's (a shipped name wins a clash). */
export function availablePolicies(sources: PolicySources): string[] {
  const names = new Set(listPresets(sources.presetsDir));
  for (const dir of sources.policyDirs) {
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      continue; // a folder that is not there offers nothing; the config stays valid
    }
    for (const f of files.filter(isPresetFile).sort()) {
      const name = f.replace(PRESET_EXT, '');
      if (PRESET_NAME.test(name) && inDir(dir, name)) names.add(name);
    }
  }
  return [...names];
}

function notAllowed(asked: string): AirlockError {
  return new AirlockError('AIRLOCK_E_POLICY_NOT_ALLOWED', `the policy '${asked}' is not one a client may choose: only the shipped presets, the presets under the config's policyDirs, and the config's own policy`, { policy: asked });
}

/**
 * Where a client's choice points, among the allowed sources only. A bare name is a shipped preset, else a preset
 * in the first policy folder holding it; a path must be the config's policy file, a shipped preset, or a preset
 * file under a policy folder. Anything else is AIRLOCK_E_POLICY_NOT_ALLOWED, whether or not the file exists.
 */
export function resolveAllowed(asked: string, sources: PolicySources): PolicyOrigin {
  const presetsDir = sources.presetsDir ?? defaultPresetsDir();
  if (PRESET_NAME.test(asked)) {
    const shipped = path.join(presetsDir, `${asked}.yaml`);
    if (existsSync(shipped)) return originOf(shipped, 'file', presetsDir);
    for (const dir of sources.policyDirs) {
      const file = inDir(dir, asked);
      if (file) return { source: 'policy-dir', path: file };
    }
    throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `no preset '${asked}' (known: ${availablePolicies(sources).join(', ')})`);
  }
  const file = real(path.resolve(asked));
  if (!file) throw notAllowed(asked);
  const configFile = PRESET_NAME.test(sources.configPolicy) ? undefined : real(sources.configPolicy);
  if (configFile === file) return originOf(file, 'config', presetsDir);
  if (shippedPresetName(file, presetsDir) !== undefined) return originOf(file, 'file', presetsDir);
  for (const dir of sources.policyDirs) {
    const realDir = real(dir);
    if (realDir && inside(realDir, file) && isPresetFile(file)) return { source: 'policy-dir', path: file };
  }
  throw notAllowed(asked);
}

/** Where the config's own `policy` points: any file may be named there (a name still resolves as for clients). */
export function resolveConfigPolicy(sources: PolicySources): PolicyOrigin {
  if (PRESET_NAME.test(sources.configPolicy)) return resolveAllowed(sources.configPolicy, sources);
  const file = path.resolve(sources.configPolicy);
  if (!existsSync(file)) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `no preset file at ${sources.configPolicy}`);
  return originOf(file, 'config', sources.presetsDir);
}
