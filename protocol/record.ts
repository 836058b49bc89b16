// The decision record: one per request, immutable once written. Never holds a raw secret:
// signals carry kind/type/span, redactions carry placeholders, and the prompt text is stored only as the policy says.

import type { Capability, ProviderClass } from './catalogue';
import type { ErrorCode } from './errors';
import type { RequestFacts } from './facts';
import type { CodeSummary, Signal } from './signals';

export const RECORD_VERSION = 1;

export type RouteTarget = ProviderClass | 'blocked';
export type RecordStatus = 'planned' | 'streaming' | 'ok' | 'blocked' | 'error' | 'cancelled';
export type PromptStorage = 'none' | 'redacted' | 'full';

export interface PolicyRef {
  name: string;
  version: string;
  /** sha256 of the preset file's bytes: the exact policy that decided. */
  hash: string;
  file: string;
}

export interface RuleRef {
  id: string;
  preset: string;
  file: string;
  /** 1-based line of the rule in the preset file; 0 for the preset's default. */
  line: number;
}

export interface Redaction {
  kind: 'secret' | 'pii';
  type: string;
  start: number;
  end: number;
  /** The stable placeholder sent instead, e.g. `[SECRET_1]`, `[EMAIL_1]`. */
  placeholder: string;
}

export interface CandidateVerdict {
  modelId: string;
  provider: string;
  model: string;
  class: ProviderClass;
  accepted: boolean;
  /** Why it was rejected or where it ranked ("class hosted not allowed", "lacks tools", "rank 1: cheapest"). */
  reason: string;
  estimatedCostUsd?: number;
}

/** Why an attempt failed, in the terms retry and fallback need (providers/ maps whatever a provider throws to one). */
export type ProviderFailure =
  | 'refused' // connection refused / DNS / reset before any byte: the provider is down
  | 'timeout'
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'auth' // 401/403, no key, or a keychain that could not give it (then `code` says why)
  | 'not-found' // unknown model (Ollama: not pulled)
  | 'bad-request' // 4xx other than the above: retrying will not help
  | 'malformed' // the stream broke the wire format
  | 'reset' // the connection dropped mid-stream
  | 'cancelled';

export interface Attempt {
  modelId: string;
  provider: string;
  startedAt: string;
  durationMs: number;
  outcome: 'ok' | 'error' | 'timeout' | 'cancelled' | 'circuit-open';
  httpStatus?: number;
  /** The failure kind (not an ErrorCode: the record's `error.code` is the request's coded outcome). */
  errorCode?: ProviderFailure;
  message?: string;
}

export interface OutputFilter {
  name: string;
  action: 'none' | 'redacted' | 'blocked';
  /** What the filter found, as signal types (never the text). */
  findings: string[];
}

export interface Route {
  target: RouteTarget;
  /** The provider and model chosen first; filled when target is not blocked. */
  provider: string | null;
  model: string | null;
  modelId: string | null;
  region: string | null;
  retentionDays: number | null;
  noTraining: boolean | null;
  requiredCapabilities: Capability[];
  /** Preference that ranked the candidates. */
  prefer: 'cheap' | 'fast' | 'strong';
  escalated: boolean;
  candidates: CandidateVerdict[];
}

export interface DecisionRecord {
  version: typeof RECORD_VERSION;
  /** UUIDv7: sortable by creation time. */
  id: string;
  createdAt: string;
  policy: PolicyRef;
  facts: RequestFacts;
  prompt: { chars: number; storage: PromptStorage; text?: string };
  signals: Signal[];
  code: CodeSummary;
  redactions: Redaction[];
  route: Route;
  rule: RuleRef;
  /** Plain-English reason built from the rule that fired and the concrete signals. */
  explanation: string;
  /** Every rule that matched, in order; the first decided the route, later ones may add actions. */
  matchedRules: string[];
  requireCitations: boolean;
  review: { required: boolean; reasons: string[] };
  /** Filled as the request is carried out. */
  attempts: Attempt[];
  fallbacks: number;
  /** How long the detectors took on this prompt, in milliseconds to the microsecond. Absent in records written
   *  before the field existed. */
  scanMs?: number;
  latencyMs: number | null;
  firstTokenMs: number | null;
  tokens: { input: number; output: number } | null;
  costUsd: number | null;
  outputFilters: OutputFilter[];
  status: RecordStatus;
  error?: { code: ErrorCode; message: string };
}
