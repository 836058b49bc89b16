// Messages between the sidebar webviews and the extension (postMessage). The webview never talks to airlockd:
// it asks the extension, which forwards to the daemon through the methods in ./methods.
import type { ErrorValue } from './errors';
import type { ClientMethods, ClientResults, PolicySummary, ReviewEntry } from './methods';
import type { DecisionRecord } from './record';

export type ViewId = 'chat' | 'decisions' | 'policy';
/** A page of the webview bundle: a sidebar view, or 'detail' (one decision in an editor tab). */
export type PageId = ViewId | 'detail';
export type AttachMode = 'none' | 'selection' | 'file';
/** What a banner or error button asks the extension to do for the user. */
export type HelpAction = 'start' | 'log' | 'settings' | 'setApiKey' | 'ollamaHelp';

// ---- webview → extension: requests, one map of method → [params, result] ----
// Named as the daemon's method that answers them (protocol/methods.ts); where the webview asks exactly what the
// daemon answers, the entry is the daemon's own. Webview-only verbs (editor, help) have names of their own.

/** Requests a webview sends; each gets exactly one response. */
export interface WebviewMethods {
  'chat/send': [{ requestId: string; text: string; attach: AttachMode; conversationId: string }, ClientResults['chat/send']];
  'chat/cancel': ClientMethods['chat/cancel'];
  /** Dry run before sending: where would this go, would it be blocked or redacted? Nothing is sent. */
  'explain/run': [{ text: string; attach: AttachMode }, ClientResults['explain/run']];
  'decision/list': ClientMethods['decision/list'];
  'decision/get': ClientMethods['decision/get'];
  /** The extension signs the review with the user's name (`by`). */
  'decision/review': [{ id: string; note?: string }, ClientResults['decision/review']];
  /** Opens the preset file at the rule's line in an editor. */
  'decision/openRule': [{ file: string; line: number }, { opened: boolean }];
  'policy/get': [Record<string, never>, PolicySummary];
  'policy/set': ClientMethods['policy/set'];
  /** What switching to `policy` would have changed over the last `days` (read only). */
  'policy/replay': ClientMethods['policy/replay'];
  'policy/test': [Record<string, never>, ClientResults['policy/test']];
  /** The provider doctor: credentials, endpoint and a fixed probe per catalogue model, for every configured provider. */
  'providers/check': [Record<string, never>, ClientResults['providers/check']];
  /** Buttons on the "airlockd is not running" banner and on errors: start the daemon, its log, settings, a key, Ollama help. */
  'help/run': [{ action: HelpAction }, { done: boolean }];
  /** Puts a code block from an answer into the active editor, replacing its selection. */
  'editor/insert': [{ code: string }, { inserted: boolean }];
  /**
   * Proposes a code block as an edit: a diff of the file the block names (its fence info, e.g. ```ts src/app.ts) or of
   * the active editor (its selection, or the whole file), applied only when the user accepts. `message` says what
   * happened, for the block's status line.
   */
  'editor/apply': [{ code: string; file?: string }, { applied: boolean; message: string }];
  /** Opens a decision's detail in an editor tab. */
  'decision/openTab': [{ id: string }, { opened: boolean }];
}

/** What the chat would attach right now, shown as chips in its composer. */
export interface EditorContext {
  /** The active editor's file: `name` for the chip, `path` for its tooltip. */
  file: { name: string; path: string } | null;
  /** A non-empty selection in it, 1-based inclusive lines. */
  selection: { startLine: number; endLine: number; chars: number } | null;
}

// ---- extension → webview: events ----

/** Events the extension pushes to a webview. */
export interface ExtensionEvents {
  'connection': { state: 'connected' | 'connecting' | 'down'; message: string };
  'chat/started': { requestId: string; record: DecisionRecord };
  'chat/chunk': { requestId: string; delta: string };
  'decision/appended': { record: DecisionRecord };
  'decision/reviewed': { review: ReviewEntry };
  'policy/changed': { policy: PolicySummary };
  /** The extension asks the chat view to show a decision (badge click elsewhere, a command). */
  'decision/show': { id: string };
  /** A command put text into the chat (Ask About Selection). */
  'chat/prefill': { text: string; attach: AttachMode; send: boolean };
  'settings': { attachByDefault: boolean };
  /** The editor the chat attaches from changed (file or selection): the attachment chips follow it. */
  'editor/context': EditorContext;
  /** The Chat view's toolbar: start a new conversation. */
  'chat/new': Record<string, never>;
  /** The Decisions view's toolbar: focus the filter bar. */
  'decision/focusFilter': Record<string, never>;
}

export type WebviewMethod = keyof WebviewMethods;
export type ExtensionEvent = keyof ExtensionEvents;

export type ToExtension =
  | { kind: 'ready'; view: PageId }
  | { [M in WebviewMethod]: { kind: 'request'; id: number; method: M; params: WebviewMethods[M][0] } }[WebviewMethod];

export type ToWebview =
  | { kind: 'response'; id: number; result: unknown }
  | { kind: 'response'; id: number; error: ErrorValue }
  | { [E in ExtensionEvent]: { kind: 'event'; event: E; payload: ExtensionEvents[E] } }[ExtensionEvent];
