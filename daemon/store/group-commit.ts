// Group commit: the daemon's records, appended so that the event loop never waits for the disk. A batch is every
// record queued when the previous commit has finished; one batch is in flight at a time, and it is written as
//   1. prepare (sync): check each record and compute its chain place, hash and HMAC on the head it will follow;
//      write the anchor's step 1 (`pending` = the batch's last entry) to its temp file   → flush the temp file
//   2. rename it into place                                                              → flush the directory
//   3. one IMMEDIATE transaction inserting the batch, COMMIT (synchronous=NORMAL: no fsync) → flush the WAL
//   4. the anchor's step 2 (only when nothing is queued: the next batch's step 1 names this head as its base),
//      the head reported, then each record's promise resolved and listeners told.
// The flushes run on libuv's thread pool; records finishing meanwhile queue for the next batch. The order of
// durable writes is the one the synchronous path keeps (anchor.ts), so the crash and power-loss cases are the
// same: the database head is always the anchor's `seq` or its `pending`, and a record is acknowledged only after
// the flush of the WAL that holds it. A synchronous write (a review, `append`, shutdown) first finishes the batch in
// flight in place (`drain`), so the chain and the anchor only ever have one writer.
import { closeSync } from 'node:fs';
import type { Database as Db } from 'better-sqlite3';
import type { DecisionRecord } from '../../protocol/record';
import { installAnchor, openDir, stageAnchor, type Anchor, type StagedAnchor } from './anchor';
import { chainHead } from './db';
import type { FlushTarget } from './disk';
import { duplicateError, insertPrepared, prepareRecord, type PreparedEntry } from './records';
import type { Sealer } from './seal';
import type { ChainPosition } from './types';

interface Waiter {
  record: DecisionRecord;
  resolve: (position: ChainPosition) => void;
  reject: (err: unknown) => void;
}

/** A flush a step needs before the next step may run. */
interface Flush {
  fd: number;
  target: FlushTarget;
}

interface Batch {
  steps: (() => Flush | null)[];
  next: number;
  /** The flush running on the thread pool, if any; drain() takes it over and clears it. */
  waiting: Flush | null;
  fail(err: unknown): void;
}

export interface GroupCommit {
  append(record: DecisionRecord): Promise<ChainPosition>;
  /** Finishes the batch in flight and writes everything queued, in place: before a synchronous write, at close. */
  drain(): void;
}

export interface GroupCommitDeps {
  db: Db;
  dir: string;
  sealer: Sealer;
  /** Wraps a failure as the store's error (AIRLOCK_E_STORE naming the file); input errors pass through. */
  error: (err: unknown) => unknown;
  /** After the batch is durable: listeners hear of each record. */
  notify: (entries: readonly PreparedEntry[]) => void;
}

export function createGroupCommit({ db, dir, sealer, error, notify }: GroupCommitDeps): GroupCommit {
  let queue: Waiter[] = [];
  let inFlight: Batch | null = null;

  const start = (): void => {
    if (inFlight || queue.length === 0) return;
    const batch = plan(queue);
    queue = [];
    inFlight = batch;
    run(batch, false);
  };

  /** Runs the batch's steps; async: stops at the first flush and resumes when it is done. */
  const run = (batch: Batch, inPlace: boolean): void => {
    try {
      while (batch.next < batch.steps.length) {
        const flush = batch.steps[batch.next++]!();
        if (!flush) continue;
        if (inPlace) {
          try {
            sealer.disk.flushSync(flush.fd, flush.target);
          } finally {
            closeSync(flush.fd);
          }
          continue;
        }
        batch.waiting = flush;
        sealer.disk.flush(flush.fd, flush.target).then(
          () => resume(batch, flush),
          (err: unknown) => resume(batch, flush, err),
        );
        return;
      }
    } catch (err) {
      batch.fail(err);
    }
    if (inFlight === batch) inFlight = null;
    if (!inPlace) start();
  };

  const resume = (batch: Batch, flush: Flush, err?: unknown): void => {
    closeSync(flush.fd);
    // drain() flushed it in place and finished the batch: nothing left to do here.
    if (batch.waiting !== flush) return;
    batch.waiting = null;
    if (err === undefined) return run(batch, false);
    batch.fail(err);
    inFlight = null;
    start();
  };

  function plan(waiters: Waiter[]): Batch {
    let entries: PreparedEntry[] = [];
    let live: Waiter[] = [];
    let base: Anchor | undefined;
    let staged: StagedAnchor | undefined;
    let installed = false;
    let committed = false;
    const batch: Batch = {
      next: 0,
      waiting: null,
      fail(err) {
        // Step 1 in place but no COMMIT: the head it named as pending never came, so the anchor goes back.
        if (installed && !committed && base) sealer.rewrite(base);
        const failure = error(err);
        for (const w of live) w.reject(failure);
        live = [];
      },
      steps: [
        () => {
          const head0 = chainHead(db);
          base = sealer.base(head0);
          // Each record is checked on its own, so a bad one fails alone and the others go on.
          const ids = new Set<string>();
          let head: ChainPosition = head0;
          for (const w of waiters) {
            try {
              if (ids.has(w.record.id)) throw duplicateError(w.record.id);
              const entry = prepareRecord(db, w.record, head, sealer.sign);
              ids.add(w.record.id);
              entries.push(entry);
              live.push(w);
              head = entry;
            } catch (err) {
              w.reject(error(err));
            }
          }
          if (entries.length === 0) {
            batch.next = batch.steps.length;
            return null;
          }
          staged = stageAnchor(dir, { ...base, pending: { seq: head.seq, hash: head.hash } });
          return { fd: staged.fd, target: 'anchor' };
        },
        () => {
          // The temp file was flushed (and its fd closed by whoever flushed it); only the rename is left.
          installAnchor(dir, staged!);
          installed = true;
          const fd = openDir(dir);
          return fd === null ? null : { fd, target: 'dir' };
        },
        () => {
          db.transaction(() => {
            const head = chainHead(db);
            if (head.hash !== entries[0]!.row.prev_hash) throw new Error(`the chain head moved to ${head.seq} outside the group commit`);
            for (const entry of entries) insertPrepared(db, entry);
          }).immediate();
          committed = true;
          return { fd: sealer.openWal(), target: 'wal' };
        },
        () => {
          const last = entries.at(-1)!;
          const anchor: Anchor = { ...base!, seq: last.seq, hash: last.hash };
          if (queue.length === 0) sealer.committed(anchor);
          else sealer.reportHead(anchor);
          const done = live;
          live = [];
          done.forEach((w, i) => w.resolve({ seq: entries[i]!.seq, hash: entries[i]!.hash }));
          const written = entries;
          entries = [];
          notify(written);
          return null;
        },
      ],
    };
    return batch;
  }

  return {
    append(record) {
      return new Promise<ChainPosition>((resolve, reject) => {
        queue.push({ record, resolve, reject });
        // Records finishing in this turn join the batch too: the first flush starts after the turn.
        if (!inFlight && queue.length === 1) setImmediate(start);
      });
    },
    drain() {
      const batch = inFlight;
      if (batch) {
        const flush = batch.waiting;
        batch.waiting = null;
        if (flush) {
          // The thread pool's flush may still be running on this fd; resume() closes it when it returns.
          try {
            sealer.disk.flushSync(flush.fd, flush.target);
          } catch (err) {
            batch.fail(err);
            batch.next = batch.steps.length;
          }
        }
        run(batch, true);
      }
      inFlight = null;
      while (queue.length > 0) {
        const next = plan(queue);
        queue = [];
        inFlight = next;
        run(next, true);
        inFlight = null;
      }
    },
  };
}
