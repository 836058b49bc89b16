// Every error Airlock reports, by stable code. Errors are values: they cross the wire as
// `{ code, message, details? }` (JSON-RPC `error.data`), the CLI prints `code: message` and exits with `exit`.
// Add a code here first, with its documentation; never reuse or rename one.

export interface ErrorSpec {
  /** JSON-RPC error code used when the error crosses the WebSocket. */
  rpc: number;
  /** CLI exit status. */
  exit: 1 | 2 | 3;
  /** What it means and what to do; rendered into docs/errors.md. */
  doc: string;
}

export const ERRORS = {
  AIRLOCK_E_USAGE: { rpc: -32602, exit: 2, doc: 'The command line is wrong: unknown command or flag, missing argument. `airlock --help` lists the commands.' },
  AIRLOCK_E_INPUT: { rpc: -32602, exit: 2, doc: 'The input is not what the command takes: not UTF-8 text, not a JSON object of the expected shape. The message says which line or field.' },
  AIRLOCK_E_INPUT_TOO_LARGE: { rpc: -32602, exit: 2, doc: 'The input is over the documented limit (a prompt over 10 MiB, images in VS Code\'s chat beyond 20 per request, 5 MiB each or 15 MiB together, a `scan --jsonl` line over 30 MiB, a message over the WebSocket frame limit, a JSON-RPC batch of more than 100 requests). Nothing was sent anywhere.' },
  AIRLOCK_E_POLICY_NOT_FOUND: { rpc: -32001, exit: 2, doc: 'No preset of that name under presets/ and no file at that path.' },
  AIRLOCK_E_POLICY_PARSE: { rpc: -32002, exit: 1, doc: 'The preset is not valid YAML. The message names file:line:column; the previous good policy stays active.' },
  AIRLOCK_E_POLICY_INVALID: { rpc: -32003, exit: 1, doc: 'The preset is YAML but breaks the schema (presets/policy.schema.json): unknown field, wrong type, duplicate rule id. The message names file:line:column of the offending value.' },
  AIRLOCK_E_POLICY_NOT_ALLOWED: { rpc: -32007, exit: 2, doc: 'A client (`chat/send`, `explain/run`, `policy/set`, `policy/test`) named a policy file outside the allowed sources: clients may choose only the shipped presets, presets in the folders the config lists under `policyDirs`, and the config\'s own `policy`. A symbolic link leading out of those folders counts as outside. Put the preset in a `policyDirs` folder, or name it in the config.' },
  AIRLOCK_E_POLICY_LOCKED: { rpc: -32008, exit: 2, doc: 'The config sets `lockPolicy: true`: the policy is the one the config names and no client can switch it or choose another per request. Change the config (or ask whoever manages it).' },
  AIRLOCK_E_POLICY_SIGNATURE: { rpc: -32019, exit: 2, doc: 'The config sets `requireSignedPolicy: true` and the policy file has no valid SSH signature next to it (`<file>.sig`, made with `ssh-keygen -Y sign -n airlock-policy -f KEY <file>`) by a key in the config\'s `allowedSigners` file (git\'s allowed_signers format). The message says which: no signature, wrong namespace, untrusted key, a file changed after signing, an unsupported key type (Ed25519 and ECDSA P-256 are supported). The daemon refuses the policy; on reload the last verified one stays active. See docs/security-teams.md.' },
  AIRLOCK_E_POLICY_TEST_FAILED: { rpc: -32004, exit: 1, doc: 'A preset test case did not get the expected route, rule or redactions; `airlock policy test` prints the difference.' },
  AIRLOCK_E_CONFIG_PARSE: { rpc: -32005, exit: 2, doc: 'The daemon config (~/.airlock/config.yaml or AIRLOCK_CONFIG) is not valid YAML; file:line:column given. On reload the last good config stays active.' },
  AIRLOCK_E_CONFIG_INVALID: { rpc: -32006, exit: 2, doc: 'The daemon config breaks its schema (unknown provider kind, model without class, bad URL); file:line:column given.' },
  AIRLOCK_E_BLOCKED: { rpc: -32010, exit: 1, doc: 'The policy blocks this request. The decision record says which rule and why; nothing was sent.' },
  AIRLOCK_E_LOCAL_UNAVAILABLE: { rpc: -32011, exit: 1, doc: 'The policy keeps this request on the machine and no local model answered. Start Ollama (`ollama serve`) and pull the model (`ollama pull MODEL`). Airlock never falls back to a hosted model for such a request.' },
  AIRLOCK_E_NO_CANDIDATE: { rpc: -32012, exit: 1, doc: 'No model in the catalogue satisfies the class and capabilities the policy requires. Add one to the config, or change the preset.' },
  AIRLOCK_E_PROVIDER: { rpc: -32013, exit: 1, doc: 'Every allowed provider failed (HTTP errors, resets, malformed streams). The record lists each attempt.' },
  AIRLOCK_E_PROVIDER_AUTH: { rpc: -32014, exit: 1, doc: 'A provider refused the API key (401/403) or none is set. Set one with `airlock keys set PROVIDER` or the provider\'s environment variable.' },
  AIRLOCK_E_PROVIDER_UNKNOWN: { rpc: -32016, exit: 2, doc: 'No provider of that name in the catalogue (`providers` in config.yaml, or the built-in catalogue). `airlock providers check` with no name checks every configured provider.' },
  AIRLOCK_E_CANCELLED: { rpc: -32015, exit: 1, doc: 'The client cancelled the request; the record is kept with status `cancelled`.' },
  AIRLOCK_E_UNAUTHORIZED: { rpc: -32020, exit: 2, doc: 'The client did not prove it holds the daemon token (~/.airlock/token) in the challenge–response, sent the token in clear, or came from a browser Origin or a non-loopback Host. The connection is refused.' },
  AIRLOCK_E_SLOW_CLIENT: { rpc: -32022, exit: 3, doc: 'The daemon closed the connection (WebSocket close 1008, this code first in the reason) because the client stopped reading its replies and more than 64 MiB waited for it. Everything queued for it was dropped and its running requests cancelled. Read replies as they arrive, then reconnect.' },
  AIRLOCK_E_DAEMON_UNREACHABLE: { rpc: -32021, exit: 3, doc: 'airlockd is not running or not listening where expected. Start it with `airlock daemon start` (or `npm start`).' },
  AIRLOCK_E_DAEMON_IMPOSTOR: { rpc: -32023, exit: 3, doc: 'Something answers where airlockd should be (its socket or port) but did not prove it holds the daemon token: a stale airlockd.json after a crash, or another program or user on the port. Nothing was sent to it, neither the token nor a prompt. Stop that program or set another `port` in config.yaml, then `airlock daemon start`.' },
  AIRLOCK_E_RPC_PARSE: { rpc: -32700, exit: 2, doc: 'A WebSocket message was not valid JSON. The connection stays open.' },
  AIRLOCK_E_RPC_REQUEST: { rpc: -32600, exit: 2, doc: 'A message was JSON but not a JSON-RPC 2.0 request.' },
  AIRLOCK_E_RPC_METHOD: { rpc: -32601, exit: 2, doc: 'Unknown method. protocol/methods.ts lists them.' },
  AIRLOCK_E_RPC_PARAMS: { rpc: -32602, exit: 2, doc: 'The method\'s params do not match their type; the message names the field.' },
  AIRLOCK_E_KEYCHAIN_UNAVAILABLE: { rpc: -32030, exit: 3, doc: 'No usable OS keychain: no D-Bus session or no Secret Service (gnome-keyring, KWallet). Install and start one, or set the provider\'s API key environment variable instead.' },
  AIRLOCK_E_KEYCHAIN_LOCKED: { rpc: -32031, exit: 3, doc: 'The keychain is locked. Unlock it (log in to the desktop session, or `gnome-keyring-daemon --unlock`).' },
  AIRLOCK_E_STORE: { rpc: -32040, exit: 3, doc: 'The decision store (SQLite under the Airlock home) could not be opened or written. The message gives the path and the cause.' },
  AIRLOCK_E_AUDIT_BROKEN: { rpc: -32041, exit: 1, doc: 'The audit hash chain does not verify: a record was changed, removed or inserted, or an entry\'s HMAC does not match the audit key (forged by someone without the key). The message names the first broken record.' },
  AIRLOCK_E_AUDIT_ANCHOR: { rpc: -32043, exit: 1, doc: 'The decision store does not end at the chain head kept outside it (`decisions.head` in the Airlock home, or a head given with `audit verify --anchor HASH@SEQ`): the newest records were cut off, every record was removed, the file was replaced, or records were appended outside the daemon. The message gives both heads. Once seen, the anchor file keeps the mismatch; docs/audit.md says how to investigate.' },
  AIRLOCK_E_AUDIT_KEY: { rpc: -32044, exit: 1, doc: 'The audit key (`audit.key` in the Airlock home) that signs every decision-store entry is missing or damaged, so the entries\' HMACs cannot be checked. Restore it from a backup; a new key cannot vouch for entries signed with the old one.' },
  AIRLOCK_E_NOT_FOUND: { rpc: -32042, exit: 1, doc: 'No decision record with that id.' },
  AIRLOCK_E_ENDPOINT: { rpc: -32050, exit: 2, doc: 'An assistant called a path or method airlockd\'s OpenAI-, Anthropic- or Ollama-compatible endpoint does not serve (`airlock endpoint` prints the base URLs). The error comes in that API\'s own format.' },
  AIRLOCK_E_WATCH: { rpc: -32009, exit: 3, doc: 'airlockd could not watch or read the config or policy file for edits (folder removed, inotify watch limit, permissions). Logged once; airlockd keeps the last good settings and watches again by itself. Until then an edit applies at the next start.' },
  AIRLOCK_E_GRAMMAR: { rpc: -32052, exit: 3, doc: 'A tree-sitter grammar could not be loaded (missing native build, Node ABI mismatch). Logged once per language; code in that language is still found by the heuristic detector. Rebuild with `npm rebuild` under the Node that runs airlockd.' },
  AIRLOCK_E_LOG: { rpc: -32053, exit: 3, doc: 'airlockd could not write its log (~/.airlock/airlockd.log: disk full, permissions). Said once on stderr; airlockd keeps running and reopens the log on the next line.' },
  AIRLOCK_E_TELEMETRY: { rpc: -32060, exit: 3, doc: 'airlockd could not send decision spans to the OpenTelemetry collector (`telemetry.otlpEndpoint` or `OTEL_EXPORTER_OTLP_*`): unreachable, timed out, or it answered 429/5xx (retried with backoff), or refused a batch for good (4xx: dropped and counted). Logged once per failure streak; local records are never affected. `health/get` shows `telemetry.queued`, `dropped` and `lastError`.' },
  AIRLOCK_E_POLICY_SOURCE: { rpc: -32061, exit: 3, doc: 'The remote policy source (`policySource.url`) could not be fetched or did not verify: unreachable, not HTTP 200, a body whose sha256 is not the pinned one, or a signature that does not verify against `allowedSigners`. The last verified policy (cached in the Airlock home) stays active; with no verified copy yet, airlockd does not start. See docs/security-teams.md.' },
  AIRLOCK_E_INTERNAL: { rpc: -32603, exit: 3, doc: 'A bug in Airlock. The daemon log has the stack; please report it.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** The wire form of an error. */
export interface ErrorValue {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Thrown inside one process; converted to an ErrorValue at every edge. */
export class AirlockError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AirlockError';
    this.code = code;
    this.details = details;
  }
  toValue(): ErrorValue {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** Any thrown value as an ErrorValue; unknown errors become AIRLOCK_E_INTERNAL. */
export function toErrorValue(err: unknown): ErrorValue {
  if (err instanceof AirlockError) return err.toValue();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'AIRLOCK_E_INTERNAL', message };
}
