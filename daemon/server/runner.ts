// Bridges the server to route/execute (TEMPORARY until execute.ts lands).
import { AirlockError } from '../../protocol/errors';
import type { KeyStore } from '../providers/keys';
import type { Runner } from './context';
import type { Logger } from './log';
import type { DaemonState } from './state';

export function createRunner(state: DaemonState, _keys: KeyStore, _log: Logger): Runner {
  return {
    async run() {
      throw new AirlockError('AIRLOCK_E_PROVIDER', 'execution is not wired yet');
    },
    async health() {
      return state.config().catalogue.providers.map((p) => ({ name: p.name, kind: p.kind, baseUrl: p.baseUrl, circuit: 'closed' as const, hasKey: false }));
    },
  };
}
