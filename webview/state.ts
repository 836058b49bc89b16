// View state that must survive the view being hidden and shown again (VS Code discards a hidden webview's DOM):
// pure reducers, a loader that accepts whatever an older build saved, and a store that persists with setState.
import type { ErrorValue } from '../protocol/errors';
import type { PolicyTestResult } from './policy/tests';
import type { DecisionRecord } from '../protocol/record';
import type { AttachMode } from '../protocol/webview';
import type { Filters } from './decisions/filters';
import { EMPTY_FILTERS } from './decisions/filters';

export type TurnStatus = 'streaming' | 'done' | 'blocked' | 'error' | 'cancelled' | 'interrupted';

export interface ChatTurn {
  requestId: string;
  prompt: string;
  attach: AttachMode;
  answer: string;
  /** The planned record from chat/started, replaced by the final one from the chat/send response. */
  record: DecisionRecord | null;
  status: TurnStatus;
  error?: ErrorValue;
}

export interface ChatState {
  conversationId: string;
  turns: ChatTurn[];
  draft: string;
  attach: AttachMode;
  /** True once the user picked an attach mode: the settings default no longer overrides it. */
  attachChosen: boolean;
  /** requestId whose decision detail is open inline. */
  openDetail: string | null;
  scrollTop: number;
}

export type ChatAction =
  | { type: 'draft'; text: string }
  | { type: 'attach'; attach: AttachMode; chosen: boolean }
  | { type: 'sent'; requestId: string; prompt: string; attach: AttachMode }
  | { type: 'started'; requestId: string; record: DecisionRecord }
  | { type: 'chunk'; requestId: string; delta: string }
  | { type: 'finished'; requestId: string; record: DecisionRecord; text: string }
  | { type: 'failed'; requestId: string; error: ErrorValue }
  | { type: 'new'; conversationId: string }
  | { type: 'toggleDetail'; requestId: string }
  | { type: 'scroll'; top: number };

/** Older turns are dropped so the saved state stays small. */
export const MAX_TURNS = 50;

export function initialChatState(conversationId: string): ChatState {
  return { conversationId, turns: [], draft: '', attach: 'none', attachChosen: false, openDetail: null, scrollTop: 0 };
}

function updateTurn(state: ChatState, requestId: string, change: (turn: ChatTurn) => ChatTurn): ChatState {
  let found = false;
  const turns = state.turns.map((t) => {
    if (t.requestId !== requestId) return t;
    found = true;
    return change(t);
  });
  return found ? { ...state, turns } : state;
}

/** What the prompt really carried: asking to attach the selection attaches nothing when the selection is empty. */
function attachedIn(record: DecisionRecord): AttachMode {
  const part = record.facts.parts?.find((p) => p.origin === 'selection' || p.origin === 'file');
  return part ? (part.origin as AttachMode) : 'none';
}

function statusOfRecord(record: DecisionRecord): TurnStatus {
  if (record.status === 'blocked' || record.route.target === 'blocked') return 'blocked';
  if (record.status === 'cancelled') return 'cancelled';
  if (record.status === 'error') return 'error';
  return 'done';
}

function statusOfError(error: ErrorValue): TurnStatus {
  if (error.code === 'AIRLOCK_E_BLOCKED') return 'blocked';
  if (error.code === 'AIRLOCK_E_CANCELLED') return 'cancelled';
  return 'error';
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'draft':
      return { ...state, draft: action.text };
    case 'attach':
      if (!action.chosen && state.attachChosen) return state;
      return { ...state, attach: action.attach, attachChosen: state.attachChosen || action.chosen };
    case 'sent': {
      const turn: ChatTurn = { requestId: action.requestId, prompt: action.prompt, attach: action.attach, answer: '', record: null, status: 'streaming' };
      return { ...state, draft: '', turns: [...state.turns, turn].slice(-MAX_TURNS) };
    }
    case 'started':
      return updateTurn(state, action.requestId, (t) => ({ ...t, record: action.record, attach: attachedIn(action.record) }));
    case 'chunk':
      return updateTurn(state, action.requestId, (t) => (t.status === 'streaming' ? { ...t, answer: t.answer + action.delta } : t));
    case 'finished':
      // The response text is authoritative: chunks may have been missed while the view was hidden.
      return updateTurn(state, action.requestId, (t) => ({ ...t, answer: action.text, record: action.record, status: statusOfRecord(action.record), attach: attachedIn(action.record) }));
    case 'failed':
      return updateTurn(state, action.requestId, (t) => {
        const status = statusOfError(action.error);
        // The planned record's badge must not keep promising an answer that never came.
        const record = t.record && status === 'error' ? { ...t.record, status: 'error' as const, error: { code: action.error.code, message: action.error.message } } : t.record;
        return { ...t, status, error: action.error, record };
      });
    case 'new':
      return { ...initialChatState(action.conversationId), draft: state.draft, attach: state.attach, attachChosen: state.attachChosen };
    case 'toggleDetail':
      return { ...state, openDetail: state.openDetail === action.requestId ? null : action.requestId };
    case 'scroll':
      return { ...state, scrollTop: action.top };
  }
}

export function streamingTurn(state: ChatState): ChatTurn | undefined {
  return state.turns.find((t) => t.status === 'streaming');
}

export interface DecisionsState {
  filters: Filters;
  selectedId: string | null;
  scrollTop: number;
}

export function initialDecisionsState(): DecisionsState {
  return { filters: { ...EMPTY_FILTERS }, selectedId: null, scrollTop: 0 };
}

export interface PolicyState {
  lastTest: PolicyTestResult | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Restores chat state saved earlier. An answer that was streaming when the view went away cannot resume here. */
export function loadChatState(saved: unknown, newId: () => string): ChatState {
  const fresh = initialChatState(newId());
  if (!isObject(saved) || typeof saved.conversationId !== 'string' || !Array.isArray(saved.turns)) return fresh;
  const s = saved as unknown as ChatState;
  return {
    ...fresh,
    ...s,
    turns: s.turns.map((t) => (t.status === 'streaming' ? { ...t, status: 'interrupted' } : t)),
  };
}

export function loadDecisionsState(saved: unknown): DecisionsState {
  const fresh = initialDecisionsState();
  if (!isObject(saved) || !isObject(saved.filters)) return fresh;
  const s = saved as unknown as DecisionsState;
  return { filters: { ...EMPTY_FILTERS, ...s.filters }, selectedId: typeof s.selectedId === 'string' ? s.selectedId : null, scrollTop: Number(s.scrollTop) || 0 };
}

export function loadPolicyState(saved: unknown): PolicyState {
  return isObject(saved) && isObject(saved.lastTest) ? { lastTest: saved.lastTest as unknown as PolicyTestResult } : { lastTest: null };
}

/** Holds one view's state; saves it to the host at most every `saveEveryMs` (streaming chunks arrive fast) and on pagehide. */
export class Store<S, A> {
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(state: S, previous: S) => void>();

  constructor(
    private state: S,
    private readonly reducer: (state: S, action: A) => S,
    private readonly save: (state: S) => void,
    private readonly saveEveryMs = 200,
  ) {
    globalThis.addEventListener?.('pagehide', () => this.flush());
  }

  get(): S {
    return this.state;
  }

  dispatch(action: A): void {
    const previous = this.state;
    this.state = this.reducer(previous, action);
    if (this.state === previous) return;
    for (const listener of this.listeners) listener(this.state, previous);
    this.saveTimer ??= setTimeout(() => this.flush(), this.saveEveryMs);
  }

  subscribe(listener: (state: S, previous: S) => void): void {
    this.listeners.add(listener);
  }

  flush(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.save(this.state);
  }
}

/** For views whose state is a bag of fields: the action is the change. */
export function patchReducer<S>(state: S, patch: Partial<S>): S {
  return { ...state, ...patch };
}
