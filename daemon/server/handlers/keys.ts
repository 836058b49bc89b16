// keys/set|status. A key is passed to the keychain and nowhere else: not the log, not a response.
import type { Catalogue } from '../../../protocol/catalogue';
import { AirlockError } from '../../../protocol/errors';
import type { ClientResults } from '../../../protocol/methods';
import type { KeyStore } from '../../providers/keys';
import type { ServerContext } from '../context';

export const keysSet = (ctx: ServerContext) => async (params: { provider: string; key: string }): Promise<ClientResults['keys/set']> => {
  await ctx.keys.set(params.provider, params.key);
  ctx.log.info('key stored', { provider: params.provider });
  return { provider: params.provider, stored: 'keychain' };
};

/** Whether each catalogue provider has a key and where from; shared with `airlock keys status`. */
export async function providerKeyStatus(keys: KeyStore, catalogue: Catalogue): Promise<ClientResults['keys/status']> {
  const keychain = await keys.status();
  const providers = await Promise.all(catalogue.providers.map(async (p) => {
    // A keychain failure is already in `keychain` (status() names it); any other error is not "no key".
    const found = await keys.get(p.name, p.apiKeyEnv ? { envVar: p.apiKeyEnv } : {}).catch((err: unknown) => {
      if (err instanceof AirlockError && keychain.state !== 'ok' && err.code === keychain.code) return null;
      throw err;
    });
    return { name: p.name, hasKey: found !== null, ...(found ? { source: found.source } : {}) };
  }));
  return { keychain, providers };
}

export const keysStatus = (ctx: ServerContext) => async (): Promise<ClientResults['keys/status']> => providerKeyStatus(ctx.keys, ctx.state.config().catalogue);
