// policy/get|set|test. policy/set switches the active policy for the daemon's life only; nothing is written.
// Every name or path a client gives goes through the state's resolver: allowed sources only, nothing when locked.
import { AirlockError } from '../../../protocol/errors';
import type { ClientResults } from '../../../protocol/methods';
import { scan } from '../../detect';
import { runPresetTests } from '../../policy/test-runner';
import type { ServerContext } from '../context';
import { policyLogFields } from '../state';

export const policyGet = (ctx: ServerContext) => async (): Promise<ClientResults['policy/get']> => ctx.state.summary().policy;

export const policySet = (ctx: ServerContext) => async (params: { policy: string }): Promise<ClientResults['policy/set']> => {
  try {
    ctx.state.setPolicy(params.policy);
  } catch (err) {
    // What was asked is the client's free text: it is not logged.
    ctx.log.info('policy switch refused', { code: err instanceof AirlockError ? err.code : 'AIRLOCK_E_INTERNAL' });
    throw err;
  }
  ctx.log.info('policy switched', policyLogFields(ctx.state.policy()));
  return ctx.state.summary().policy;
};

export const policyTest = (ctx: ServerContext) => async (params: { policy?: string }): Promise<ClientResults['policy/test']> => {
  // The same rules as a switch: a client cannot make the daemon read a file outside the allowed sources.
  const file = params.policy ? ctx.state.resolve(params.policy).path : ctx.state.policy().origin.path;
  const results = await runPresetTests([file], scan, ctx.state.config().catalogue);
  const cases = results.map((r) => ({ preset: r.preset, name: r.name, passed: r.passed, diff: r.diff }));
  const failed = cases.filter((c) => !c.passed).length;
  return { passed: cases.length - failed, failed, cases };
};
