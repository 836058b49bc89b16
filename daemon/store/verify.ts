// Walks the whole chain, oldest first, and names the first entry that does not verify.
// What it proves: no entry was changed, removed or inserted in the middle since it was written. What it cannot:
// that the newest entries were not cut off (the head is not anchored anywhere else; the daemon may log
// `head` elsewhere to close that gap), nor stop someone who rewrites the whole chain from the point they edit.
import type { Database as Db } from 'better-sqlite3';
import { AirlockError } from '../../protocol/errors';
import type { DecisionRecord } from '../../protocol/record';
import { canonicalJson, chainHash, GENESIS_HASH } from './chain';
import { prepared } from './db';
import { deriveColumns, signalKeys, type DerivedColumns, type RecordRow } from './records';
import type { ReviewEntry, ReviewRow } from './reviews';
import type { BrokenEntry, VerifyResult } from './types';

type ChainRow = { kind: 'record' | 'review'; seq: number; ref: string; json: string; prev_hash: string; hash: string };

const BATCH = 1000;
const CHAIN_SQL = `
  SELECT 'record' AS kind, seq, id AS ref, json, prev_hash, hash FROM records WHERE (seq, 'record') > (@after, @afterKind)
  UNION ALL SELECT 'review' AS kind, seq, record_id AS ref, json, prev_hash, hash FROM reviews WHERE (seq, 'review') > (@after, @afterKind)
  ORDER BY seq, kind LIMIT @limit`;

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

export function verifyChain(db: Db): VerifyResult {
  // One read transaction: a consistent snapshot even while the daemon appends.
  return db.transaction(() => walk(db))();
}

function walk(db: Db): VerifyResult {
  const signals = loadSignalKeys(db);
  const recordHashes = new Map<string, string>();
  let prev = { seq: 0, hash: GENESIS_HASH };
  let records = 0;
  let reviews = 0;
  for (const row of chainRows(db)) {
    const reason = linkProblem(row, prev) ?? contentProblem(db, row, signals, recordHashes);
    if (reason) return { ok: false, count: records + reviews, firstBroken: broken(row, reason) };
    if (row.kind === 'record') {
      records++;
      recordHashes.set(row.ref, row.hash);
    } else reviews++;
    prev = { seq: row.seq, hash: row.hash };
  }
  return { ok: true, count: records + reviews, records, reviews, head: prev };
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
  return new AirlockError('AIRLOCK_E_AUDIT_BROKEN', `audit chain broken at entry ${seq} (${kind} ${id ?? '?'}): ${reason}`, {
    ...result.firstBroken,
    verified: result.count,
  });
}
