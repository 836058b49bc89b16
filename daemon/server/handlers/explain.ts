// explain/run: the plan only. Nothing is sent and nothing is appended: it answers "what would happen".
import type { ClientResults, ParamsOf } from '../../../protocol/methods';
import { plan, storageFor } from '../../route/plan';
import type { ServerContext } from '../context';

export const explainRun = (ctx: ServerContext) => async (params: Required<Pick<ParamsOf<'explain/run'>, 'text' | 'facts'>> & Pick<ParamsOf<'explain/run'>, 'policy' | 'storePrompts'>): Promise<ClientResults['explain/run']> => {
  const config = ctx.state.config();
  const { record } = await plan(params.text, params.facts, {
    policy: ctx.state.policyFor(params.policy), catalogue: config.catalogue, storage: storageFor(config.storePrompts, params.storePrompts), now: ctx.now(), scanner: ctx.scan,
  });
  return { record };
};
