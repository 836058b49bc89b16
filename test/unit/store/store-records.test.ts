import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { GENESIS_HASH, STORE_FILE, openStore } from '../../../daemon/store';
import type { QueryItem, RecordQuery, Store, StoreEvent } from '../../../daemon/store';
import { AirlockError } from '../../../protocol/errors';
import { makeRecord, makeRecords } from '../../helpers/records';
import { tempDir, tempStore } from '../fixtures/temp-store';

const code = (code: string) => (err: unknown) => err instanceof AirlockError && err.code === code;
const ids = (items: QueryItem[]) => items.map((item) => item.record.id);

/** Every record matching `query`, following cursors page by page. */
function drain(store: Store, query: RecordQuery): QueryItem[] {
  const all: QueryItem[] = [];
  let before: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = store.query({ ...query, before });
    all.push(...page.records);
    if (!page.nextCursor) return all;
    before = page.nextCursor;
  }
  throw new Error('paging did not end');
}

test('append returns consecutive seqs chained from the genesis hash; get returns the record unchanged', (t) => {
  const { store } = tempStore(t);
  const [a, b] = makeRecords(2);
  const first = store.append(a!);
  const second = store.append(b!);
  assert.equal(first.seq, 1);
  assert.equal(second.seq, 2);
  assert.match(first.hash, /^[0-9a-f]{64}$/);
  assert.notEqual(first.hash, second.hash);
  const got = store.get(a!.id);
  assert.deepEqual(got.record, a);
  assert.equal(got.seq, 1);
  assert.equal(got.hash, first.hash);
  assert.deepEqual(got.reviews, []);
  assert.notEqual(GENESIS_HASH, first.hash);
});

test('the file is created in the given directory, in WAL mode with the schema version set', (t) => {
  const dir = join(tempDir(t), 'nested', 'home');
  const store = openStore(dir);
  store.append(makeRecord('public-hosted'));
  const raw = new Database(join(dir, STORE_FILE), { readonly: true });
  t.after(() => raw.close());
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(raw.pragma('user_version', { simple: true }), 2);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  store.close();
});

test('get of an unknown id is AIRLOCK_E_NOT_FOUND', (t) => {
  const { store } = tempStore(t);
  store.append(makeRecord('secret-local'));
  assert.throws(() => store.get('01890000-0000-7000-8000-000000000000'), code('AIRLOCK_E_NOT_FOUND'));
});

test('a record with prompt.storage none but a prompt text is refused and nothing is written', (t) => {
  const { store } = tempStore(t);
  const leaky = makeRecord('pii-blocked', 0, { prompt: { chars: 60, storage: 'none', text: 'Draft a letter to jane.doe@example.com' } });
  assert.throws(() => store.append(leaky), (err) => code('AIRLOCK_E_INPUT')(err) && /prompt\.storage is "none"/.test((err as Error).message));
  assert.throws(() => store.get(leaky.id), code('AIRLOCK_E_NOT_FOUND'));
  assert.equal(store.append(makeRecord('pii-blocked', 1)).seq, 1, 'the refused record took no seq');
});

test('a record is appended once: the same id again is refused', (t) => {
  const { store } = tempStore(t);
  const record = makeRecord('code-private');
  store.append(record);
  assert.throws(() => store.append({ ...record, status: 'error' }), code('AIRLOCK_E_INPUT'));
  assert.equal(store.get(record.id).record.status, 'ok');
});

test('records missing what the index needs, or with a bad createdAt, are input errors', (t) => {
  const { store } = tempStore(t);
  assert.throws(() => store.append(makeRecord('public-hosted', 0, { createdAt: 'yesterday' })), code('AIRLOCK_E_INPUT'));
  const noRule = { ...makeRecord('public-hosted', 1) } as Record<string, unknown>;
  delete noRule.rule;
  assert.throws(() => store.append(noRule as never), (err) => code('AIRLOCK_E_INPUT')(err) && /rule\.id/.test((err as Error).message));
});

test('query filters by target, rule, provider, signal type, status and text, newest first', (t) => {
  const { store } = tempStore(t);
  const records = makeRecords(25); // five of each kind
  for (const record of records) store.append(record);
  const kinds = (query: RecordQuery) => drain(store, query).map((item) => item.record.rule.id);

  const local = drain(store, { target: 'local' });
  assert.equal(local.length, 5);
  assert.ok(local.every((item) => item.record.route.target === 'local'));
  assert.deepEqual(
    local.map((item) => item.seq),
    [...local.map((item) => item.seq)].sort((a, b) => b - a),
    'newest first',
  );
  assert.deepEqual(new Set(kinds({ rule: 'block-identity-documents' })), new Set(['block-identity-documents']));
  assert.equal(drain(store, { provider: 'openai' }).length, 10, 'public-hosted and medical-review go to openai');
  assert.equal(drain(store, { signalType: 'email' }).length, 5);
  assert.equal(drain(store, { signalType: 'aws-secret-access-key', target: 'local' }).length, 5);
  assert.equal(drain(store, { signalType: 'aws-secret-access-key', target: 'hosted' }).length, 0);
  assert.equal(drain(store, { status: 'blocked' }).length, 5);
  // Text search covers the explanation, the stored (redacted) prompt, model names, signal types.
  assert.deepEqual(new Set(kinds({ text: 'PASSPORT NUMBER' })), new Set(['block-identity-documents']));
  assert.deepEqual(new Set(kinds({ text: 'items.reduce' })), new Set(['code-to-private']));
  assert.deepEqual(new Set(kinds({ text: 'qwen2.5-coder' })), new Set(['secrets-stay-local']));
  assert.deepEqual(new Set(kinds({ text: 'passport-number' })), new Set(['block-identity-documents']));
  assert.equal(drain(store, { text: 'no record says this' }).length, 0);
  // A prompt stored as "none" is not searchable: the text was never kept.
  assert.equal(drain(store, { text: 'chest pain' }).length, 0);
});

test('cursor paging visits every record exactly once, newest first', (t) => {
  const { store } = tempStore(t);
  const records = makeRecords(23);
  for (const record of records) store.append(record);
  const first = store.query({ limit: 10 });
  assert.equal(first.records.length, 10);
  assert.equal(first.records[0]!.record.id, records.at(-1)!.id);
  assert.ok(first.nextCursor);
  const pages = [first];
  while (pages.at(-1)!.nextCursor) pages.push(store.query({ limit: 10, before: pages.at(-1)!.nextCursor! }));
  assert.deepEqual(
    pages.map((page) => page.records.length),
    [10, 10, 3],
  );
  assert.deepEqual(pages.flatMap((page) => ids(page.records)), records.map((r) => r.id).reverse());
  assert.equal(store.query({ limit: 23 }).nextCursor, null, 'an exactly full page has no next');
  // Paging combined with a filter.
  const blocked = drain(store, { status: 'blocked', limit: 2 });
  assert.deepEqual(ids(blocked), records.filter((r) => r.status === 'blocked').map((r) => r.id).reverse());
});

test('bad limits and cursors are input errors; large limits are capped', (t) => {
  const { store } = tempStore(t);
  for (const record of makeRecords(3)) store.append(record);
  assert.throws(() => store.query({ limit: 0 }), code('AIRLOCK_E_INPUT'));
  assert.throws(() => store.query({ limit: 2.5 }), code('AIRLOCK_E_INPUT'));
  assert.throws(() => store.query({ before: 'abc' }), code('AIRLOCK_E_INPUT'));
  assert.throws(() => store.query({ before: "1 OR 1=1" }), code('AIRLOCK_E_INPUT'));
  assert.equal(store.query({ limit: 1_000_000 }).records.length, 3);
});

test('needsReview: required and not yet reviewed', (t) => {
  const { store } = tempStore(t);
  const records = makeRecords(10);
  for (const record of records) store.append(record);
  const flagged = records.filter((r) => r.review.required);
  assert.equal(flagged.length, 2);
  assert.deepEqual(new Set(ids(drain(store, { needsReview: true }))), new Set(flagged.map((r) => r.id)));
  store.markReviewed(flagged[0]!.id, { by: 'dana@example.com' }, new Date('2025-03-11T08:00:00Z'));
  assert.deepEqual(ids(drain(store, { needsReview: true })), [flagged[1]!.id]);
  const rest = drain(store, { needsReview: false });
  assert.equal(rest.length, 9);
  assert.equal(rest.find((item) => item.record.id === flagged[0]!.id)?.reviewed, true);
});

test('subscribers hear each committed append and review, and stop after unsubscribe', (t) => {
  const { store } = tempStore(t);
  const events: StoreEvent[] = [];
  const unsubscribe = store.subscribe((event) => events.push(event));
  store.subscribe(() => {
    throw new Error('a broken listener must not fail the append');
  });
  const record = makeRecord('medical-review');
  const position = store.append(record);
  store.markReviewed(record.id, { by: 'sam', note: 'citations present' }, new Date('2025-03-10T10:00:00Z'));
  assert.throws(() => store.append(makeRecord('pii-blocked', 1, { prompt: { chars: 1, storage: 'none', text: 'x' } })));
  unsubscribe();
  store.append(makeRecord('public-hosted', 2));
  assert.deepEqual(
    events.map((e) => [e.type, e.entry.seq]),
    [
      ['record', 1],
      ['review', 2],
    ],
  );
  assert.equal(events[0]!.type === 'record' && events[0]!.entry.hash, position.hash);
});

test('reopening the file continues the chain and keeps every record', (t) => {
  const dir = tempDir(t);
  const first = openStore(dir);
  const before = makeRecords(4);
  for (const record of before) first.append(record);
  first.close();
  const second = openStore(dir);
  t.after(() => second.close());
  const next = makeRecord('secret-local', 10);
  assert.equal(second.append(next).seq, 5);
  assert.deepEqual(second.get(before[0]!.id).record, before[0]);
  const verified = second.verify();
  assert.equal(verified.ok, true);
  assert.equal(verified.count, 5);
});

test('opening a file that is not a database, or from a newer schema, is AIRLOCK_E_STORE naming the path', (t) => {
  const garbage = tempDir(t);
  writeFileSync(join(garbage, STORE_FILE), 'this is not sqlite'.repeat(100));
  assert.throws(
    () => openStore(garbage),
    (err) => code('AIRLOCK_E_STORE')(err) && (err as AirlockError).message.includes(join(garbage, STORE_FILE)),
  );
  const newer = tempDir(t);
  const raw = new Database(join(newer, STORE_FILE));
  raw.pragma('user_version = 99');
  raw.close();
  assert.throws(() => openStore(newer), (err) => code('AIRLOCK_E_STORE')(err) && /newer/.test((err as Error).message));
});

test('a closed store reports AIRLOCK_E_STORE', (t) => {
  const { store } = tempStore(t);
  store.close();
  assert.throws(() => store.append(makeRecord('public-hosted')), code('AIRLOCK_E_STORE'));
});
