// The method table: one handler factory per JSON-RPC method.
import type { ServerContext } from '../context';
import type { HandlerTable } from '../rpc';
import { chatCancel, chatSend } from './chat';
import { auditVerify, daemonShutdown, healthGet } from './daemon';
import { decisionGet, decisionList, decisionReview, decisionSubscribe } from './decision';
import { endpointCreate } from './endpoint';
import { explainRun } from './explain';
import { hookDecide } from './hook';
import { keysSet, keysStatus } from './keys';
import { lmChat, lmModelsGet } from './lm';
import { policyGet, policySet, policyTest } from './policy';
import { policyReplay } from './policy-replay';
import { providersCheck } from './providers';

export function handlers(ctx: ServerContext & { recordCount(): number }): HandlerTable {
  return {
    'chat/send': chatSend(ctx),
    'chat/cancel': chatCancel(ctx),
    'lm/chat': lmChat(ctx),
    'lm/models': lmModelsGet(ctx),
    'explain/run': explainRun(ctx),
    'decision/list': decisionList(ctx),
    'decision/get': decisionGet(ctx),
    'decision/subscribe': decisionSubscribe(ctx),
    'decision/review': decisionReview(ctx),
    'policy/get': policyGet(ctx),
    'policy/set': policySet(ctx),
    'policy/test': policyTest(ctx),
    'policy/replay': policyReplay(ctx),
    'keys/set': keysSet(ctx),
    'keys/status': keysStatus(ctx),
    'health/get': healthGet(ctx),
    'audit/verify': auditVerify(ctx),
    'daemon/shutdown': daemonShutdown(ctx),
    'endpoint/create': endpointCreate(ctx),
    'hook/decide': hookDecide(ctx),
    'providers/check': providersCheck(ctx),
  };
}
