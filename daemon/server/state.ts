// The daemon's live settings: config and active policy, reloaded when their files change. A broken edit never
// replaces a good one: the last good stays active and clients get `policy/changed` with the error.
import { AirlockError, toErrorValue } from '../../protocol/errors';
import type { DaemonNotifications, PolicySummary } from '../../protocol/methods';
import { loadConfig, parseConfig, watchFile, type DaemonConfig, type FileWatch } from '../config';
import { hashBytes } from '../config/load';
import { listPresets, loadPolicy, parsePolicy, resolvePresetFile, type LoadedPolicy } from '../policy/load';
import { summarizePolicy } from '../policy/summary';
import type { Logger } from './log';

export interface DaemonState {
  config(): DaemonConfig;
  policy(): LoadedPolicy;
  /** The name or path the active policy was loaded from. */
  policyName(): string;
  /** Loads a preset for one request (chat/send or explain/run with `policy`) without switching. */
  policyFor(nameOrPath: string | undefined): LoadedPolicy;
  /** Switches the active policy for the daemon's life (until restart or until the config's `policy` changes). */
  setPolicy(nameOrPath: string): LoadedPolicy;
  summary(): { policy: PolicySummary };
  close(): void;
}

type Broadcast = (params: DaemonNotifications['policy/changed']) => void;

export function createState(configPath: string, log: Logger, broadcast: Broadcast, debounceMs = 150): DaemonState {
  let config = loadConfig(configPath);
  let policyName = config.policy;
  let policy = loadPolicy(policyName);
  let configWatch: FileWatch | undefined;
  let policyWatch: FileWatch | undefined;

  const summary = () => ({ policy: summarizePolicy(policy, listPresets()) });
  const reportError = (what: string, err: unknown) => {
    const { code, message } = toErrorValue(err);
    log.error(`${what} reload failed, keeping the last good one`, { code, message });
    broadcast({ error: { code, message } });
  };

  // A watcher that fails is reported once per failure streak, with its code; watch.ts watches again by itself.
  const onWatchError = (err: AirlockError) => log.error('file watch failed', { code: err.code, message: err.message });

  const watchPolicy = () => {
    policyWatch?.close();
    const file = resolvePresetFile(policyName);
    policyWatch = watchFile(file, policy.ref.hash, (bytes) => {
      try {
        if (!bytes) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `the policy file ${file} was removed`);
        policy = parsePolicy(bytes, policy.ref.file);
        log.info('policy reloaded', { name: policy.ref.name, hash: policy.ref.hash });
        broadcast(summary());
      } catch (err) {
        reportError('policy', err);
      }
    }, debounceMs, { onError: onWatchError });
  };

  const switchPolicy = (nameOrPath: string) => {
    const next = loadPolicy(nameOrPath);
    policyName = nameOrPath;
    policy = next;
    watchPolicy();
    broadcast(summary());
    return next;
  };

  configWatch = watchFile(configPath, config.hash, (bytes) => {
    try {
      const next = bytes ? parseConfig(bytes, configPath) : { ...config, exists: false, hash: hashBytes('') };
      if (next.port !== config.port) log.info('config port changed: takes effect at the next start', { port: next.port });
      const policyChanged = next.policy !== config.policy;
      // Load the new policy before committing anything, so a config naming a broken preset changes nothing.
      const nextPolicy = policyChanged ? loadPolicy(next.policy) : null;
      config = next;
      log.info('config reloaded', { hash: config.hash });
      if (nextPolicy) {
        policyName = next.policy;
        policy = nextPolicy;
        watchPolicy();
      }
      broadcast(summary());
    } catch (err) {
      reportError('config', err);
    }
  }, debounceMs, { onError: onWatchError });
  watchPolicy();

  return {
    config: () => config,
    policy: () => policy,
    policyName: () => policyName,
    policyFor: (nameOrPath) => (nameOrPath ? loadPolicy(nameOrPath) : policy),
    setPolicy: switchPolicy,
    summary,
    close() {
      configWatch?.close();
      policyWatch?.close();
      configWatch = undefined;
    },
  };
}
