// providers/check: the provider doctor (handlers/providers-check.ts), over the live catalogue. The CLI's
// `airlock providers check` and the extension call the same method.
import type { ClientResults, ParamsOf } from '../../../protocol/methods';
import type { ServerContext } from '../context';
import { checkProviders } from './providers-check';

/** One model's probe may take this long; the probes run in parallel, so a check takes about this at most. */
const PROBE_TIMEOUT_MS = 30_000;

export const providersCheck = (ctx: ServerContext) => async (params: ParamsOf<'providers/check'>): Promise<ClientResults['providers/check']> => {
  const result = await checkProviders(ctx.state.config().catalogue, params.name, { keys: ctx.keys, clock: () => performance.now(), timeoutMs: PROBE_TIMEOUT_MS });
  ctx.log.info('providers checked', { ok: result.ok, failed: result.providers.filter((p) => !p.ok).map((p) => p.name) });
  return result;
};
