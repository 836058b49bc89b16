// The decision record: one per request, immutable once written. Never holds a raw secret:
// signals carry kind/type/span, redactions carry placeholders, and the prompt text is stored only as the policy says.

import type { Capability, ProviderClass } from './catalogue';
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

export interface Attempt {
  modelId: string;
  provider: string;
  startedAt: string;
  durationMs: number;
  outcome: 'ok' | 'error' | 'timeout' | 'cancelled' | 'circuit-open';
  httpStatus?: number;
  errorCode?: string;
  message?: string;
}

export interface OutputFilter {
  name: string;
  action: 'none' | 'redacted' | 'blocked';
  /** What the filter found, as signal types (never the text). */
  findings: string[];
}

/** The check of the redacted text before it leaves: the same detectors run again over it, placeholders included. */
export interface Rescan {
  /** Signal types the re-scan still found outside placeholders (never the text); empty when the text was clean. */
  findings: string[];
  /** `clean`: nothing left; `redacted`: what it found was redacted too; `blocked`: it could not be, so nothing was sent. */
  action: 'clean' | 'redacted' | 'blocked';
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
  /** Present when redactions were applied: what the re-scan of the text to be sent found and did. */
  rescan?: Rescan;
  status: RecordStatus;
  error?: { code: string; message: string };
}
