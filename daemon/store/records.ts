// Appending, reading and querying decision records.
import type { Database as Db } from 'better-sqlite3';
import { AirlockError } from '../../protocol/errors';
import { RECORD_VERSION, type DecisionRecord } from '../../protocol/record';
import { canonicalJson, chainHash } from './chain';
import { chainHead, prepared } from './db';
import type { ChainPosition, QueryItem, QueryResult, RecordQuery, StoredRecord } from './types';

export const DEFAULT_QUERY_LIMIT = 50;
export const MAX_QUERY_LIMIT = 500;

/** The indexed columns, all derived from the record: verify recomputes them to catch edits that bypass the JSON. */
export interface DerivedColumns {
  id: string;
  created_at: string;
  target: string;
  rule_id: string;
  provider: string | null;
  status: string;
  review_required: number;
  search: string;
}

export interface RecordRow extends DerivedColumns {
  seq: number;
  json: string;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

/** The entry's HMAC (key.ts), or null for a store opened without the key. */
export type Signer = (seq: number, hash: string) => string | null;

const inputError = (message: string, details?: Record<string, unknown>) => new AirlockError('AIRLOCK_E_INPUT', message, details);

/** ISO time normalised to `toISOString()` form so that stored times compare as strings. */
export function normalizeTime(value: string, field: string): string {
  const ms = Date.parse(value);
  if (typeof value !== 'string' || Number.isNaN(ms)) throw inputError(`${field} is not an ISO date: ${JSON.stringify(value)}`, { field });
  return new Date(ms).toISOString();
}

/** Defensive checks only: the daemon builds records from typed code; this catches what would corrupt the log. */
export function checkRecord(record: DecisionRecord): void {
  if (record === null || typeof record !== 'object') throw inputError('record is not an object');
  if (record.version !== RECORD_VERSION) throw inputError(`record version ${String(record.version)} is not ${RECORD_VERSION}`, { field: 'version' });
  if (typeof record.id !== 'string' || record.id === '') throw inputError('record.id is missing', { field: 'id' });
  const need = (ok: boolean, field: string) => {
    if (!ok) throw inputError(`record ${record.id}: ${field} is missing or of the wrong type`, { id: record.id, field });
  };
  need(typeof record.route?.target === 'string', 'route.target');
  need(typeof record.rule?.id === 'string', 'rule.id');
  need(typeof record.status === 'string', 'status');
  need(typeof record.review?.required === 'boolean', 'review.required');
  need(Array.isArray(record.signals), 'signals');
  need(typeof record.prompt?.storage === 'string', 'prompt.storage');
  // The policy said "do not keep the prompt": a text here means the daemon forgot to drop it.
  if (record.prompt.storage === 'none' && record.prompt.text !== undefined) {
    throw inputError(`record ${record.id}: prompt.storage is "none" but prompt.text is present; refusing to store it`, {
      id: record.id,
      field: 'prompt.text',
    });
  }
  normalizeTime(record.createdAt, 'createdAt');
}

export function deriveColumns(record: DecisionRecord): DerivedColumns {
  const signalTypes = [...new Set(record.signals.map((signal) => signal.type))];
  const searchParts = [
    record.explanation,
    record.rule.id,
    record.route.provider,
    record.route.model,
    record.route.modelId,
    ...signalTypes,
    record.prompt.text,
  ];
  return {
    id: record.id,
    created_at: normalizeTime(record.createdAt, 'createdAt'),
    target: record.route.target,
    rule_id: record.rule.id,
    provider: record.route.provider ?? null,
    status: record.status,
    review_required: record.review.required ? 1 : 0,
    search: searchParts.filter((part): part is string => typeof part === 'string' && part !== '').join('\n').toLowerCase(),
  };
}

/** The distinct (kind, type) pairs of a record's signals, sorted, as stored in record_signals. */
export function signalKeys(record: DecisionRecord): string[] {
  return [...new Set(record.signals.map((signal) => `${signal.kind}:${signal.type}`))].sort();
}

export const duplicateError = (id: string) => inputError(`record ${id} is already stored; records are appended once, when final`, { id });

/** A record ready to be inserted at a known place in the chain: everything hashed and signed up front. */
export interface PreparedEntry extends ChainPosition {
  record: DecisionRecord;
  row: RecordRow;
}

/**
 * Checks `record` and computes its row as the entry after `head`. Pure but for the duplicate lookup: the group
 * commit prepares a whole batch (each on the one before) before its anchor is written, then inserts it.
 */
export function prepareRecord(db: Db, record: DecisionRecord, head: ChainPosition, sign: Signer): PreparedEntry {
  checkRecord(record);
  if (prepared(db, 'SELECT 1 FROM records WHERE id = ?').get(record.id)) throw duplicateError(record.id);
  const json = canonicalJson(record);
  const seq = head.seq + 1;
  const hash = chainHash(head.hash, json);
  return { seq, hash, record, row: { seq, ...deriveColumns(record), json, prev_hash: head.hash, hash, mac: sign(seq, hash) } };
}

/** Must run inside an IMMEDIATE transaction whose chain head is the entry's `prev_hash`. */
export function insertPrepared(db: Db, entry: PreparedEntry): ChainPosition {
  prepared(
    db,
    `INSERT INTO records (seq, id, created_at, target, rule_id, provider, status, review_required, search, json, prev_hash, hash, mac)
     VALUES (@seq, @id, @created_at, @target, @rule_id, @provider, @status, @review_required, @search, @json, @prev_hash, @hash, @mac)`,
  ).run(entry.row);
  const insertSignal = prepared(db, 'INSERT INTO record_signals (type, record_seq, kind) VALUES (?, ?, ?)');
  for (const signal of new Map(entry.record.signals.map((s) => [`${s.kind}:${s.type}`, s])).values()) {
    insertSignal.run(signal.type, entry.seq, signal.kind);
  }
  return { seq: entry.seq, hash: entry.hash };
}

/** Must run inside an IMMEDIATE transaction so that the chain head cannot move underneath it. */
export function insertRecord(db: Db, record: DecisionRecord, sign: Signer): ChainPosition {
  return insertPrepared(db, prepareRecord(db, record, chainHead(db), sign));
}

export function findRecord(db: Db, id: string): StoredRecord | undefined {
  const row = prepared(db, 'SELECT seq, hash, json FROM records WHERE id = ?').get(id) as Pick<RecordRow, 'seq' | 'hash' | 'json'> | undefined;
  return row && { seq: row.seq, hash: row.hash, record: JSON.parse(row.json) as DecisionRecord };
}

function parseLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_QUERY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw inputError(`limit must be a positive integer, got ${String(limit)}`, { field: 'limit' });
  return Math.min(limit, MAX_QUERY_LIMIT);
}

/** Cursors are the seq of the last record returned; opaque to callers. */
function parseCursor(cursor: string): number {
  if (!/^[1-9]\d{0,15}$/.test(cursor)) throw inputError(`before is not a cursor from a previous page: ${JSON.stringify(cursor)}`, { field: 'before' });
  return Number(cursor);
}

export function queryRecords(db: Db, query: RecordQuery = {}): QueryResult {
  const limit = parseLimit(query.limit);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  const reviewed = 'EXISTS (SELECT 1 FROM reviews v WHERE v.record_id = r.id)';
  if (query.before !== undefined) add('r.seq < ?', parseCursor(query.before));
  if (query.target !== undefined) add('r.target = ?', query.target);
  if (query.rule !== undefined) add('r.rule_id = ?', query.rule);
  if (query.provider !== undefined) add('r.provider = ?', query.provider);
  if (query.status !== undefined) add('r.status = ?', query.status);
  // IN drives the lookup from the signal index: a rare type costs microseconds instead of a scan of every record.
  if (query.signalType !== undefined) add('r.seq IN (SELECT s.record_seq FROM record_signals s WHERE s.type = ?)', query.signalType);
  if (query.needsReview !== undefined) add(`(r.review_required = 1 AND NOT ${reviewed}) = ?`, query.needsReview ? 1 : 0);
  if (query.text !== undefined && query.text !== '') add('instr(r.search, ?) > 0', query.text.toLowerCase());
  const sql = `SELECT r.seq, r.hash, r.json, ${reviewed} AS reviewed FROM records r
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.seq DESC LIMIT ?`;
  // One row more than asked tells whether there is a next page.
  const rows = prepared(db, sql).all(...params, limit + 1) as (Pick<RecordRow, 'seq' | 'hash' | 'json'> & { reviewed: number })[];
  const page = rows.slice(0, limit);
  const records: QueryItem[] = page.map((row) => ({
    seq: row.seq,
    hash: row.hash,
    record: JSON.parse(row.json) as DecisionRecord,
    reviewed: row.reviewed === 1,
  }));
  const last = page.at(-1);
  return { records, nextCursor: rows.length > limit && last ? String(last.seq) : null };
}
