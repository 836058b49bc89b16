// policy/get|set|test. policy/set switches the active policy for the daemon's life only; nothing is written.
import type { ClientResults } from '../../../protocol/methods';
import { scan } from '../../detect';
import { resolvePresetFile } from '../../policy/load';
import { runPresetTests } from '../../policy/test-runner';
import type { ServerContext } from '../context';

export const policyGet = (ctx: ServerContext) => async (): Promise<ClientResults['policy/get']> => ctx.state.summary().policy;

export const policySet = (ctx: ServerContext) => async (params: { policy: string }): Promise<ClientResults['policy/set']> => {
  ctx.state.setPolicy(params.policy);
  ctx.log.info('policy switched', { policy: ctx.state.policy().ref.name });
  return ctx.state.summary().policy;
};

export const policyTest = (ctx: ServerContext) => async (params: { policy?: string }): Promise<ClientResults['policy/test']> => {
  const file = resolvePresetFile(params.policy ?? ctx.state.policyName());
  const results = await runPresetTests([file], scan, ctx.state.config().catalogue);
  const cases = results.map((r) => ({ preset: r.preset, name: r.name, passed: r.passed, diff: r.diff }));
  const failed = cases.filter((c) => !c.passed).length;
  return { passed: cases.length - failed, failed, cases };
};
