import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chainHash, canonicalJson } from '../../../daemon/store';
import { AirlockError } from '../../../protocol/errors';
import type { DecisionRecord } from '../../../protocol/record';
import { makeRecord, makeRecords } from '../../helpers/records';
import { tempStore } from '../fixtures/temp-store';

const code = (code: string) => (err: unknown) => err instanceof AirlockError && err.code === code;

test('reviews are a history: each mark is kept in order and the record never changes', (t) => {
  const { store } = tempStore(t);
  const record = makeRecord('medical-review');
  const { hash } = store.append(record);
  const first = store.markReviewed(record.id, { by: 'dana@example.com', note: 'citations checked' }, new Date('2025-03-10T10:00:00Z'));
  store.append(makeRecord('public-hosted', 1));
  const second = store.markReviewed(record.id, { by: '  sam  ' }, new Date('2025-03-11T09:30:00Z'));
  const got = store.get(record.id);
  assert.deepEqual(got.record, record);
  assert.equal(got.hash, hash);
  assert.deepEqual(got.reviews, [
    { seq: 2, hash: first.hash, recordId: record.id, by: 'dana@example.com', at: '2025-03-10T10:00:00.000Z', note: 'citations checked' },
    { seq: 4, hash: second.hash, recordId: record.id, by: 'sam', at: '2025-03-11T09:30:00.000Z' },
  ]);
  assert.ok(store.verify().ok);
});

test('a review of an unknown record is AIRLOCK_E_NOT_FOUND and takes no place in the chain', (t) => {
  const { store } = tempStore(t);
  store.append(makeRecord('secret-local'));
  assert.throws(() => store.markReviewed('no-such-id', { by: 'dana' }, new Date()), code('AIRLOCK_E_NOT_FOUND'));
  assert.equal(store.append(makeRecord('secret-local', 1)).seq, 2);
});

test('a review needs a reviewer, a bounded note and a valid time', (t) => {
  const { store } = tempStore(t);
  const record = makeRecord('medical-review');
  store.append(record);
  const now = new Date('2025-03-10T10:00:00Z');
  assert.throws(() => store.markReviewed(record.id, { by: '   ' }, now), code('AIRLOCK_E_INPUT'));
  assert.throws(() => store.markReviewed(record.id, { by: 'dana', note: 'x'.repeat(5000) }, now), code('AIRLOCK_E_INPUT'));
  assert.throws(() => store.markReviewed(record.id, { by: 'dana' }, new Date('not a date')), code('AIRLOCK_E_INPUT'));
  assert.deepEqual(store.get(record.id).reviews, []);
});

test('export yields one JSONL line per entry, oldest first, each verifiable on its own', (t) => {
  const { store } = tempStore(t);
  const records = makeRecords(5);
  for (const record of records) store.append(record);
  store.markReviewed(records[4]!.id, { by: 'dana', note: 'fine' }, new Date('2025-03-10T09:10:00Z'));
  const lines = [...store.export()];
  assert.equal(lines.length, 6);
  const entries = lines.map((line) => JSON.parse(line) as { kind: string; seq: number; prevHash: string; hash: string; record?: DecisionRecord; review?: unknown });
  assert.deepEqual(
    entries.map((e) => [e.kind, e.seq]),
    [...records.map((_, i) => ['record', i + 1]), ['review', 6]],
  );
  assert.deepEqual(entries[0]!.record, records[0]);
  entries.forEach((entry, i) => {
    assert.equal(entry.hash, chainHash(entry.prevHash, canonicalJson(entry.record ?? entry.review)), `line ${i + 1} hash`);
    if (i > 0) assert.equal(entry.prevHash, entries[i - 1]!.hash, `line ${i + 1} links to the previous line`);
  });
  assert.deepEqual([...store.export()], lines, 'an export can be iterated again');
});

test('export since a date keeps later records and reviews only', (t) => {
  const { store } = tempStore(t);
  const records = makeRecords(6); // createdAt 09:00:00 .. 09:00:05
  for (const record of records) store.append(record);
  store.markReviewed(records[0]!.id, { by: 'dana' }, new Date('2025-03-10T09:00:03.500Z'));
  store.markReviewed(records[4]!.id, { by: 'dana' }, new Date('2025-03-10T08:00:00Z'));
  const since = [...store.export({ since: '2025-03-10T10:00:03+01:00' })].map((line) => JSON.parse(line) as { kind: string; record?: DecisionRecord });
  assert.deepEqual(
    since.map((e) => (e.kind === 'record' ? e.record!.createdAt : e.kind)),
    ['2025-03-10T09:00:03.000Z', '2025-03-10T09:00:04.000Z', '2025-03-10T09:00:05.000Z', 'review'],
  );
  assert.equal([...store.export({ since: '2030-01-01' })].length, 0);
  assert.throws(() => store.export({ since: 'last tuesday' }), code('AIRLOCK_E_INPUT'));
});

test('export pages through more entries than one batch', (t) => {
  const { store } = tempStore(t);
  const records = makeRecords(1234);
  for (const record of records) store.append(record);
  const seqs = [...store.export()].map((line) => (JSON.parse(line) as { seq: number }).seq);
  assert.equal(seqs.length, 1234);
  assert.deepEqual(seqs, Array.from({ length: 1234 }, (_, i) => i + 1));
});
