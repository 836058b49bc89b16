// Every JSON-RPC 2.0 method between a client (extension, CLI) and airlockd, split by direction.
// Params are zod schemas so the daemon validates them once at its edge; results are plain types.
import { z } from 'zod';
import type { KeychainState } from './keys';
import type { DecisionRecord, PolicySource, RouteTarget } from './record';
import type { ErrorCode } from './errors';
import type { ToolCall } from './tools';
import { IMAGE_MEDIA_TYPE, isBase64 } from './images';

const promptPart = z.object({
  origin: z.enum(['selection', 'file', 'rag', 'tool-output', 'clipboard']),
  path: z.string().max(4096).optional(),
  language: z.string().max(64).optional(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const requestFactsSchema = z.object({
  source: z.enum(['chat', 'command', 'cli', 'api']),
  interactive: z.boolean(),
  filePath: z.string().max(4096).optional(),
  language: z.string().max(64).optional(),
  parts: z.array(promptPart).max(64).optional(),
  tools: z.array(z.string().max(128)).max(128).optional(),
  depth: z.enum(['normal', 'deep']).optional(),
  userTier: z.string().max(64).optional(),
  task: z.string().max(256).optional(),
  rag: z.object({ index: z.string().max(256), sources: z.array(z.string().max(4096)).max(256) }).optional(),
  conversationId: z.string().max(128).optional(),
  /** The most permissive class the client allows (a model entry such as "Airlock (local only)"): narrows only. */
  maxClass: z.enum(['local', 'private', 'hosted']).optional(),
});

/** What `airlock hook` read from the agent, normalised, and how it was started (see daemon/route/hook.ts). */
export const hookDecideSchema = z.object({
  input: z.object({
    event: z.enum(['UserPromptSubmit', 'PreToolUse', 'PostToolUse']),
    tool: z.string().max(128).optional(),
    toolInput: z.unknown().optional(),
    toolResponse: z.unknown().optional(),
    prompt: z.string().max(10 * 1024 * 1024).optional(),
  }),
  options: z.object({ agent: z.enum(['hosted', 'local']), onPrompt: z.enum(['block', 'warn']), rewrite: z.boolean() }),
  policy: z.string().max(4096).optional(),
});

const text = z.string().max(10 * 1024 * 1024);
/** A client may ask for less of the prompt to be kept than the daemon's config says, never more. */
const storePrompts = z.enum(['none', 'redacted', 'full']).optional();
const id = z.string().min(1).max(128);
/** A tool the model may call (protocol/tools.ts ToolSpec); `parameters` is its JSON Schema, passed on as it came. */
const toolSpec = z.object({ name: z.string().min(1).max(128), description: z.string().max(64 * 1024).optional(), parameters: z.record(z.string(), z.unknown()).optional() });
/** An image of a VS Code chat message (protocol/images.ts): its size limits are checked by the handler, which answers
 *  AIRLOCK_E_INPUT_TOO_LARGE; here only its form (and a bound on how many one message may list). */
const lmImage = z.object({
  mediaType: z.string().regex(IMAGE_MEDIA_TYPE, 'an image media type such as image/png'),
  data: z.string().refine(isBase64, 'base64 image bytes (standard alphabet, padded; no data: URL)'),
});
const toolChoice = z.union([z.enum(['auto', 'none', 'required']), z.object({ name: z.string().min(1).max(128) })]);

export const decisionQuerySchema = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  before: z.string().max(128).optional(),
  target: z.enum(['local', 'private', 'hosted', 'blocked']).optional(),
  rule: z.string().max(128).optional(),
  provider: z.string().max(128).optional(),
  signalType: z.string().max(128).optional(),
  status: z.enum(['planned', 'streaming', 'ok', 'blocked', 'error', 'cancelled']).optional(),
  needsReview: z.boolean().optional(),
  text: z.string().max(512).optional(),
});

/** Requests a client sends to airlockd: method → params schema. */
export const clientRequests = {
  'chat/send': z.object({ requestId: id, text, facts: requestFactsSchema, policy: z.string().max(4096).optional(), storePrompts }),
  'chat/cancel': z.object({ requestId: id }),
  /** A whole conversation (VS Code's chat: the language-model provider and @airlock), decided and sent as one prompt
   *  exactly like chat/send: same chat/started and chat/chunk notifications, chat/cancel and result. */
  'lm/chat': z.object({
    requestId: id,
    /** `images`: what the message carries besides its text (VS Code's image data parts). An image cannot be scanned:
     *  the request counts as unscanned (facts.images), so the shipped presets keep it local, and only a model tagged
     *  `vision` gets the images. */
    messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant', 'tool']), text, images: z.array(lmImage).max(100).optional() })).min(1).max(1000),
    facts: requestFactsSchema,
    /** Who asked, kept in the record (`facts.client.userAgent`), e.g. `vscode-lm` or `vscode-participant`. */
    client: z.string().max(128).optional(),
    policy: z.string().max(4096).optional(),
    storePrompts,
    /** Tools the model may call (VS Code's agent mode); their definitions are scanned like the rest of the prompt, and
     *  their names become `facts.tools`. Only a model tagged `tools` gets them. */
    tools: z.array(toolSpec).max(512).optional(),
    toolChoice: toolChoice.optional(),
  }),
  /** The entries of Airlock's models in VS Code's model picker, with what the active policy's routes can serve. */
  'lm/models': z.object({}),
  'explain/run': z.object({ text, facts: requestFactsSchema, policy: z.string().max(4096).optional(), storePrompts }),
  'decision/list': decisionQuerySchema,
  'decision/get': z.object({ id }),
  'decision/subscribe': z.object({}),
  'decision/review': z.object({ id, by: z.string().min(1).max(256), note: z.string().max(4096).optional() }),
  'policy/get': z.object({}),
  'policy/set': z.object({ policy: z.string().min(1).max(4096) }),
  'policy/test': z.object({ policy: z.string().max(4096).optional() }),
  /** "What would change if I switched to …": the stored records of the last `days` re-decided under `policy` (a
   *  name or path among the allowed sources), against the routes they got. Reads only; switches nothing. */
  'policy/replay': z.object({ policy: z.string().min(1).max(4096), days: z.int().min(1).max(366).default(7) }),
  'keys/set': z.object({ provider: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), key: z.string().min(1).max(8192) }),
  'keys/status': z.object({}),
  'health/get': z.object({}),
  'audit/verify': z.object({}),
  'daemon/shutdown': z.object({}),
  /** A new endpoint key for another assistant (only a token holder may ask; the key itself can only send requests). */
  /** An agent hook's question: planned with the live policy, answered, and its record appended. */
  'hook/decide': hookDecideSchema,
  'endpoint/create': z.object({ name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional() }),
  /** `airlock providers check`: credentials, endpoint and a fixed probe per catalogue model (never a user's prompt). */
  'providers/check': z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional() }),
} as const;

export type ClientMethod = keyof typeof clientRequests;
export type ParamsOf<M extends ClientMethod> = z.input<(typeof clientRequests)[M]>;
export type ChatSendParams = ParamsOf<'chat/send'>;
export type LmChatParams = ParamsOf<'lm/chat'>;
export type DecisionQuery = z.input<typeof decisionQuerySchema>;

export interface ReviewEntry {
  recordId: string;
  by: string;
  at: string;
  note?: string;
}

export interface RuleSummary {
  id: string;
  description: string;
  line: number;
  /** The rule in plain English: when it fires and what it does. */
  plain: string;
}

export interface PolicySummary {
  /** The `name:` inside the file: a label only; `id` and `source` say which policy it is. */
  name: string;
  version: string;
  file: string;
  hash: string;
  /** `balanced@sha256:…` for a shipped preset, `/abs/file.yaml@sha256:…` for any other file. */
  id: string;
  source: PolicySource;
  /** What `policy/set` takes to choose this policy again: the preset name if shipped, else the file's path. */
  choice: string;
  description: string;
  rules: RuleSummary[];
  /** The preset's own vocabulary (`knownWords`), lowercase: words the sweep never counts as a possible name. */
  knownWords?: string[];
  /** Names a client may switch to: the shipped presets, then those in the config's policyDirs. */
  available: string[];
  /** The config sets lockPolicy: no client may switch or choose the policy. */
  locked?: boolean;
  /** requireSignedPolicy is on and this policy is not signed: every request is refused until a signed one loads. */
  suspended?: { code: string; message: string };
  /** A machine-wide config is in effect: its file and the keys it manages (a user's config cannot change them). */
  managed?: { file: string; keys: string[] };
}

/** A replay report (daemon/policy/replay.ts): how many stored records would route differently under `policy`. */
export interface PolicyReplayResult {
  policy: string;
  against: string;
  /** Records replayed, and how many would route differently. */
  records: number;
  changed: number;
  /** Grouped by (from, to, deciding rule of `policy`), most frequent first, with example record ids. */
  changes: { from: RouteTarget; to: RouteTarget; rule: string; count: number; examples: string[] }[];
  /** Records the replay cannot decide for sure, by what they lack. */
  incomplete: { lacks: string; count: number; examples: string[] }[];
  /** Estimated from recorded token counts and catalogue prices (USD). */
  cost: { before: number; after: number; delta: number; priced: number };
  /** The window replayed: records created at or after `since`. */
  since: string;
}

export interface PresetTestCaseResult {
  preset: string;
  name: string;
  passed: boolean;
  /** Expected vs actual, one line per differing field; empty when passed. */
  diff: string[];
}

export interface ProviderHealth {
  name: string;
  kind: string;
  baseUrl: string;
  circuit: 'closed' | 'open' | 'half-open';
  lastError?: string;
  hasKey: boolean;
  keySource?: 'keychain' | 'env';
  /** Why the key could not be read (a locked or missing keychain), when that is the reason there is none. */
  keyError?: { code: ErrorCode; message: string };
}

/** One catalogue model probed with the fixed probe prompt. */
export interface ModelCheck {
  id: string;
  model: string;
  ok: boolean;
  /** From sending the probe to its first streamed piece, measured. */
  firstTokenMs?: number;
  /** The provider failure kind (ProviderFailure) and HTTP status, when it failed. */
  failure?: string;
  status?: number;
  message?: string;
}

/** What `providers/check` found for one configured provider; `line` is the one-line verdict the CLI prints. */
export interface ProviderCheck {
  name: string;
  kind: string;
  ok: boolean;
  /** Starts with the name, then `ok` or what failed, then how to fix it. */
  line: string;
  /** Whether credentials were found and where (keychain, environment, AWS profile, ADC…): never the value. */
  credentials: { found: boolean; source: string };
  /** `answers` once any request got an HTTP answer; `unreachable` when none did; `not-checked` without credentials. */
  endpoint: 'answers' | 'unreachable' | 'not-checked';
  models: ModelCheck[];
  fix?: string;
}

/** One of Airlock's models in VS Code's chat. */
export interface LmModelInfo {
  /** `airlock-auto`: the policy decides every request; `airlock-local`, `airlock-private`: with a class ceiling. */
  id: string;
  name: string;
  /** Every route the active policy may choose has a model tagged `tools` (agent mode lists the entry then). */
  toolCalling: boolean;
  /** A request with images would be served: the policy keeps such a request on a route (images cannot be scanned, so
   *  only local) where it accepts a model tagged `vision`. Absent from an older daemon: no images. */
  imageInput?: boolean;
  /** What every route can take, in tokens: the smallest of the routes' largest context windows. */
  maxInputTokens: number;
  /** The class ceiling the entry puts on every request (facts.maxClass); absent for `airlock-auto`. */
  maxClass?: 'local' | 'private';
}

export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  firstBroken?: { seq: number; id: string; reason: string };
}

/** Result type of each client request. */
export interface ClientResults {
  'chat/send': { record: DecisionRecord; text: string };
  'chat/cancel': { cancelled: boolean };
  /** `toolCalls`: the calls the model made, whole, arguments restored and output-filtered; absent when it made none. */
  'lm/chat': { record: DecisionRecord; text: string; toolCalls?: ToolCall[] };
  'lm/models': { models: LmModelInfo[] };
  'explain/run': { record: DecisionRecord };
  'decision/list': { records: DecisionRecord[]; nextCursor: string | null };
  'decision/get': { record: DecisionRecord; reviews: ReviewEntry[] };
  'decision/subscribe': { subscribed: true };
  'decision/review': { review: ReviewEntry };
  'policy/get': PolicySummary;
  'policy/set': PolicySummary;
  'policy/test': { passed: number; failed: number; cases: PresetTestCaseResult[] };
  'policy/replay': PolicyReplayResult;
  'keys/set': { provider: string; stored: 'keychain' };
  'keys/status': { keychain: KeychainState; providers: { name: string; hasKey: boolean; source?: 'keychain' | 'env' }[] };
  'health/get': {
    version: string; pid: number; uptimeMs: number; policy: { name: string; file: string }; providers: ProviderHealth[]; storePath: string; records: number;
    /** OpenTelemetry export, when on: spans queued, sent and dropped (queue full or refused), and the last error. */
    telemetry?: { endpoint: string; queued: number; sent: number; dropped: number; failing: boolean; lastError: string | null };
    /** A remote policy source, when the config names one: the verified policy in use, and why the last fetch failed. */
    policySource?: { url: string; hash: string | null; verifiedAt: string | null; lastAttemptAt: string | null; lastError: string | null };
  };
  'audit/verify': AuditVerifyResult;
  'daemon/shutdown': { stopping: true };
  'hook/decide': { record: DecisionRecord; verdict: { action: 'allow' | 'deny' | 'block' | 'warn' | 'flag' | 'rewrite'; reason: string; updatedInput?: unknown } };
  'providers/check': { ok: boolean; providers: ProviderCheck[] };
  'endpoint/create': {
    name: string; key: string; openai: { baseUrl: string }; anthropic: { baseUrl: string }; ollama: { baseUrl: string };
    /** Environment lines and Continue/Cline/Aider/Zed snippets, ready to paste. */
    settings: string;
  };
}

/**
 * The one map a client is typed from (protocol/rpc-client.ts): method → [params, result]. Params come from the
 * schemas above (the daemon validates with them), results from ClientResults; a method with a schema but no result
 * type does not compile.
 */
export type ClientMethods = { [M in ClientMethod]: [ParamsOf<M>, ClientResults[M]] };

/** Notifications airlockd pushes to a client: method → params. */
export interface DaemonNotifications {
  /** The planned route, rule and explanation, sent as the request leaves for the model and always before the first
   *  chat/chunk and the chat/send response (the plan itself is made before any byte goes to a model). The record comes without the
   *  stored prompt text (the client sent the prompt); the final record in the chat/send result has it. */
  'chat/started': { requestId: string; record: DecisionRecord };
  /** Answer text, already restored from placeholders and output-filtered. */
  'chat/chunk': { requestId: string; delta: string };
  'decision/appended': { record: DecisionRecord };
  'decision/reviewed': { review: ReviewEntry };
  'policy/changed': { policy: PolicySummary } | { error: { code: ErrorCode; message: string } };
}

export type DaemonNotification = keyof DaemonNotifications;

/** JSON-RPC 2.0 response envelopes (requests are checked field by field in daemon/server/rpc.ts). */
export interface RpcSuccess {
  jsonrpc: '2.0';
  id: number | string;
  result: unknown;
}
export interface RpcFailure {
  jsonrpc: '2.0';
  id: number | string | null;
  error: { code: number; message: string; data: { code: ErrorCode; details?: Record<string, unknown> } };
}
export type RpcResponse = RpcSuccess | RpcFailure;

/** Largest WebSocket message airlockd accepts: a 10 MiB prompt JSON-encoded, plus room. */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_DAEMON_PORT = 47611;
/**
 * Node flags every launcher (CLI, extension) starts airlockd with. The daemon keeps few long-lived objects (a heap
 * snapshot under 200 concurrent gateway requests holds ~26 MB), so its peak RSS is garbage waiting for a full GC: a
 * small young generation (163 -> 141 MB at 200 streams) and a heap that grows by 30 % instead of V8's default before
 * the next mark-compact (gateway at C=200, idle: 262 -> 177 MB peak; requests/s 589 -> 535 in single runs, within
 * their spread) keep it down.
 */
export const DAEMON_NODE_ARGS = ['--max-semi-space-size=2', '--heap-growing-percent=30'] as const;
/**
 * Environment every launcher adds under the user's own (a value the user set wins). glibc gives each thread that
 * allocates its own malloc arena, and airlockd's scan workers (tree-sitter, each HTTP request's scan) grew theirs:
 * two arenas cut its peak RSS at 200 concurrent gateway requests from 199-201 to 183 MB (two runs each, loaded machine).
 */
export const DAEMON_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
