// Group commit: appendMany writes a batch in one transaction, and the daemon's path (appendGrouped, through the
// record writer) appends the records that arrive while a commit is in flight together: one transaction, one anchor
// write, one WAL flush, each record answered only after that flush. Real SQLite files throughout; the flushes go
// through the store's Disk seam, which counts them and can hold one open.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { DecisionRecord } from '../../../protocol/record';
import { AirlockError } from '../../../protocol/errors';
import { createRecordWriter } from '../../../daemon/server/record-writer';
import { ANCHOR_FILE, openStore, realDisk, type ChainPosition, type Disk, type FlushTarget, type StoreEvent } from '../../../daemon/store';
import { makeRecord } from '../../helpers/records';
import { tempDir, tempStore } from '../fixtures/temp-store';

const records = (n: number, from = 0): DecisionRecord[] => Array.from({ length: n }, (_, i) => makeRecord('public-hosted', from + i));
const code = (c: string) => (err: unknown) => err instanceof AirlockError && err.code === c;

/** The real disk, counting flushes by target; `hold(target)` parks the next thread-pool flush of that target until
 *  the test releases it (optionally with an error), so a commit can be caught in flight without any timing. */
function gatedDisk() {
  const counts: Record<FlushTarget, number> = { anchor: 0, dir: 0, wal: 0 };
  let holding: { target: FlushTarget; reached: (release: (err?: Error) => void) => void } | null = null;
  const disk: Disk = {
    flushSync(fd, target) {
      counts[target]++;
      realDisk.flushSync(fd, target);
    },
    async flush(fd, target) {
      counts[target]++;
      await realDisk.flush(fd, target);
      if (holding?.target !== target) return;
      const { reached } = holding;
      holding = null;
      await new Promise<void>((resolve, reject) => reached((err) => (err ? reject(err) : resolve())));
    },
  };
  const hold = (target: FlushTarget) => new Promise<(err?: Error) => void>((reached) => (holding = { target, reached }));
  const reset = () => Object.assign(counts, { anchor: 0, dir: 0, wal: 0 });
  return { disk, counts, hold, reset };
}

function gatedStore(t: TestContext) {
  const dir = tempDir(t);
  const gate = gatedDisk();
  const heads: ChainPosition[] = [];
  const store = openStore(dir, { disk: gate.disk, onHead: (h) => heads.push(h) });
  t.after(() => store.close());
  gate.reset(); // opening wrote the first anchor
  const anchor = () => JSON.parse(readFileSync(join(dir, ANCHOR_FILE), 'utf8')) as { seq: number; hash: string; pending?: ChainPosition };
  return { dir, store, heads, anchor, ...gate };
}

/** Whether a promise has settled by now (checked after the promise's own reactions could have run). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(() => (done = true), () => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

test('appendMany chains the batch in order, notifies each after the commit, and verifies', (t) => {
  const { store } = tempStore(t);
  store.append(makeRecord('secret-local', 100));
  const seen: StoreEvent[] = [];
  store.subscribe((e) => seen.push(e));
  const batch = records(5);
  const positions = store.appendMany(batch);
  assert.deepEqual(positions.map((p) => p.seq), [2, 3, 4, 5, 6]);
  assert.deepEqual(seen.map((e) => (e.type === 'record' ? e.entry.record.id : '')), batch.map((r) => r.id));
  assert.deepEqual(store.verify(), { ok: true, count: 6, records: 6, reviews: 0, head: positions[4], coverage: { anchor: 'file', macFrom: 1, external: null } });
});

test('appendMany is all or nothing: one bad record leaves the store as it was', (t) => {
  const { store } = tempStore(t);
  const [first] = records(1, 50);
  store.append(first!);
  const batch = [...records(2), first!]; // the last one is already stored
  assert.throws(() => store.appendMany(batch), code('AIRLOCK_E_INPUT'));
  assert.equal(store.verify().count, 1);
  assert.equal(store.query({}).records.length, 1);
});

test('records arriving while a commit is in flight share the next one: one transaction, one anchor write, one WAL flush', async (t) => {
  const { store, counts, hold, reset, heads, anchor } = gatedStore(t);
  const writer = createRecordWriter(store);
  const heldWal = hold('wal');
  const first = writer.append(makeRecord('secret-local', 1));
  const release = await heldWal;
  // The first commit is in the database, its WAL flush not done: it is not acknowledged yet.
  assert.deepEqual(counts, { anchor: 1, dir: 1, wal: 1 });
  const later = records(6, 10).map((r) => writer.append(r));
  assert.equal(await settled(first), false, 'answered before its WAL flush');
  assert.equal(await settled(Promise.race(later)), false);
  reset();
  release();
  assert.equal((await first).seq, 1);
  const positions = await Promise.all(later);
  assert.deepEqual(positions.map((p) => p.seq), [2, 3, 4, 5, 6, 7]);
  // The six: one anchor step 1 (temp file + directory), one WAL flush, one reported head.
  assert.deepEqual(counts, { anchor: 1, dir: 1, wal: 1 });
  assert.deepEqual(heads.map((h) => h.seq), [1, 7]);
  // The anchor names the last entry of the last batch, nothing pending, and the chain verifies entry by entry.
  const a = anchor();
  assert.deepEqual([a.seq, a.hash, a.pending], [7, positions[5]!.hash, undefined]);
  const verified = store.verify();
  assert.equal(verified.ok && verified.count, 7);
});

test('a record is answered only after its WAL flush; a failed flush fails the batch and the store goes on', async (t) => {
  const { store, hold } = gatedStore(t);
  const heldWal = hold('wal');
  const a = store.appendGrouped(makeRecord('secret-local', 1));
  const fail = await heldWal;
  assert.equal(await settled(a), false);
  fail(new Error('EIO: simulated'));
  await assert.rejects(a, code('AIRLOCK_E_STORE'));
  // The next batch builds on what the database holds; the chain and anchor agree.
  const b = await store.appendGrouped(makeRecord('public-hosted', 2));
  assert.equal(b.seq, 2);
  assert.equal(store.verify().ok, true);
});

test('a flush failing before COMMIT stores nothing and puts the anchor back', async (t) => {
  const { store, hold, anchor } = gatedStore(t);
  const heldDir = hold('dir');
  const a = store.appendGrouped(makeRecord('secret-local', 1));
  const fail = await heldDir;
  assert.equal(anchor().pending?.seq, 1, 'step 1 names the batch as pending');
  fail(new Error('EIO: simulated'));
  await assert.rejects(a, code('AIRLOCK_E_STORE'));
  assert.deepEqual([anchor().seq, anchor().pending], [0, undefined]);
  assert.equal(store.verify().ok, true);
  assert.equal(store.query({}).records.length, 0);
});

test('a bad record in a batch fails alone: the others are stored, in order', async (t) => {
  const { store, counts, reset } = gatedStore(t);
  const stored = makeRecord('secret-local', 77);
  store.append(stored);
  reset();
  const writer = createRecordWriter(store);
  const [a, b] = records(2);
  const results = await Promise.allSettled([writer.append(a!), writer.append(stored), writer.append(b!), writer.append(b!)]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'rejected']);
  assert.ok(results.filter((r) => r.status === 'rejected').every((r) => code('AIRLOCK_E_INPUT')(r.reason)));
  assert.deepEqual(counts, { anchor: 1, dir: 1, wal: 1 }, 'the good ones still went in one commit');
  assert.deepEqual(store.query({}).records.map((r) => r.record.id).reverse(), [stored.id, a!.id, b!.id]);
  assert.equal(store.verify().ok, true);
});

test('a review while a batch is in flight finishes that batch first: one writer, one chain', async (t) => {
  const { store, hold } = gatedStore(t);
  const target = makeRecord('medical-review', 5);
  store.append(target);
  const heldAnchor = hold('anchor');
  const queued = store.appendGrouped(makeRecord('public-hosted', 6));
  const release = await heldAnchor;
  const review = store.markReviewed(target.id, { by: 'dana' }, new Date('2025-03-10T10:00:00Z'));
  assert.equal(review.seq, 3, 'the batch in flight took seq 2 before the review');
  assert.equal((await queued).seq, 2);
  release(); // the thread pool's flush returns after the batch was finished in place: nothing more happens
  await new Promise((r) => setImmediate(r));
  assert.equal((await store.appendGrouped(makeRecord('pii-blocked', 7))).seq, 4);
  assert.equal(store.verify().ok, true);
});

test('flush at shutdown writes the batch in flight and everything queued, in place', async (t) => {
  const { store, hold } = gatedStore(t);
  const writer = createRecordWriter(store);
  const heldWal = hold('wal');
  const inFlight = writer.append(makeRecord('medical-review', 3));
  const release = await heldWal;
  const queued = records(3, 20).map((r) => writer.append(r));
  writer.flush();
  const verified = store.verify();
  assert.equal(verified.ok && verified.count, 4, 'durable before flush returned');
  assert.deepEqual((await Promise.all([inFlight, ...queued])).map((p) => p.seq), [1, 2, 3, 4]);
  release();
  await new Promise((r) => setImmediate(r));
  assert.equal(store.verify().ok, true);
});

test('close drains the queue: a record appended just before close is stored', async (t) => {
  const dir = tempDir(t);
  const store = openStore(dir);
  const pending = store.appendGrouped(makeRecord('secret-local', 1));
  store.close();
  assert.equal((await pending).seq, 1);
  const reopened = openStore(dir, { readOnly: true });
  t.after(() => reopened.close());
  assert.equal(reopened.verify().ok && reopened.verify().count, 1);
});

test('append in place flushes the WAL before it returns (what synchronous=FULL did inside COMMIT)', (t) => {
  const { store, counts } = gatedStore(t);
  store.append(makeRecord('secret-local', 1));
  assert.deepEqual(counts, { anchor: 1, dir: 1, wal: 1 });
  store.appendMany(records(3));
  assert.deepEqual(counts, { anchor: 2, dir: 2, wal: 2 });
});
