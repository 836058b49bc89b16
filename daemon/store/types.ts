// The store's public types, exported for the daemon server and the CLI.
import type { DecisionRecord, RecordStatus, RouteTarget } from '../../protocol/record';

/** Where an entry sits in the hash chain. */
export interface ChainPosition {
  seq: number;
  hash: string;
}

export interface StoredRecord extends ChainPosition {
  record: DecisionRecord;
}

/** A "mark reviewed" entry: appended after the record, never changing it. */
export interface Review extends ChainPosition {
  recordId: string;
  by: string;
  /** ISO time the review was marked. */
  at: string;
  note?: string;
}

export interface RecordWithReviews extends StoredRecord {
  /** Oldest first. */
  reviews: Review[];
}

export interface QueryItem extends StoredRecord {
  /** At least one review has been marked. */
  reviewed: boolean;
}

export interface RecordQuery {
  /** 1..MAX_QUERY_LIMIT; larger values are capped. Default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  before?: string;
  target?: RouteTarget;
  /** Id of the rule that decided the route. */
  rule?: string;
  /** `route.provider`. */
  provider?: string;
  /** A signal `type` (any kind), e.g. `aws-secret-access-key`, `email`, `typescript`. */
  signalType?: string;
  status?: RecordStatus;
  /** true: review required and not yet reviewed. false: the others. */
  needsReview?: boolean;
  /** Case-insensitive substring of explanation, rule, provider, model, signal types and stored prompt text. */
  text?: string;
}

export interface QueryResult {
  /** Newest first. */
  records: QueryItem[];
  /** Pass as `before` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface BrokenEntry {
  /** The entry that fails; for `anchor`, the anchored seq the database does not agree with. */
  seq: number;
  /** The record's id (for a review: the id of the record it reviews); null for `anchor` and `key`. */
  id: string | null;
  /** `anchor`: the database disagrees with decisions.head or an exported head; `key`: the audit key is missing or damaged. */
  kind: 'record' | 'review' | 'anchor' | 'key';
  reason: string;
}

export type AuditErrorCode = 'AIRLOCK_E_AUDIT_BROKEN' | 'AIRLOCK_E_AUDIT_ANCHOR' | 'AIRLOCK_E_AUDIT_KEY';

/** What a successful verification covered: an older store proves less, and says so. */
export interface VerifyCoverage {
  /** `file`: the database ends exactly at the head kept in decisions.head. `none`: no anchor file and no sign the
   *  store was ever anchored (an older Airlock): newest entries cut off, or all of them, cannot be detected. */
  anchor: 'file' | 'none';
  /** Entries from this seq on carry an HMAC and each was checked with the audit key; earlier entries predate HMACs.
   *  null: no entry carries one. */
  macFrom: number | null;
  /** The exported head given to verify, found in the chain. */
  external: ChainPosition | null;
}

export type VerifyResult =
  | { ok: true; count: number; records: number; reviews: number; head: ChainPosition; coverage: VerifyCoverage }
  /** `count`: entries that verified before the first broken one. */
  | { ok: false; count: number; code: AuditErrorCode; firstBroken: BrokenEntry };

export interface VerifyOptions {
  /** A head exported earlier (`HASH@SEQ`, parsed): the chain must still hold it. */
  external?: ChainPosition;
}

export type StoreEvent = { type: 'record'; entry: StoredRecord } | { type: 'review'; entry: Review };

export type StoreListener = (event: StoreEvent) => void;

export interface Store {
  /** Absolute path of the SQLite file. */
  readonly path: string;
  /** Appends a final record; returns once it is durable on disk. */
  append(record: DecisionRecord): ChainPosition;
  /** Appends several in one transaction (one fsync), in order; all or none. */
  appendMany(records: readonly DecisionRecord[]): ChainPosition[];
  /** Group commit (the daemon's path, group-commit.ts): resolves once the record is durable. Records queued while
   *  a commit is in flight share the next transaction, anchor write and flush; a bad record fails alone. */
  appendGrouped(record: DecisionRecord): Promise<ChainPosition>;
  /** Writes everything queued for group commit now, in place (shutdown). */
  drain(): void;
  /** Throws AIRLOCK_E_NOT_FOUND for an unknown id. */
  get(id: string): RecordWithReviews;
  query(query?: RecordQuery): QueryResult;
  markReviewed(id: string, review: { by: string; note?: string }, now: Date): Review;
  verify(options?: VerifyOptions): VerifyResult;
  /** JSONL lines, oldest first: records (and reviews) created at or after `since`. */
  export(options?: { since?: string }): Iterable<string>;
  /** The same entries as rows (the stored JSON, seq and hashes), after seq `after`: what other export formats and
   *  `--follow` read (daemon/store/siem.ts). */
  exportRows(options?: { since?: string; after?: number }): Iterable<import('./export').ExportRow>;
  /** Called after each committed append or review; returns the unsubscribe function. */
  subscribe(listener: StoreListener): () => void;
  close(): void;
}
