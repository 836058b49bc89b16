// Walks the whole chain, oldest first, and names the first entry that does not verify, then checks the database
// head against the anchor file and, if given, a head exported earlier. What each check can and cannot detect is in
// README.md ("What verify detects").
import { timingSafeEqual } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import { AirlockError } from '../../protocol/errors';
import type { DecisionRecord } from '../../protocol/record';
import { ANCHOR_FILE, anchorProblem, externalProblem, readAnchor, type AnchorRead } from './anchor';
import { canonicalJson, chainHash, GENESIS_HASH } from './chain';
import { chainHead, firstMacSeq, hashAt, prepared } from './db';
import { AUDIT_KEY_FILE, entryMac, readAuditKey } from './key';
import { deriveColumns, signalKeys, type DerivedColumns, type RecordRow } from './records';
import type { ReviewEntry, ReviewRow } from './reviews';
import type { AuditErrorCode, BrokenEntry, ChainPosition, VerifyOptions, VerifyResult } from './types';

type ChainRow = { kind: 'record' | 'review'; seq: number; ref: string; json: string; prev_hash: string; hash: string; mac: string | null };

const BATCH = 1000;
const CHAIN_SQL = `
  SELECT 'record' AS kind, seq, id AS ref, json, prev_hash, hash, mac FROM records WHERE (seq, 'record') > (@after, @afterKind)
  UNION ALL SELECT 'review' AS kind, seq, record_id AS ref, json, prev_hash, hash, mac FROM reviews WHERE (seq, 'review') > (@after, @afterKind)
  ORDER BY seq, kind LIMIT @limit`;
/** Reading the anchor and taking the database snapshot are retried until the anchor did not change in between. */
const ANCHOR_READS = 20;

/** The chain in seq order, a batch at a time (an open iterator would keep the connection busy for other statements). */
function* chainRows(db: Db): Generator<ChainRow> {
  // Keyset on (seq, kind) so that a seq used twice (a forged entry) is still read, not skipped.
  let after: { after: number; afterKind: string } = { after: Number.MIN_SAFE_INTEGER, afterKind: '' };
  for (;;) {
    const rows = prepared(db, CHAIN_SQL).all({ ...after, limit: BATCH }) as ChainRow[];
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = { after: last.seq, afterKind: last.kind };
  }
}

const sameRead = (a: AnchorRead, b: AnchorRead) => a.state === b.state && (a.state !== 'ok' || a.text === (b as typeof a).text);

export function verifyChain(db: Db, dir: string, options: VerifyOptions = {}): VerifyResult {
  // The daemon rewrites the anchor around each commit. An anchor read just before and just after the snapshot
  // is taken, and unchanged, is the one that snapshot must agree with.
  for (let attempt = 0; attempt < ANCHOR_READS; attempt++) {
    const before = readAnchor(dir);
    // One read transaction: a consistent snapshot even while the daemon appends. Its first read fixes the snapshot.
    const result = db.transaction(() => {
      const head = chainHead(db);
      const anchor = readAnchor(dir);
      return sameRead(before, anchor) ? walk(db, dir, head, anchor, options) : null;
    })();
    if (result) return result;
  }
  return fail('AIRLOCK_E_AUDIT_ANCHOR', 0, { seq: 0, id: null, kind: 'anchor', reason: `${ANCHOR_FILE} kept changing while it was read; try again` });
}

const fail = (code: AuditErrorCode, count: number, firstBroken: BrokenEntry): VerifyResult => ({ ok: false, count, code, firstBroken });

function walk(db: Db, dir: string, head: ChainPosition, anchor: AnchorRead, options: VerifyOptions): VerifyResult {
  let key: Buffer | null;
  try {
    key = readAuditKey(dir);
  } catch (err) {
    return fail('AIRLOCK_E_AUDIT_KEY', 0, { seq: 0, id: null, kind: 'key', reason: (err as AirlockError).message });
  }
  // Where HMACs start: the anchor says (outside the database, so stripping every MAC does not hide them);
  // without one, the first entry that has a MAC.
  const macFrom = anchor.state === 'ok' ? anchor.anchor.macFrom : firstMacSeq(db);
  if (macFrom !== null && key === null && head.seq >= macFrom) {
    const reason = `entries from ${macFrom} on carry HMACs but there is no audit key (${AUDIT_KEY_FILE} in the Airlock home): they cannot be checked`;
    return fail('AIRLOCK_E_AUDIT_KEY', 0, { seq: macFrom, id: null, kind: 'key', reason });
  }
  const signals = loadSignalKeys(db);
  const recordHashes = new Map<string, string>();
  let prev = { seq: 0, hash: GENESIS_HASH };
  let records = 0;
  let reviews = 0;
  for (const row of chainRows(db)) {
    const reason = linkProblem(row, prev) ?? contentProblem(db, row, signals, recordHashes) ?? macProblem(row, macFrom, key);
    if (reason) return fail('AIRLOCK_E_AUDIT_BROKEN', records + reviews, broken(row, reason));
    if (row.kind === 'record') {
      records++;
      recordHashes.set(row.ref, row.hash);
    } else reviews++;
    prev = { seq: row.seq, hash: row.hash };
  }
  const count = records + reviews;
  const at = (seq: number) => hashAt(db, seq);
  const headProblem = anchorFileProblem(anchor, prev, macFrom !== null || key !== null, at);
  if (headProblem) return fail('AIRLOCK_E_AUDIT_ANCHOR', count, { ...headProblem, id: null, kind: 'anchor' });
  const external = options.external ?? null;
  const externalReason = external && externalProblem(external, prev, at);
  if (externalReason) return fail('AIRLOCK_E_AUDIT_ANCHOR', count, { seq: external.seq, id: null, kind: 'anchor', reason: externalReason });
  return { ok: true, count, records, reviews, head: prev, coverage: { anchor: anchor.state === 'ok' ? 'file' : 'none', macFrom, external } };
}

/** `wasAnchored`: entries carry HMACs or an audit key exists, so an anchor file was written at some point. */
function anchorFileProblem(anchor: AnchorRead, head: ChainPosition, wasAnchored: boolean, at: (seq: number) => string | undefined): { seq: number; reason: string } | null {
  if (anchor.state === 'damaged') return { seq: head.seq, reason: `the anchor file ${ANCHOR_FILE} is damaged (${anchor.cause})` };
  if (anchor.state === 'missing') {
    return wasAnchored
      ? { seq: head.seq, reason: `the anchor file ${ANCHOR_FILE} is missing, yet this store was anchored (an audit key exists or entries carry HMACs): it was deleted` }
      : null;
  }
  const reason = anchorProblem(anchor.anchor, head, at);
  return reason === null ? null : { seq: anchor.anchor.broken?.seq ?? anchor.anchor.seq, reason };
}

function macProblem(row: ChainRow, macFrom: number | null, key: Buffer | null): string | null {
  if (macFrom === null || row.seq < macFrom || key === null) return null;
  if (row.mac === null) return 'no HMAC: the entry was written without the audit key (forged)';
  const expected = Buffer.from(entryMac(key, row.seq, row.hash), 'hex');
  const given = Buffer.from(row.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'HMAC does not match: the entry was forged without the audit key, or the key was replaced';
}

function broken(row: ChainRow, reason: string): BrokenEntry {
  return { seq: row.seq, id: row.ref, kind: row.kind, reason };
}

function linkProblem(row: ChainRow, prev: { seq: number; hash: string }): string | null {
  if (row.seq !== prev.seq + 1) {
    return row.seq <= prev.seq ? `seq ${row.seq} is used twice` : `entries ${prev.seq + 1}..${row.seq - 1} are missing (removed)`;
  }
  if (row.prev_hash !== prev.hash) {
    return prev.seq === 0
      ? 'prev_hash is not the genesis hash'
      : `prev_hash does not match the hash of entry ${prev.seq}: that entry was changed or replaced, or this one was inserted`;
  }
  return null;
}

function contentProblem(db: Db, row: ChainRow, signals: Map<number, string>, recordHashes: Map<string, string>): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.json);
  } catch {
    return 'stored JSON does not parse';
  }
  if (canonicalJson(parsed) !== row.json) return 'stored JSON is not in canonical form (edited outside the store)';
  if (chainHash(row.prev_hash, row.json) !== row.hash) return 'hash does not match the content: the entry was changed';
  return row.kind === 'record'
    ? recordColumnsProblem(db, row, parsed as DecisionRecord, signals)
    : reviewColumnsProblem(db, row, parsed as ReviewEntry, recordHashes);
}

/** The indexed columns must say what the hashed JSON says, or queries could hide or invent records. */
function recordColumnsProblem(db: Db, row: ChainRow, record: DecisionRecord, signals: Map<number, string>): string | null {
  let derived: DerivedColumns;
  try {
    derived = deriveColumns(record);
  } catch {
    return 'the record lacks fields every record has';
  }
  const stored = prepared(db, 'SELECT * FROM records WHERE seq = ?').get(row.seq) as RecordRow;
  for (const column of Object.keys(derived) as (keyof DerivedColumns)[]) {
    if (stored[column] !== derived[column]) return `column ${column} disagrees with the hashed record`;
  }
  if ((signals.get(row.seq) ?? '') !== signalKeys(record).join('\n')) return 'signal index disagrees with the hashed record';
  return null;
}

function reviewColumnsProblem(db: Db, row: ChainRow, entry: ReviewEntry, recordHashes: Map<string, string>): string | null {
  if (entry.kind !== 'review') return 'a review entry whose JSON is not a review';
  const stored = prepared(db, 'SELECT * FROM reviews WHERE seq = ?').get(row.seq) as ReviewRow;
  if (stored.record_id !== entry.recordId || stored.at !== entry.at || stored.by !== entry.by || stored.note !== (entry.note ?? null)) {
    return 'review columns disagree with the hashed review';
  }
  if (recordHashes.get(entry.recordId) !== entry.recordHash) return `the reviewed record ${entry.recordId} is not the one that was reviewed`;
  return null;
}

function loadSignalKeys(db: Db): Map<number, string> {
  const byRecord = new Map<number, string[]>();
  for (const { record_seq, kind, type } of prepared(db, 'SELECT record_seq, kind, type FROM record_signals').all() as {
    record_seq: number;
    kind: string;
    type: string;
  }[]) {
    const keys = byRecord.get(record_seq) ?? [];
    keys.push(`${kind}:${type}`);
    byRecord.set(record_seq, keys);
  }
  return new Map([...byRecord].map(([seq, keys]) => [seq, keys.sort().join('\n')]));
}

/** A failed verification as the error the CLI and the server report. */
export function auditBrokenError(result: Extract<VerifyResult, { ok: false }>): AirlockError {
  const { seq, id, kind, reason } = result.firstBroken;
  const where = kind === 'record' || kind === 'review' ? `audit chain broken at entry ${seq} (${kind} ${id ?? '?'})` : `audit ${kind} check failed at seq ${seq}`;
  return new AirlockError(result.code, `${where}: ${reason}`, {
    ...result.firstBroken,
    verified: result.count,
  });
}
