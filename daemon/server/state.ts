// The daemon's live settings: config and active policy, reloaded when their files change. A broken edit never
// replaces a good one: the last good stays active and clients get `policy/changed` with the error.
// The policy is the security team's: clients choose only among the allowed sources (policy/sources.ts), and with
// `lockPolicy` not at all.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AirlockError, toErrorValue } from '../../protocol/errors';
import type { DaemonNotifications, PolicySummary } from '../../protocol/methods';
import { layerConfig, loadConfig, loadMachineLayer, parseConfig, parseMachineLayer, watchFile, type DaemonConfig, type FileWatch, type MachineLayer } from '../config';
import { hashBytes } from '../config/load';
import { loadPolicyFile, parsePolicy, type LoadedPolicy, type PolicyBytesCheck, type PolicyOrigin } from '../policy/load';
import { cacheCheck, withPolicySource } from '../policy-source';
import { availablePolicies, resolveAllowed, resolveConfigPolicy, type PolicySources } from '../policy/sources';
import { summarizePolicy } from '../policy/summary';
import type { Logger } from './log';
import { signatureCheck } from './signed-policy';

export interface DaemonState {
  config(): DaemonConfig;
  policy(): LoadedPolicy;
  /** Resolves a client's choice (chat/send, explain/run, policy/test) among the allowed sources, refusing the rest. */
  resolve(nameOrPath: string): PolicyOrigin;
  /** The policy for one request (chat/send or explain/run with `policy`) without switching. */
  policyFor(nameOrPath: string | undefined): LoadedPolicy;
  /** Switches the active policy for the daemon's life (until restart or until the config's `policy` changes). */
  setPolicy(nameOrPath: string): LoadedPolicy;
  summary(): { policy: PolicySummary };
  close(): void;
}

type Broadcast = (params: DaemonNotifications['policy/changed']) => void;

const sourcesOf = (config: DaemonConfig): PolicySources => ({ policyDirs: config.policyDirs, configPolicy: config.policy });

/** How logs name a policy: by origin and content hash, never by the name inside the file alone. */
export const policyLogFields = (p: LoadedPolicy) => ({ policy: p.ref.id, source: p.ref.source, name: p.ref.name, file: p.ref.file });

function lockedError(config: DaemonConfig, active: LoadedPolicy, asked: string): AirlockError {
  const file = config.machine?.managed.includes('lockPolicy') ? config.machine.file : config.file;
  return new AirlockError('AIRLOCK_E_POLICY_LOCKED', `the config (${file}) sets lockPolicy: the policy is ${active.ref.id}, and a client cannot choose '${asked}'`, { policy: asked, active: active.ref.id });
}

/** `machinePath`: the machine-wide config (config/machine.ts), whose keys win over the user's; null for none.
 *  `home`: where a remote policy source's verified copy is cached (policy-source/); null: sources are not used. */
export function createState(configPath: string, log: Logger, broadcast: Broadcast, debounceMs = 150, machinePath: string | null = null, home: string | null = null): DaemonState {
  // The two layers as last read well; `config` is always layer(userLayer, machineLayer).
  const layer = (user: DaemonConfig, machine: MachineLayer) => (home ? withPolicySource(layerConfig(user, machine), home) : layerConfig(user, machine));
  let userLayer = loadConfig(configPath);
  let machineLayer: MachineLayer = loadMachineLayer(machinePath);
  let config = layer(userLayer, machineLayer);
  // With requireSignedPolicy every policy file is verified on the bytes that are parsed, at start and each reload.
  // A remote source's cached copy is checked against its pin as well, so an edit of the cache is refused.
  const checked = (c: DaemonConfig): { verify?: PolicyBytesCheck } => {
    const signed = signatureCheck(c, (file, who) => log.info('policy signature verified', { file, signers: who.principals, key: who.fingerprint }));
    const pinned = home ? cacheCheck(c, home) : undefined;
    if (!pinned || !signed) return { verify: pinned ?? signed };
    return {
      verify: (bytes, origin) => {
        pinned(bytes, origin);
        signed(bytes, origin);
      },
    };
  };
  let policy = loadPolicyFile(resolveConfigPolicy(sourcesOf(config)), checked(config));
  /** The active policy was chosen by a client (policy/set), not by the config. */
  let fromClient = false;
  let configWatch: FileWatch | undefined;
  let machineWatch: FileWatch | undefined;
  let policyWatch: FileWatch | undefined;
  /** requireSignedPolicy came on (by reload) while the policy that should run is not signed: fail closed. Every
   *  request is refused until that policy verifies (checked again on each request) or a signed one is chosen. */
  let suspended: { origin: PolicyOrigin; error: AirlockError } | null = null;

  // `managed`: the machine-wide config sets some keys (the UI shows the policy as managed, and locked when it is).
  const summary = () => ({
    policy: {
      ...summarizePolicy(policy, availablePolicies(sourcesOf(config))),
      locked: config.lockPolicy,
      ...(suspended ? { suspended: { code: suspended.error.code, message: suspended.error.message } } : {}),
      ...(config.machine ? { managed: { file: config.machine.file, keys: config.machine.managed } } : {}),
    },
  });
  const reportError = (what: string, err: unknown) => {
    const { code, message } = toErrorValue(err);
    log.error(`${what} reload failed, keeping the last good one`, { code, message });
    broadcast({ error: { code, message } });
  };

  // A watcher that fails is reported once per failure streak, with its code; watch.ts watches again by itself.
  const onWatchError = (err: AirlockError) => log.error('file watch failed', { code: err.code, message: err.message });

  const watchPolicy = () => {
    policyWatch?.close();
    const { origin } = policy;
    policyWatch = watchFile(origin.path, policy.ref.hash, (bytes) => {
      try {
        if (!bytes) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `the policy file ${origin.path} was removed`);
        checked(config).verify?.(bytes, origin);
        policy = parsePolicy(bytes, policy.ref.file, origin);
        if (suspended?.origin.path === origin.path) suspended = null;
        log.info('policy reloaded', policyLogFields(policy));
        broadcast(summary());
      } catch (err) {
        reportError('policy', err);
      }
    }, debounceMs, { onError: onWatchError });
  };

  const activate = (next: LoadedPolicy, byClient: boolean) => {
    policy = next;
    fromClient = byClient;
    watchPolicy();
  };

  const resolve = (nameOrPath: string) => {
    if (!config.lockPolicy) return resolveAllowed(nameOrPath, sourcesOf(config));
    // Locked: only the active policy itself may be named (a client that always sends its setting keeps working).
    let origin: PolicyOrigin | undefined;
    try {
      origin = resolveAllowed(nameOrPath, sourcesOf(config));
    } catch {
      origin = undefined;
    }
    if (origin?.path !== policy.origin.path) throw lockedError(config, policy, nameOrPath);
    return origin;
  };

  /** Takes `next` (the layered config after an edit of either file), or keeps everything when it cannot run. */
  const applyConfig = (next: DaemonConfig, commit: () => void) => {
    try {
      if (next.port !== config.port) log.info('config port changed: takes effect at the next start', { port: next.port });
      const sources = sourcesOf(next);
      // The config's policy comes back when it changes, when the config locks the policy, or when the policy a
      // client chose is no longer among the allowed sources.
      let stillAllowed = true;
      if (fromClient && !next.lockPolicy) {
        try {
          stillAllowed = resolveAllowed(policy.origin.path, sources).path === policy.origin.path;
        } catch {
          stillAllowed = false;
        }
      }
      const clientLoses = fromClient && (next.lockPolicy || !stillAllowed || next.policy !== config.policy);
      // The config's policy is resolved again when it is (or becomes) the active one: the same name may now point
      // into another policy folder. Load it before committing anything, so a config naming a broken preset changes
      // nothing.
      const configOrigin = !fromClient || clientLoses ? resolveConfigPolicy(sources) : null;
      // Signature settings changed: the active policy is verified again under them before the config is taken.
      const signing = next.requireSignedPolicy !== config.requireSignedPolicy || next.allowedSigners !== config.allowedSigners;
      const switching = configOrigin !== null && (clientLoses || configOrigin.path !== policy.origin.path);
      let nextPolicy: LoadedPolicy | null = null;
      let unsigned: AirlockError | null = null;
      try {
        if (signing && next.requireSignedPolicy) loadPolicyFile(policy.origin, checked(next));
        nextPolicy = switching ? loadPolicyFile(configOrigin, checked(next)) : null;
      } catch (err) {
        // Signatures now required and the policy is not signed: keeping the old config would keep serving what the
        // team just said must not run. Take the config and serve nothing until a signed policy is loaded.
        if (!(next.requireSignedPolicy && err instanceof AirlockError && err.code === 'AIRLOCK_E_POLICY_SIGNATURE')) throw err;
        unsigned = err;
      }
      config = next;
      commit();
      log.info('config reloaded', { hash: config.hash, machine: config.machine?.hash ?? null, lockPolicy: config.lockPolicy });
      if (!config.requireSignedPolicy) suspended = null;
      if (unsigned) {
        suspended = { origin: switching ? configOrigin : policy.origin, error: unsigned };
        const message = `requireSignedPolicy is on and the policy is not signed: airlockd refuses every request until a signed policy is loaded (${unsigned.message})`;
        log.error('no signed policy: serving no requests', { code: unsigned.code, message });
        broadcast({ error: { code: unsigned.code, message } });
        return;
      }
      if (nextPolicy) {
        activate(nextPolicy, false);
        log.info('policy from the config', policyLogFields(policy));
      }
      broadcast(summary());
    } catch (err) {
      reportError('config', err);
    }
  };
  const tryLayer = (make: () => { user: DaemonConfig; machine: MachineLayer }) => {
    let layers: { user: DaemonConfig; machine: MachineLayer };
    try {
      layers = make();
    } catch (err) {
      return reportError('config', err);
    }
    applyConfig(layer(layers.user, layers.machine), () => {
      userLayer = layers.user;
      machineLayer = layers.machine;
    });
  };
  configWatch = watchFile(configPath, userLayer.hash, (bytes) => tryLayer(() => ({
    user: bytes ? parseConfig(bytes, configPath) : { ...userLayer, exists: false, hash: hashBytes('') },
    machine: machineLayer,
  })), debounceMs, { onError: onWatchError });
  // The machine file is watched the same way; removing it drops its layer (the administrator's choice). Its folder
  // must exist at start: most machines have none, and a folder created later applies at the next start.
  if (machinePath && existsSync(path.dirname(machinePath))) {
    machineWatch = watchFile(machinePath, machineLayer?.hash ?? '', (bytes) => tryLayer(() => ({ user: userLayer, machine: parseMachineLayer(bytes, machinePath) })), debounceMs, { onError: onWatchError });
  }
  watchPolicy();

  /** Throws while suspended, unless the policy that should run now verifies (someone signed it): then it runs. */
  const serving = () => {
    if (!suspended) return;
    let loaded: LoadedPolicy;
    try {
      loaded = loadPolicyFile(suspended.origin, checked(config));
    } catch (err) {
      const { message } = toErrorValue(err);
      throw new AirlockError('AIRLOCK_E_POLICY_SIGNATURE', `requireSignedPolicy is on and no signed policy is loaded: airlockd refuses requests until one is (${message})`, { file: suspended.origin.path });
    }
    const byClient = fromClient && loaded.origin.path === policy.origin.path;
    suspended = null;
    activate(loaded, byClient);
    log.info('signed policy verified: serving again', policyLogFields(policy));
    broadcast(summary());
  };

  return {
    config: () => config,
    policy: () => policy,
    resolve,
    policyFor: (nameOrPath) => {
      serving();
      if (!nameOrPath) return policy;
      const origin = resolve(nameOrPath);
      return origin.path === policy.origin.path ? policy : loadPolicyFile(origin, checked(config));
    },
    setPolicy: (nameOrPath) => {
      const origin = resolve(nameOrPath);
      if (origin.path === policy.origin.path) return policy;
      activate(loadPolicyFile(origin, checked(config)), true);
      suspended = null;
      broadcast(summary());
      return policy;
    },
    summary,
    close() {
      configWatch?.close();
      machineWatch?.close();
      policyWatch?.close();
      configWatch = undefined;
    },
  };
}
