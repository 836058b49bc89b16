// The machine-wide config layer: an administrator's file (paths.ts says where) whose keys win over the user's
// ~/.airlock/config.yaml. It is validated on its own, so a key it sets is exactly what it says (relative paths resolve
// against its own folder), and a broken machine file is an error, never ignored: the daemon does not start on one.
// Precedence, key by key: a key the machine file sets is taken from it; any other key from the user's file; else
// the default. Two keys pull others with them so a user cannot loosen a lock through a key the admin left out:
// - `lockPolicy: true` also takes `policy` from the machine file (its value, or `balanced` when it names none);
// - `requireSignedPolicy: true` also takes `allowedSigners` (the schema demands both in the same file);
// - `policy` and `policySource` go together (a machine that names either decides the policy).
import { existsSync } from 'node:fs';
import { loadConfig, parseConfig, type DaemonConfig } from './load';

/** The machine layer as read: null when there is no machine file. */
export type MachineLayer = DaemonConfig | null;

/** DaemonConfig fields each top-level config key fills (keys not listed fill the field of the same name). */
const FIELDS: Record<string, readonly (keyof DaemonConfig)[]> = {
  policy: ['policy', 'policyFromConfig'],
  providers: ['catalogue'],
  models: ['catalogue'],
};

/** The keys of the machine file that take effect, with the ones a lock pulls in. */
export function managedKeys(machine: DaemonConfig): string[] {
  const keys = new Set(machine.setKeys);
  if (machine.lockPolicy) keys.add('policy');
  if (machine.requireSignedPolicy) keys.add('allowedSigners');
  // The policy and a remote policy source decide together: managing one manages both.
  if (keys.has('policy') || keys.has('policySource')) {
    keys.add('policy');
    keys.add('policySource');
  }
  return [...keys].sort();
}

/** The effective config: `user` with every key the machine layer manages taken from it. */
export function layerConfig(user: DaemonConfig, machine: MachineLayer): DaemonConfig {
  if (!machine) return { ...user, machine: null };
  const out: Record<string, unknown> = { ...user };
  const managed = managedKeys(machine);
  for (const key of managed) {
    for (const field of FIELDS[key] ?? [key as keyof DaemonConfig]) out[field] = machine[field];
  }
  // A locked policy is the config's, even when the machine file leaves it at the default.
  if (machine.lockPolicy) out.policyFromConfig = true;
  return { ...(out as unknown as DaemonConfig), machine: { file: machine.file, hash: machine.hash, managed } };
}

/** Reads the machine file: null when it does not exist; a parse or schema error throws, naming file:line:col. */
export function loadMachineLayer(file: string | null): MachineLayer {
  if (!file || !existsSync(file)) return null;
  return loadConfig(file);
}

/** Parses machine-file bytes from a watch (null bytes: the file was removed). */
export function parseMachineLayer(bytes: Buffer | null, file: string): MachineLayer {
  return bytes ? parseConfig(bytes, file) : null;
}

/** The effective config from both files, as airlockd reads it at start (and the CLI plans with). */
export function loadLayeredConfig(userFile: string, machineFile: string | null): DaemonConfig {
  const machine = loadMachineLayer(machineFile);
  return layerConfig(loadConfig(userFile), machine);
}
