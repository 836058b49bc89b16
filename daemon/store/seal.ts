// The writer's side of the audit trail outside the database: signs each entry with the audit key and keeps
// decisions.head in step with every commit (the two-step write is described in anchor.ts). One writer per store
// (the daemon); readers (the CLI, a collector) only verify.
import type { Database as Db } from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { anchorProblem, readAnchor, writeAnchor, type Anchor, type AnchorRead } from './anchor';
import { chainHead, firstMacSeq, hashAt } from './db';
import { realDisk, type Disk } from './disk';
import { ensureAuditKey, entryMac, readAuditKey } from './key';
import type { Signer } from './records';
import type { ChainPosition } from './types';

export interface SealHooks {
  /** After each commit, with the new head (the daemon logs it: a second copy of the head, outside the home's files). */
  onHead?: (head: ChainPosition) => void;
  /** The database disagreed with the anchor (kept in the anchor as `broken`), or the anchor could not be updated. */
  onWarning?: (message: string) => void;
  /** Where flushes go (tests count or hold them). Default: the real disk. */
  disk?: Disk;
}

export interface Sealer {
  sign: Signer;
  disk: Disk;
  /** Runs `insert` in an IMMEDIATE transaction, with the anchor written before COMMIT (pending) and after it, and
   *  the WAL flushed before it returns. */
  write<T>(insert: (db: Db) => T): T;
  /** The anchor the next commit builds on: the database head `head`, with any mismatch kept as `broken`. */
  base(head: ChainPosition): Anchor;
  /** After a commit: the anchor names `anchor` (not flushed) and the head is reported. */
  committed(anchor: Anchor): void;
  /** After a commit whose step 2 is left to the next commit's step 1: the head is reported only. */
  reportHead(anchor: Anchor): void;
  /** A commit failed after its step 1: the anchor goes back to the head before it. */
  rewrite(anchor: Anchor): void;
  /** SQLite's WAL, opened for a flush after a commit (the connection runs synchronous=NORMAL; see db.ts). */
  openWal(): number;
}

export function openSealer(db: Db, dir: string, hooks: SealHooks = {}): Sealer {
  const disk = hooks.disk ?? realDisk;
  const walFile = `${db.name}-wal`;
  // An existing key means this store has been anchored before (the anchor is written first, the key after it).
  const keyExisted = readAuditKey(dir) !== null;
  const warn = (message: string) => hooks.onWarning?.(message);

  /** The anchor to build the next one on: the database head, with any mismatch kept as `broken`. */
  const settle = (read: AnchorRead, head: ChainPosition, wasAnchored: boolean): Anchor => {
    const base: Anchor = { version: 1, seq: head.seq, hash: head.hash, macFrom: head.seq + 1 };
    let problem: string | null;
    if (read.state === 'ok') {
      base.macFrom = read.anchor.macFrom;
      problem = anchorProblem(read.anchor, head, (seq) => hashAt(db, seq));
      if (read.anchor.broken) return { ...base, broken: read.anchor.broken };
    } else {
      // Only here, not on every commit: finding the first MAC scans the tables.
      const firstMac = firstMacSeq(db);
      base.macFrom = firstMac ?? base.macFrom;
      if (read.state === 'damaged') problem = `the anchor file was damaged (${read.cause})`;
      else problem = wasAnchored || firstMac !== null ? 'the anchor file was missing although this store had been anchored: it was deleted' : null;
    }
    if (problem === null) return base;
    warn(`audit anchor: ${problem}`);
    const claimed = read.state === 'ok' ? read.anchor : head;
    return { ...base, broken: { seq: claimed.seq, hash: claimed.hash, reason: problem } };
  };

  // At open: recover from a crash between COMMIT and step 2, start anchoring an older store, or keep a mismatch.
  const opened = readAnchor(dir);
  const initial = settle(opened, chainHead(db), keyExisted);
  if (opened.state !== 'ok' || JSON.stringify(opened.anchor) !== JSON.stringify(initial)) writeAnchor(dir, initial, true, disk);
  // After the anchor: a crash between the two must not leave a key without an anchor, which reads as a deleted anchor.
  const key = ensureAuditKey(dir);

  // Read-write: Windows flushes only a handle opened for writing. Never created here: SQLite made it at COMMIT, and
  // a missing WAL (not in WAL mode) fails the commit rather than skipping the flush.
  const openWal = () => openSync(walFile, 'r+');
  const reportHead = (anchor: Anchor) => hooks.onHead?.({ seq: anchor.seq, hash: anchor.hash });
  const committed = (anchor: Anchor) => {
    rewrite(anchor);
    reportHead(anchor);
  };

  return {
    sign: (seq, hash) => entryMac(key, seq, hash),
    disk,
    base: (head) => settle(readAnchor(dir), head, true),
    committed,
    reportHead,
    rewrite,
    openWal,
    write(insert) {
      let base: Anchor | undefined;
      let next: Anchor | undefined;
      let value: ReturnType<typeof insert>;
      try {
        value = db
          .transaction(() => {
            base = settle(readAnchor(dir), chainHead(db), true);
            const result = insert(db);
            const head = chainHead(db);
            writeAnchor(dir, { ...base, pending: head }, true, disk);
            next = { ...base, seq: head.seq, hash: head.hash };
            return result;
          })
          .immediate();
      } catch (err) {
        // The transaction rolled back; if step 1 was written, the head it named as pending never came.
        if (next && base) rewrite(base);
        throw err;
      }
      // What synchronous=FULL would do inside COMMIT, through the seam: the commit is durable before we go on.
      const wal = openWal();
      try {
        disk.flushSync(wal, 'wal');
      } finally {
        closeSync(wal);
      }
      committed(next!);
      return value;
    },
  };

  function rewrite(anchor: Anchor): void {
    try {
      writeAnchor(dir, anchor, false);
    } catch (err) {
      // The commit stands and step 1 still accepts it; the next commit's step 1 brings the file up to date.
      warn(`audit anchor: cannot update ${dir}: ${(err as Error).message}`);
    }
  }
}
