// Each webview request → the daemon method that answers it. Typed end to end: a missing or mistyped handler is a
// compile error. No VS Code import: the editor and the daemon come in as functions.
import type { ClientMethod, ClientResults, ParamsOf, PolicySummary } from '../../protocol/methods';
import type { PromptStorage } from '../../protocol/record';
import { AirlockError, toErrorValue, type ErrorValue } from '../../protocol/errors';
import type { AttachMode, HelpAction, WebviewMethod, WebviewMethods } from '../../protocol/webview';
import { composePrompt, type Attachment } from './prompt';

export interface RouterDeps {
  request<M extends ClientMethod>(method: M, params: ParamsOf<M>): Promise<ClientResults[M]>;
  attachment(mode: AttachMode): Attachment | undefined;
  openRule(file: string, line: number): Promise<boolean>;
  /** Start/retry the daemon, show its log, or open Airlock's settings. */
  helpAction(action: HelpAction): Promise<boolean>;
  /** Replaces the active editor's selection with `code`; false when no editor is open. */
  insertAtCursor(code: string): Promise<boolean>;
  /** Shows `code` as a diff against the file it names (or the active editor) and applies it if the user accepts. */
  applyToFile(code: string, file: string | undefined): Promise<{ applied: boolean; message: string }>;
  /** Opens a decision's detail in an editor tab. */
  openDecisionTab(id: string): Promise<boolean>;
  switchPolicy(policy: string): Promise<PolicySummary>;
  reviewer(): string;
  /** The `airlock.storePrompts` setting: the daemon keeps at most this much of each prompt. */
  storePrompts(): PromptStorage;
}

export type WebviewHandlers = { [M in WebviewMethod]: (params: WebviewMethods[M][0]) => Promise<WebviewMethods[M][1]> };

export function createHandlers(deps: RouterDeps): WebviewHandlers {
  return {
    'chat/send': ({ requestId, text, attach, conversationId }) => {
      const prompt = composePrompt(text, deps.attachment(attach), { source: 'chat', interactive: true, conversationId });
      return deps.request('chat/send', { requestId, text: prompt.text, facts: prompt.facts, storePrompts: deps.storePrompts() });
    },
    'chat/cancel': (params) => deps.request('chat/cancel', params),
    // Dry run: the same prompt chat/send would build, through explain/run, which never calls a model.
    'explain/run': ({ text, attach }) => {
      const prompt = composePrompt(text, deps.attachment(attach), { source: 'chat', interactive: true });
      return deps.request('explain/run', { text: prompt.text, facts: prompt.facts });
    },
    'decision/list': (params) => deps.request('decision/list', params),
    'decision/get': (params) => deps.request('decision/get', params),
    'decision/review': ({ id, note }) => deps.request('decision/review', note === undefined ? { id, by: deps.reviewer() } : { id, by: deps.reviewer(), note }),
    'decision/openRule': async ({ file, line }) => ({ opened: await deps.openRule(file, line) }),
    'policy/get': () => deps.request('policy/get', {}),
    'policy/set': ({ policy }) => deps.switchPolicy(policy),
    'policy/test': () => deps.request('policy/test', {}),
    'policy/replay': (params) => deps.request('policy/replay', params),
    'providers/check': () => deps.request('providers/check', {}),
    'help/run': async ({ action }) => ({ done: await deps.helpAction(action) }),
    'editor/insert': async ({ code }) => ({ inserted: await deps.insertAtCursor(code) }),
    'editor/apply': ({ code, file }) => deps.applyToFile(code, file),
    'decision/openTab': async ({ id }) => ({ opened: await deps.openDecisionTab(id) }),
  };
}

export function isWebviewMethod(handlers: WebviewHandlers, method: unknown): method is WebviewMethod {
  return typeof method === 'string' && Object.hasOwn(handlers, method);
}

/** The reply to one webview request. Every failure leaves coded: an unknown method is AIRLOCK_E_RPC_METHOD, not a bug. */
export async function answer(handlers: WebviewHandlers, method: unknown, params: unknown): Promise<{ result: unknown } | { error: ErrorValue }> {
  try {
    if (!isWebviewMethod(handlers, method)) throw new AirlockError('AIRLOCK_E_RPC_METHOD', `unknown webview request '${String(method).slice(0, 100)}'`);
    const handler = handlers[method] as (params: unknown) => Promise<unknown>;
    return { result: await handler(params) };
  } catch (err) {
    return { error: toErrorValue(err) };
  }
}
