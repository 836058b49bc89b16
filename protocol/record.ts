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

/** Where a policy came from. Only `shipped` is one of Airlock's own presets; the others are files someone wrote:
 *  `policy-dir` a preset under a folder the config names as a policy source (`policyDirs`), `config` the file the
 *  config's `policy:` names, `file` a file given on the command line (`airlock explain --policy ./x.yaml`). */
export type PolicySource = 'shipped' | 'policy-dir' | 'config' | 'file';

export interface PolicyRef {
  /** The `name:` written inside the file: a label only. Any file can call itself `balanced`; `id` and `source`
   *  say which policy it really was. */
  name: string;
  version: string;
  /** sha256 of the preset file's bytes: the exact policy that decided. */
  hash: string;
  /** `presets/<name>.yaml` for a shipped preset, otherwise the absolute path of the file. */
  file: string;
  /** Absent in records written before the field existed. */
  source?: PolicySource;
  /** Where it came from and its content hash: `balanced@sha256:<hex>` for a shipped preset (named by its file,
   *  not by the name inside it), `/abs/path/team.yaml@sha256:<hex>` for any other file. Absent in records written
   *  before the field existed. */
  id?: string;
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
  /** What became of the model the client named (HTTP surfaces): used when the policy accepted it, else why not. */
  requested?: { name: string; modelId: string | null; used: boolean; reason: string };
}

export interface DecisionRecord {
  version: typeof RECORD_VERSION;
  /** UUIDv7: sortable by creation time. */
  id: string;
  createdAt: string;
  policy: PolicyRef;
  facts: RequestFacts;
  /** `masks`: where the stored text differs from the raw prompt (raw offsets → placeholder; never a value), so the
   *  signals (raw offsets) can be shown over the stored text. Absent in records written before the field existed. */
  prompt: { chars: number; storage: PromptStorage; text?: string; masks?: { start: number; end: number; placeholder: string }[] };
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
  /** The tools the model called in its answer, by name, in order of first call (the seed's `tools` used; `facts.tools`
   *  is what the client offered). Absent when it called none, or in records written before the field existed. */
  toolsUsed?: string[];
  /** Present when redactions were applied: what the re-scan of the text to be sent found and did. */
  rescan?: Rescan;
  status: RecordStatus;
  error?: { code: ErrorCode; message: string };
}

const SOURCE_WORDS: Record<PolicySource, string> = {
  shipped: 'shipped preset',
  'policy-dir': 'not a shipped preset: a file from a policy folder (policyDirs)',
  config: "not a shipped preset: the file the daemon's config names",
  file: 'not a shipped preset: a file given on the command line',
};

/**
 * How the Decisions view and `airlock explain` name the policy of a record: by origin and content hash. A file that
 * is not a shipped preset is said to be so, whatever name it gives itself.
 */
export function describePolicy(ref: PolicyRef): { id: string; origin: string; shipped: boolean | null } {
  const hash = `sha256:${ref.hash.slice(0, 12)}`;
  if (!ref.source || !ref.id) {
    return { id: `${ref.name}@${hash} (${ref.file})`, origin: 'unknown: recorded before Airlock kept where a policy came from', shipped: null };
  }
  const id = ref.source === 'shipped' ? `${ref.id.slice(0, ref.id.indexOf('@'))}@${hash}` : `${ref.file}@${hash}`;
  const calls = ref.source !== 'shipped' ? ` (calls itself '${ref.name}' ${ref.version})` : ` ${ref.version}`;
  return { id: `${id}${calls}`, origin: SOURCE_WORDS[ref.source], shipped: ref.source === 'shipped' };
}
