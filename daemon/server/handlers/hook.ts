// hook/decide: an agent hook's question (`airlock hook`), planned with the live policy by the same function the CLI
// uses when the daemon is down; the record is appended before the answer, so every hook decision is on file.
import type { ClientResults, ParamsOf } from '../../../protocol/methods';
import { decideHook, type HookInput } from '../../route/hook';
import { storageFor } from '../../route/plan';
import type { ServerContext } from '../context';

export const hookDecide = (ctx: ServerContext) => async (params: ParamsOf<'hook/decide'>): Promise<ClientResults['hook/decide']> => {
  ctx.checkStore();
  const config = ctx.state.config();
  const { record, verdict } = await decideHook(params.input as HookInput, params.options, {
    policy: ctx.state.policyFor(params.policy), catalogue: config.catalogue, storage: storageFor(config.storePrompts, undefined), now: ctx.now(), scanner: ctx.scan,
  });
  await ctx.records.append(record);
  return { record, verdict };
};
