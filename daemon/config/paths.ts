// Where the daemon keeps its state and reads its config: one rule for daemon, CLI and extension (protocol/node/home.ts).
import path from 'node:path';

export { airlockHome, configFile } from '../../protocol/node/home';

/**
 * The machine-wide (administrator's) config: `$AIRLOCK_MACHINE_CONFIG` when set (tests, unusual installs; set but
 * empty means none), else the platform's system-wide place. Keys it sets win over the user's config (machine.ts).
 */
export function machineConfigFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (env.AIRLOCK_MACHINE_CONFIG !== undefined) return env.AIRLOCK_MACHINE_CONFIG === '' ? null : path.resolve(env.AIRLOCK_MACHINE_CONFIG);
  if (platform === 'darwin') return '/Library/Application Support/Airlock/config.yaml';
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Airlock', 'config.yaml');
  return '/etc/airlock/config.yaml';
}
