// Where the daemon keeps its state: `$AIRLOCK_HOME` or `~/.airlock`; the config file may live elsewhere.
import os from 'node:os';
import path from 'node:path';

export function airlockHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.AIRLOCK_HOME ? path.resolve(env.AIRLOCK_HOME) : path.join(os.homedir(), '.airlock');
}

export function configFile(env: NodeJS.ProcessEnv = process.env, home = airlockHome(env)): string {
  return env.AIRLOCK_CONFIG ? path.resolve(env.AIRLOCK_CONFIG) : path.join(home, 'config.yaml');
}
