// "Mark reviewed": separate append-only entries in the same hash chain as the records. The hashed JSON names the
// record's id and hash, so a review cannot be moved to another record or survive a change to the one it reviewed.
import type { Database as Db } from 'better-sqlite3';
import { AirlockError } from '../../protocol/errors';
import { canonicalJson, chainHash } from './chain';
import { chainHead, prepared } from './db';
import type { Signer } from './records';
import type { Review } from './types';

export const MAX_REVIEWER_CHARS = 200;
export const MAX_NOTE_CHARS = 4000;

/** What the chain hashes for a review. */
export interface ReviewEntry {
  kind: 'review';
  recordId: string;
  recordHash: string;
  by: string;
  at: string;
  note?: string;
}

export interface ReviewRow {
  seq: number;
  record_id: string;
  at: string;
  by: string;
  note: string | null;
  json: string;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

function checkReview(review: { by: string; note?: string }, now: Date): void {
  const fail = (field: string, message: string) => {
    throw new AirlockError('AIRLOCK_E_INPUT', `review ${field} ${message}`, { field });
  };
  if (typeof review?.by !== 'string' || review.by.trim() === '') fail('by', 'must name who reviewed');
  if (review.by.length > MAX_REVIEWER_CHARS) fail('by', `is longer than ${MAX_REVIEWER_CHARS} characters`);
  if (review.note !== undefined && typeof review.note !== 'string') fail('note', 'must be text');
  if ((review.note?.length ?? 0) > MAX_NOTE_CHARS) fail('note', `is longer than ${MAX_NOTE_CHARS} characters`);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) fail('time', 'is not a valid Date');
}

/** Must run inside an IMMEDIATE transaction. */
export function insertReview(db: Db, recordId: string, review: { by: string; note?: string }, now: Date, sign: Signer): Review {
  checkReview(review, now);
  const target = prepared(db, 'SELECT hash FROM records WHERE id = ?').get(recordId) as { hash: string } | undefined;
  if (!target) throw new AirlockError('AIRLOCK_E_NOT_FOUND', `no decision record with id ${recordId}`, { id: recordId });
  const entry: ReviewEntry = { kind: 'review', recordId, recordHash: target.hash, by: review.by.trim(), at: now.toISOString(), note: review.note };
  const json = canonicalJson(entry);
  const head = chainHead(db);
  const seq = head.seq + 1;
  const hash = chainHash(head.hash, json);
  const mac = sign(seq, hash);
  prepared(db, 'INSERT INTO reviews (seq, record_id, at, by, note, json, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    seq,
    recordId,
    entry.at,
    entry.by,
    entry.note ?? null,
    json,
    head.hash,
    hash,
    mac,
  );
  return toReview({ seq, record_id: recordId, at: entry.at, by: entry.by, note: entry.note ?? null, json, prev_hash: head.hash, hash, mac });
}

export function toReview(row: ReviewRow): Review {
  const review: Review = { seq: row.seq, hash: row.hash, recordId: row.record_id, by: row.by, at: row.at };
  if (row.note !== null) review.note = row.note;
  return review;
}

export function reviewsOf(db: Db, recordId: string): Review[] {
  return (prepared(db, 'SELECT * FROM reviews WHERE record_id = ? ORDER BY seq').all(recordId) as ReviewRow[]).map(toReview);
}
