// Reads the daemon config once: no file means the defaults (port 47611, `balanced`, redacted prompts, built-in
// catalogue). A bad file is an error naming file:line:col, never a half-applied config.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AirlockError, type Catalogue, type PromptStorage, type ProviderConfig } from '../../protocol';
import { defaultCatalogue } from '../policy/catalogue';
import { describeIssues, parseYamlSource } from '../policy/yaml-source';
import { configSchema, type DaemonConfigFile } from './schema';

export interface DaemonConfig {
  /** The config file consulted (it may not exist). */
  file: string;
  exists: boolean;
  /** sha256 of the file's bytes ('' when there is no file): reloads compare it to skip no-op changes. */
  hash: string;
  port: number;
  /** A preset name, or an absolute path to a preset file. */
  policy: string;
  /** The config named a policy (rather than the default): policy/set then cannot override it for good. */
  policyFromConfig: boolean;
  /** Absolute folders whose presets clients may choose (`policyDirs`). */
  policyDirs: string[];
  /** No client may switch the policy or choose one per request. */
  lockPolicy: boolean;
  /** Only policy files signed by a key in `allowedSigners` run (daemon/server/signed-policy.ts). */
  requireSignedPolicy: boolean;
  /** Absolute path of the allowed_signers file, when the config names one. */
  allowedSigners: string | null;
  storePrompts: PromptStorage;
  /** Written into every decision's facts as `userTier` (docs/record.md), whatever a client says. */
  userTier: string | null;
  catalogue: Catalogue;
  retry: DaemonConfigFile['retry'];
  timeouts: DaemonConfigFile['timeouts'];
  /** OpenTelemetry export settings as written (daemon/telemetry/settings.ts adds the OTEL_* variables). */
  telemetry: DaemonConfigFile['telemetry'] | null;
  /** A remote policy (daemon/policy-source/): when set, it is the config's policy. */
  policySource: DaemonConfigFile['policySource'] | null;
  /** The top-level keys this file sets (the machine layer takes exactly these; machine.ts). */
  setKeys: string[];
  /** The machine-wide file in effect, and the keys it manages; null when there is none (machine.ts). */
  machine: { file: string; hash: string; managed: string[] } | null;
}

const PRESET_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function hashBytes(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A provider's credentials file is relative to the config file, like every other path in it. */
function resolveFiles(provider: ProviderConfig, file: string): ProviderConfig {
  const credentials = provider.vertex?.credentialsFile;
  if (!credentials) return provider;
  return { ...provider, vertex: { ...provider.vertex!, credentialsFile: path.resolve(path.dirname(file), credentials) } };
}

/** Parses config bytes; `file` is used in messages and to resolve a relative policy path. */
export function parseConfig(bytes: Buffer | string, file: string): DaemonConfig {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  const src = parseYamlSource(text, file, 'AIRLOCK_E_CONFIG_PARSE');
  const parsed = configSchema.safeParse(src.value ?? {});
  if (!parsed.success) {
    const problems = describeIssues(src, parsed.error.issues);
    throw new AirlockError('AIRLOCK_E_CONFIG_INVALID', problems.join('\n'), { file, problems });
  }
  const c = parsed.data;
  const setKeys = src.value !== null && typeof src.value === 'object' ? Object.keys(src.value) : [];
  const named = setKeys.includes('policy');
  return {
    file,
    exists: true,
    hash: hashBytes(bytes),
    port: c.port,
    policy: PRESET_NAME.test(c.policy) ? c.policy : path.resolve(path.dirname(file), c.policy),
    policyFromConfig: named,
    policyDirs: c.policyDirs.map((dir) => path.resolve(path.dirname(file), dir)),
    lockPolicy: c.lockPolicy,
    requireSignedPolicy: c.requireSignedPolicy,
    allowedSigners: c.allowedSigners ? path.resolve(path.dirname(file), c.allowedSigners) : null,
    storePrompts: c.storePrompts,
    userTier: c.userTier ?? null,
    catalogue: c.providers && c.models ? { providers: c.providers.map((p) => resolveFiles(p, file)), models: c.models } : defaultCatalogue,
    retry: c.retry,
    timeouts: c.timeouts,
    telemetry: c.telemetry ?? null,
    policySource: c.policySource ?? null,
    setKeys,
    machine: null,
  };
}

export function defaultConfig(file: string): DaemonConfig {
  return { ...parseConfig('{}', file), exists: false, hash: '' };
}

export function loadConfig(file: string): DaemonConfig {
  if (!existsSync(file)) return defaultConfig(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new AirlockError('AIRLOCK_E_CONFIG_PARSE', `${file}:1:1: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
  }
  return parseConfig(bytes, file);
}
