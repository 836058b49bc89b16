// Opening the SQLite file, its durability settings and its schema migrations.
import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { AirlockError } from '../../protocol/errors';
import { GENESIS_HASH } from './chain';

export const STORE_FILE = 'decisions.sqlite';

// The triggers guard against accidents (a stray UPDATE in a shell, a buggy migration), not against someone
// with write access to the file: they can drop the triggers. The hash chain is what detects that.
const appendOnly = (table: string) => `
  CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
  CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`;

/** MIGRATIONS[n] takes the schema from user_version n to n + 1. Append new steps; never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE records (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    target TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    provider TEXT,
    status TEXT NOT NULL,
    review_required INTEGER NOT NULL,
    search TEXT NOT NULL,
    json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT;
  CREATE INDEX records_created_at ON records(created_at);
  CREATE INDEX records_target ON records(target, seq);
  CREATE INDEX records_rule ON records(rule_id, seq);
  CREATE INDEX records_provider ON records(provider, seq);
  CREATE INDEX records_status ON records(status, seq);
  CREATE INDEX records_review ON records(review_required, seq);
  CREATE TABLE record_signals (
    type TEXT NOT NULL,
    record_seq INTEGER NOT NULL REFERENCES records(seq),
    kind TEXT NOT NULL,
    PRIMARY KEY (type, record_seq, kind)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE reviews (
    seq INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES records(id),
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    note TEXT,
    json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT;
  CREATE INDEX reviews_record ON reviews(record_id, seq);
  ${appendOnly('records')}
  ${appendOnly('record_signals')}
  ${appendOnly('reviews')}
  `,
  // The HMAC of each entry (see key.ts). NULL for entries written before this step: they stay readable and verify
  // by their hashes; ADD COLUMN changes no existing row, so the append-only triggers do not fire.
  `
  ALTER TABLE records ADD COLUMN mac TEXT;
  ALTER TABLE reviews ADD COLUMN mac TEXT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema up to SCHEMA_VERSION, each step in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`schema version ${current} is newer than this Airlock understands (${SCHEMA_VERSION}); upgrade Airlock`);
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

export function openDatabase(dir: string): { db: Db; path: string } {
  const path = join(dir, STORE_FILE);
  let db: Db | undefined;
  try {
    // The audit log is private to the user: the directory is created owner-only.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Owner-only like the token and the log. SQLite creates -wal and -shm with the main file's mode, so creating
    // that one 0600 first covers all three; the chmods fix files made by an older Airlock.
    closeSync(openSync(path, 'a', 0o600));
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // NORMAL: COMMIT does not fsync the WAL; the store does it right after, through its Disk seam (seal.ts in
    // place, group-commit.ts on the thread pool), and acknowledges a record only once that flush is done. So an
    // acknowledged record survives power loss as with FULL, without the event loop waiting for the disk.
    // Checkpoints stay SQLite's (it flushes the WAL before and the database after each).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A CLI reading while the daemon writes waits instead of failing at once.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
    return { db, path };
  } catch (err) {
    db?.close();
    throw storeError(path, 'open', err);
  }
}

/** Free bytes a record needs on the store's disk before a provider may be called (a record, its WAL pages, fsync). */
export const MIN_FREE_BYTES = 8 * 1024 * 1024;

/** Free bytes for unprivileged writers on the file system holding `dir`. */
export function freeBytesAt(dir: string): number {
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize;
}

/**
 * Throws AIRLOCK_E_STORE when a record could not be written now: the file or its folder is not writable, or the disk
 * is (nearly) full. Called before a provider is asked, so no tokens are spent on an answer that could not be recorded.
 */
export function checkWritable(path: string, needBytes = MIN_FREE_BYTES, freeBytes: (dir: string) => number = freeBytesAt): void {
  const dir = dirname(path);
  try {
    accessSync(dir, constants.W_OK);
    accessSync(path, constants.W_OK);
    const free = freeBytes(dir);
    if (free < needBytes) throw new Error(`the disk is full (${free} bytes free, ${needBytes} needed)`);
  } catch (err) {
    throw storeError(path, 'write a record', err);
  }
}

/** Any failure below the store's API, as AIRLOCK_E_STORE naming the file and the cause. */
export function storeError(path: string, action: string, err: unknown): AirlockError {
  if (err instanceof AirlockError) return err;
  const cause = err instanceof Error ? err.message : String(err);
  const sqliteCode = (err as { code?: unknown } | null)?.code;
  return new AirlockError('AIRLOCK_E_STORE', `decision store ${path}: cannot ${action}: ${cause}`, {
    path,
    cause,
    ...(typeof sqliteCode === 'string' ? { sqliteCode } : {}),
  });
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, prepared once per connection. */
export function prepared(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/** The last entry of the chain (records and reviews share it); seq 0 and the genesis hash when empty. */
export function chainHead(db: Db): { seq: number; hash: string } {
  const row = prepared(
    db,
    `SELECT seq, hash FROM (
       SELECT seq, hash FROM (SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1)
       UNION ALL SELECT seq, hash FROM (SELECT seq, hash FROM reviews ORDER BY seq DESC LIMIT 1)
     ) ORDER BY seq DESC LIMIT 1`,
  ).get() as { seq: number; hash: string } | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

/** The hash of entry `seq` (the genesis hash at 0), undefined when there is none. */
export function hashAt(db: Db, seq: number): string | undefined {
  if (seq === 0) return GENESIS_HASH;
  const row = prepared(db, 'SELECT hash FROM records WHERE seq = ? UNION ALL SELECT hash FROM reviews WHERE seq = ? LIMIT 1').get(seq, seq) as
    | { hash: string }
    | undefined;
  return row?.hash;
}

/** The first entry carrying an HMAC, or null when none does. */
export function firstMacSeq(db: Db): number | null {
  const row = prepared(db, 'SELECT min(seq) AS seq FROM (SELECT min(seq) AS seq FROM records WHERE mac IS NOT NULL UNION ALL SELECT min(seq) FROM reviews WHERE mac IS NOT NULL)').get() as {
    seq: number | null;
  };
  return row.seq;
}
