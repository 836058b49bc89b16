// JSONL export, oldest first. Each line carries the entry's exact hashed JSON with its seq, prev_hash and hash,
// so an export can be checked offline: sha256(prevHash || canonical(record or review)) === hash, and each
// prevHash is the previous line's hash (the first line's prevHash ties it to the entry before `since`).
import type { Database as Db } from 'better-sqlite3';
import { prepared } from './db';
import { normalizeTime } from './records';

const BATCH = 500;
const EXPORT_SQL = `
  SELECT 'record' AS kind, seq, json, prev_hash, hash FROM records WHERE seq > @after AND created_at >= @since
  UNION ALL SELECT 'review' AS kind, seq, json, prev_hash, hash FROM reviews WHERE seq > @after AND at >= @since
  ORDER BY seq LIMIT @limit`;

export type ExportRow = { kind: 'record' | 'review'; seq: number; json: string; prev_hash: string; hash: string };

export function exportLine(row: ExportRow): string {
  // The stored JSON is spliced in as is: it is the canonical text the hash covers.
  return `{"kind":"${row.kind}","seq":${row.seq},"prevHash":"${row.prev_hash}","hash":"${row.hash}","${row.kind}":${row.json}}`;
}

/** Validates `since` now (so a bad date fails at the call), then reads lazily in batches. */
export function exportLines(db: Db, since?: string): Iterable<string> {
  const rows = exportRows(db, { since });
  return { *[Symbol.iterator]() { for (const row of rows) yield exportLine(row); } };
}

/** The stored entries after seq `after` (0: all) created at or after `since`, oldest first, read in batches. */
export function exportRows(db: Db, options: { since?: string; after?: number } = {}): Iterable<ExportRow> {
  const from = options.since === undefined ? '' : normalizeTime(options.since, 'since');
  function* batches() {
    let after = options.after ?? 0;
    for (;;) {
      const rows = prepared(db, EXPORT_SQL).all({ after, since: from, limit: BATCH }) as ExportRow[];
      yield* rows;
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) return;
      after = last.seq;
    }
  }
  // A fresh reader per iteration, so the same export can be iterated twice.
  return { [Symbol.iterator]: batches };
}
