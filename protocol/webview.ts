// Messages between the sidebar webviews and the extension (postMessage). The webview never talks to airlockd:
// it asks the extension, which forwards to the daemon through the methods in ./methods.
import type { ErrorValue } from './errors';
import type { ClientResults, DecisionQuery, PolicySummary, ReviewEntry } from './methods';
import type { DecisionRecord } from './record';

export type ViewId = 'chat' | 'decisions' | 'policy';
/** A page of the webview bundle: a sidebar view, or 'detail' (one decision in an editor tab). */
export type PageId = ViewId | 'detail';
export type AttachMode = 'none' | 'selection' | 'file';
/** What a banner or error button asks the extension to do for the user. */
export type HelpAction = 'start' | 'log' | 'settings' | 'setApiKey' | 'ollamaHelp';

/** Requests a webview sends; each gets exactly one response. */
export interface WebviewRequests {
  'chat/send': { params: { requestId: string; text: string; attach: AttachMode; conversationId: string }; result: ClientResults['chat/send'] };
  'chat/cancel': { params: { requestId: string }; result: ClientResults['chat/cancel'] };
  /** Dry run before sending: where would this go, would it be blocked or redacted? Nothing is sent. */
  'chat/preview': { params: { text: string; attach: AttachMode }; result: ClientResults['explain/run'] };
  'decisions/query': { params: DecisionQuery; result: ClientResults['decision/list'] };
  'decisions/get': { params: { id: string }; result: ClientResults['decision/get'] };
  'decisions/review': { params: { id: string; note?: string }; result: ClientResults['decision/review'] };
  /** Opens the preset file at the rule's line in an editor. */
  'decisions/openRule': { params: { file: string; line: number }; result: { opened: boolean } };
  'policy/get': { params: Record<string, never>; result: PolicySummary };
  'policy/switch': { params: { policy: string }; result: PolicySummary };
  'policy/test': { params: Record<string, never>; result: ClientResults['policy/test'] };
  /** Buttons on the "airlockd is not running" banner and on errors: start the daemon, its log, settings, a key, Ollama help. */
  'help/run': { params: { action: HelpAction }; result: { done: boolean } };
  /** Puts a code block from an answer into the active editor, replacing its selection. */
  'editor/insert': { params: { code: string }; result: { inserted: boolean } };
  /**
   * Proposes a code block as an edit: a diff of the file the block names (its fence info, e.g. ```ts src/app.ts) or of
   * the active editor (its selection, or the whole file), applied only when the user accepts. `message` says what
   * happened, for the block's status line.
   */
  'editor/apply': { params: { code: string; file?: string }; result: { applied: boolean; message: string } };
  /** Opens a decision's detail in an editor tab. */
  'decisions/openTab': { params: { id: string }; result: { opened: boolean } };
}

/** What the chat would attach right now, shown as chips in its composer. */
export interface EditorContext {
  /** The active editor's file: `name` for the chip, `path` for its tooltip. */
  file: { name: string; path: string } | null;
  /** A non-empty selection in it, 1-based inclusive lines. */
  selection: { startLine: number; endLine: number; chars: number } | null;
}

/** Events the extension pushes to a webview. */
export interface ExtensionEvents {
  'connection': { state: 'connected' | 'connecting' | 'down'; message: string };
  'chat/started': { requestId: string; record: DecisionRecord };
  'chat/chunk': { requestId: string; delta: string };
  'decision/appended': { record: DecisionRecord };
  'decision/reviewed': { review: ReviewEntry };
  'policy/changed': { policy: PolicySummary };
  /** The extension asks the chat view to show a decision (badge click elsewhere, a command). */
  'decisions/show': { id: string };
  /** A command put text into the chat (Ask About Selection). */
  'chat/prefill': { text: string; attach: AttachMode; send: boolean };
  'settings': { attachByDefault: boolean };
  /** The editor the chat attaches from changed (file or selection): the attachment chips follow it. */
  'editor/context': EditorContext;
  /** The Chat view's toolbar: start a new conversation. */
  'chat/new': Record<string, never>;
  /** The Decisions view's toolbar: focus the filter bar. */
  'decisions/focusFilter': Record<string, never>;
}

export type WebviewMethod = keyof WebviewRequests;
export type ExtensionEvent = keyof ExtensionEvents;

export type ToExtension =
  | { kind: 'ready'; view: PageId }
  | { [M in WebviewMethod]: { kind: 'request'; id: number; method: M; params: WebviewRequests[M]['params'] } }[WebviewMethod];

export type ToWebview =
  | { kind: 'response'; id: number; result: unknown }
  | { kind: 'response'; id: number; error: ErrorValue }
  | { [E in ExtensionEvent]: { kind: 'event'; event: E; payload: ExtensionEvents[E] } }[ExtensionEvent];
