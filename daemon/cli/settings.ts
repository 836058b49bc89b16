// The config a CLI command plans with: the daemon's own reader on the daemon's own file, so `explain`, `scan` and
// `policy test` decide with the catalogue and policy airlockd uses, and say which config that was.
import { airlockHome, configFile, loadLayeredConfig, machineConfigFile, type DaemonConfig } from '../config';
import { loadPolicy, type LoadedPolicy } from '../policy/load';
import { withPolicySource } from '../policy-source';
import type { CliContext } from './context';

/** The daemon config as airlockd would read it now ($AIRLOCK_CONFIG, else <home>/config.yaml; none = defaults),
 *  under the machine-wide config. */
export function cliConfig(ctx: Pick<CliContext, 'env'>): { config: DaemonConfig; source: string } {
  // A remote policy source plans with its verified copy in the home, as airlockd does.
  const config = withPolicySource(loadLayeredConfig(configFile(ctx.env, airlockHome(ctx.env)), machineConfigFile(ctx.env)), airlockHome(ctx.env));
  const user = config.exists ? config.file : `none (${config.file} does not exist: built-in defaults)`;
  const file = config.machine ? `${user}, under the machine-wide ${config.machine.file}` : user;
  return { config, source: `Config:   ${file}; catalogue of ${config.catalogue.models.length} models` };
}

export interface CliSettings {
  config: DaemonConfig;
  policy: LoadedPolicy;
  /** One line for the output: which config file, which policy from where, how many catalogue models. */
  source: string;
}

/** The preset: --policy, then AIRLOCK_POLICY, then the config's `policy` (itself `balanced` when unset). */
export function cliSettings(ctx: Pick<CliContext, 'env' | 'cwd'>, policyFlag?: string): CliSettings {
  const { config, source } = cliConfig(ctx);
  const from = policyFlag !== undefined ? '--policy' : ctx.env.AIRLOCK_POLICY ? 'AIRLOCK_POLICY' : config.policyFromConfig ? 'the config' : 'the default';
  const policy = loadPolicy(policyFlag ?? (ctx.env.AIRLOCK_POLICY || config.policy), { cwd: ctx.cwd });
  return { config, policy, source: `${source}; policy ${policy.ref.name} from ${from}` };
}
