// Group commit: appendMany writes a batch in one transaction, and the daemon's record writer batches the records
// finished in one event-loop turn without letting one bad record cost the others. Real SQLite files throughout.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import type { DecisionRecord } from '../../../protocol/record';
import { AirlockError } from '../../../protocol/errors';
import { createRecordWriter } from '../../../daemon/server/record-writer';
import { ANCHOR_FILE, type Store, type StoreEvent } from '../../../daemon/store';
import { makeRecord } from '../../helpers/records';
import { tempStore } from '../fixtures/temp-store';

const records = (n: number, from = 0): DecisionRecord[] => Array.from({ length: n }, (_, i) => makeRecord('public-hosted', from + i));

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
  assert.throws(() => store.appendMany(batch), (err) => err instanceof AirlockError && err.code === 'AIRLOCK_E_INPUT');
  assert.equal(store.verify().count, 1);
  assert.equal(store.query({}).records.length, 1);
});

/** The real store, counting the transactions it was asked for. */
function counting(store: Store): Pick<Store, 'append' | 'appendMany'> & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    append: (r) => (calls.push('append'), store.append(r)),
    appendMany: (rs) => (calls.push(`appendMany(${rs.length})`), store.appendMany(rs)),
  };
}

test('records queued in the same turn share one transaction; later ones get their own', async (t) => {
  const { store } = tempStore(t);
  const spy = counting(store);
  const writer = createRecordWriter(spy);
  const together = await Promise.all(records(4).map((r) => writer.append(r)));
  assert.deepEqual(together.map((p) => p.seq), [1, 2, 3, 4]);
  // The anchor follows the batch as a whole: written for the commit, naming its last entry, nothing pending.
  const anchor = JSON.parse(readFileSync(join(dirname(store.path), ANCHOR_FILE), 'utf8')) as Record<string, unknown>;
  assert.deepEqual([anchor.seq, anchor.hash, anchor.pending], [4, together[3]!.hash, undefined]);
  const alone = await writer.append(makeRecord('pii-blocked', 9));
  assert.equal(alone.seq, 5);
  assert.deepEqual(spy.calls, ['appendMany(4)', 'appendMany(1)']);
  assert.equal(store.verify().ok, true);
});

test('a bad record in a batch fails alone: the others are stored, in order', async (t) => {
  const { store } = tempStore(t);
  const stored = makeRecord('secret-local', 77);
  store.append(stored);
  const spy = counting(store);
  const writer = createRecordWriter(spy);
  const [a, b] = records(2);
  const results = await Promise.allSettled([writer.append(a!), writer.append(stored), writer.append(b!)]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual(spy.calls, ['appendMany(3)', 'append', 'append', 'append']);
  assert.deepEqual(store.query({}).records.map((r) => r.record.id).reverse(), [stored.id, a!.id, b!.id]);
  assert.equal(store.verify().ok, true);
});

test('flush writes what is queued at once (shutdown), and the scheduled turn then finds nothing', async (t) => {
  const { store } = tempStore(t);
  const spy = counting(store);
  const writer = createRecordWriter(spy);
  const pending = writer.append(makeRecord('medical-review', 3));
  writer.flush();
  assert.equal(store.verify().count, 1, 'durable before flush returned');
  assert.equal((await pending).seq, 1);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(spy.calls, ['appendMany(1)']);
});
