// The decision store: one append-only, hash-chained SQLite file of decision records and their reviews.
// The daemon appends each record once, when final; everything else reads. See README.md for the design.
import type { Database as Db } from 'better-sqlite3';
import { AirlockError } from '../../protocol/errors';
import type { DecisionRecord } from '../../protocol/record';
import { openDatabase, storeError } from './db';
import { exportLines, exportRows } from './export';
import { createGroupCommit, type GroupCommit } from './group-commit';
import { findRecord, insertRecord, queryRecords, type Signer } from './records';
import { insertReview, reviewsOf } from './reviews';
import { openSealer, type SealHooks, type Sealer } from './seal';
import type { Store, StoreEvent, StoreListener } from './types';
import { verifyChain } from './verify';

export type * from './types';
export { ANCHOR_FILE, formatHead, parseHead } from './anchor';
export { GENESIS_HASH, canonicalJson, chainHash } from './chain';
export { checkWritable, SCHEMA_VERSION, STORE_FILE } from './db';
export { AUDIT_KEY_FILE } from './key';
export { DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT } from './records';
export { auditBrokenError } from './verify';
export { realDisk, type Disk, type FlushTarget } from './disk';
export { exportLine, type ExportRow } from './export';

export interface StoreOptions extends SealHooks {
  /** A listener threw. Listeners run after the commit, so the append itself has succeeded. Default: ignore. */
  onListenerError?: (err: unknown, event: StoreEvent) => void;
  /** Open for verifying and reading only (the CLI): no audit key is created, the anchor is never written, and
   *  appends are refused. Default: the writer (the daemon), which signs entries and keeps the anchor. */
  readOnly?: boolean;
}

/** Opens (creating if needed) `<dir>/decisions.sqlite`. Throws AIRLOCK_E_STORE with the path and cause. */
export function openStore(dir: string, options: StoreOptions = {}): Store {
  const { db, path } = openDatabase(dir);
  let sealer: Sealer | null = null;
  try {
    if (!options.readOnly) sealer = openSealer(db, dir, options);
  } catch (err) {
    db.close();
    throw storeError(path, 'open the audit key and anchor', err);
  }
  const listeners = new Set<StoreListener>();

  // Input and lookup errors pass through; anything else from SQLite becomes AIRLOCK_E_STORE.
  const guard = <T>(action: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw storeError(path, action, err);
    }
  };
  const notify = (event: StoreEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        options.onListenerError?.(err, event);
      }
    }
  };
  const readOnlyError = () => new AirlockError('AIRLOCK_E_STORE', `decision store ${path}: opened read-only`, { path });
  const group: GroupCommit | null =
    sealer &&
    createGroupCommit({
      db,
      dir,
      sealer,
      error: (err) => storeError(path, 'append records', err),
      notify: (entries) => entries.forEach(({ seq, hash, record }) => notify({ type: 'record', entry: { seq, hash, record } })),
    });
  // IMMEDIATE takes the write lock before reading the chain head, so two writers cannot fork the chain. The group
  // commit's batch in flight is finished first: the chain and the anchor have one writer at a time.
  const write = <T>(fn: (db: Db, sign: Signer) => T): T => {
    if (!sealer) throw readOnlyError();
    group?.drain();
    const { sign } = sealer;
    return sealer.write((d) => fn(d, sign));
  };

  return {
    path,
    append(record: DecisionRecord) {
      const position = guard('append a record', () => write((d, sign) => insertRecord(d, record, sign)));
      notify({ type: 'record', entry: { ...position, record } });
      return position;
    },
    appendMany(records: readonly DecisionRecord[]) {
      const positions = guard('append records', () => write((d, sign) => records.map((r) => insertRecord(d, r, sign))));
      positions.forEach((position, i) => notify({ type: 'record', entry: { ...position, record: records[i]! } }));
      return positions;
    },
    appendGrouped(record: DecisionRecord) {
      return group ? group.append(record) : Promise.reject(readOnlyError());
    },
    drain() {
      guard('append records', () => group?.drain());
    },
    get(id: string) {
      return guard('read a record', () => {
        const found = findRecord(db, id);
        if (!found) throw new AirlockError('AIRLOCK_E_NOT_FOUND', `no decision record with id ${id}`, { id });
        return { ...found, reviews: reviewsOf(db, id) };
      });
    },
    query(query) {
      return guard('query records', () => queryRecords(db, query));
    },
    markReviewed(id, review, now) {
      const entry = guard('append a review', () => write((d, sign) => insertReview(d, id, review, now, sign)));
      notify({ type: 'review', entry });
      return entry;
    },
    verify(verifyOptions = {}) {
      return guard('verify the chain', () => verifyChain(db, dir, verifyOptions));
    },
    export(options = {}) {
      const lines = guard('export', () => exportLines(db, options.since));
      return {
        *[Symbol.iterator]() {
          const iterator = lines[Symbol.iterator]();
          for (;;) {
            const next = guard('export', () => iterator.next());
            if (next.done) return;
            yield next.value;
          }
        },
      };
    },
    exportRows(options = {}) {
      const rows = guard('export', () => exportRows(db, options));
      return {
        *[Symbol.iterator]() {
          const iterator = rows[Symbol.iterator]();
          for (;;) {
            const next = guard('export', () => iterator.next());
            if (next.done) return;
            yield next.value;
          }
        },
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      if (db.open) guard('append records', () => group?.drain());
      listeners.clear();
      if (db.open) guard('close', () => db.close());
    },
  };
}
