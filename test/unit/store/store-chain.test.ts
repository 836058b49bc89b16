import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { auditBrokenError, canonicalJson, chainHash, openStore } from '../../../daemon/store';
import type { VerifyResult } from '../../../daemon/store';
import { deriveColumns } from '../../../daemon/store/records';
import { makeRecord, makeRecords } from '../../helpers/records';
import { broken as brokenResult, independentCanonical, tamperable } from '../fixtures/tamper';
import { tempStore } from '../fixtures/temp-store';

function broken(result: VerifyResult) {
  return brokenResult(result).firstBroken;
}

test('canonical JSON sorts keys at every depth, including integer-like ones, and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: null }, 10: 'x', 2: 'y' }), '{"10":"x","2":"y","a":{"c":null,"d":[3,{"z":1}]},"b":1}');
  assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
  assert.equal(canonicalJson([undefined, 'é']), '[null,"é"]');
  // Unsorted at every depth, toJSON, functions and undefined, keys outside ASCII (code unit order), index-like keys
  // deep inside (the whole value then goes the hand-written way) and keys that only look like indexes.
  assert.equal(
    canonicalJson({ z: [{ y: 1, x: () => 1 }, undefined, () => 1], é: 'ü', a: { when: new Date(0), n: -0, f: 1.5 }, '\u2028': '', B: true }),
    '{"B":true,"a":{"f":1.5,"n":0,"when":"1970-01-01T00:00:00.000Z"},"z":[{"y":1},null,null],"é":"ü","\u2028":""}',
  );
  assert.equal(canonicalJson({ b: [{ d: { 11: 1, 9: 2, x: 0 } }], a: 1 }), '{"a":1,"b":[{"d":{"11":1,"9":2,"x":0}}]}');
  assert.equal(canonicalJson({ '01': 1, '4294967295': 2, '-1': 3, '1.5': 4 }), '{"-1":3,"01":1,"1.5":4,"4294967295":2}');
  assert.throws(() => canonicalJson(undefined), TypeError);
});

test('a fresh chain verifies, counting records and reviews, with the head at the last entry', (t) => {
  const { store } = tamperable(t);
  const result = store.verify();
  assert.ok(result.ok);
  assert.deepEqual([result.count, result.records, result.reviews], [7, 6, 1]);
  assert.equal(result.head.seq, 7);
  assert.equal(result.head.hash, store.query({ limit: 1 }).records[0]!.hash);
});

test('each hash is sha256(prev_hash || canonical JSON) and each mac HMAC-SHA256(audit.key, "seq:hash"), recomputed with node:crypto', (t) => {
  const { store, raw, records } = tamperable(t);
  const key = Buffer.from(readFileSync(join(dirname(store.path), 'audit.key'), 'utf8').trim(), 'hex');
  assert.equal(key.length, 32);
  const rows = raw
    .prepare("SELECT seq, json, prev_hash, hash, mac FROM records UNION ALL SELECT seq, json, prev_hash, hash, mac FROM reviews ORDER BY seq")
    .all() as { seq: number; json: string; prev_hash: string; hash: string; mac: string }[];
  assert.deepEqual(rows.map((r) => r.seq), [1, 2, 3, 4, 5, 6, 7]);
  let prev = createHash('sha256').update('airlock/decision-store/genesis/v1').digest('hex');
  for (const row of rows) {
    assert.equal(row.prev_hash, prev, `entry ${row.seq} links to the one before`);
    assert.equal(row.hash, createHash('sha256').update(prev + row.json, 'utf8').digest('hex'), `hash of entry ${row.seq}`);
    assert.equal(row.mac, createHmac('sha256', key).update(`${row.seq}:${row.hash}`).digest('hex'), `mac of entry ${row.seq}`);
    prev = row.hash;
  }
  // The hashed text is the record exactly as given, in canonical form (the fixture, not the store's reading of it).
  const recordRows = rows.filter((r) => r.seq !== 4);
  recordRows.forEach((row, i) => assert.equal(row.json, independentCanonical(records[i])));
  assert.equal(rows[3]!.json, independentCanonical({ kind: 'review', recordId: records[1]!.id, recordHash: rows[1]!.hash, by: 'dana', at: '2025-03-11T08:00:00.000Z', note: 'ok to keep local' }));
  const result = store.verify();
  assert.ok(result.ok);
  assert.equal(result.head.hash, prev);
});

test('with the triggers in place, raw UPDATE and DELETE of records, signals and reviews throw', (t) => {
  const { store, raw, records } = tamperable(t);
  assert.throws(() => raw.prepare("UPDATE records SET status = 'ok' WHERE seq = 3").run(), /append-only/);
  assert.throws(() => raw.prepare('DELETE FROM records WHERE seq = 7').run(), /append-only/);
  assert.throws(() => raw.prepare('DELETE FROM record_signals').run(), /append-only/);
  assert.throws(() => raw.prepare("UPDATE reviews SET note = 'changed'").run(), /append-only/);
  assert.equal(store.get(records[2]!.id).record.status, 'blocked');
  assert.ok(store.verify().ok);
});

test('changing one field of a record JSON is caught at that record', (t) => {
  const { store, raw, records, dropTriggers } = tamperable(t);
  dropTriggers();
  const target = records[0]!; // secret-local, seq 1
  const edited = canonicalJson({ ...target, route: { ...target.route, target: 'hosted', provider: 'openai' } });
  raw.prepare('UPDATE records SET json = ? WHERE id = ?').run(edited, target.id);
  const first = broken(store.verify());
  assert.deepEqual([first.seq, first.id, first.kind], [1, target.id, 'record']);
  assert.match(first.reason, /hash does not match/);
  assert.equal(store.verify().count, 0);
});

test('changing only an indexed column (to hide a record from a filter) is caught', (t) => {
  const { store, raw, records, dropTriggers } = tamperable(t);
  dropTriggers();
  raw.prepare("UPDATE records SET target = 'local' WHERE id = ?").run(records[4]!.id); // code-private, seq 6
  const first = broken(store.verify());
  assert.deepEqual([first.seq, first.id], [6, records[4]!.id]);
  assert.match(first.reason, /column target/);
});

test('removing a signal row (to hide a record from signalType queries) is caught', (t) => {
  const { store, raw, records, dropTriggers } = tamperable(t);
  dropTriggers();
  raw.prepare("DELETE FROM record_signals WHERE type = 'passport-number'").run();
  const first = broken(store.verify());
  assert.equal(first.id, records[2]!.id);
  assert.match(first.reason, /signal index/);
});

test('deleting a record in the middle names the entry after the gap', (t) => {
  const { store, raw, records, dropTriggers } = tamperable(t);
  dropTriggers();
  raw.prepare('DELETE FROM records WHERE id = ?').run(records[3]!.id); // seq 5
  const first = broken(store.verify());
  assert.deepEqual([first.seq, first.id], [6, records[4]!.id]);
  assert.match(first.reason, /missing/);
  assert.equal(store.verify().count, 4);
});

test('deleting a review is caught like deleting a record', (t) => {
  const { store, raw, records, dropTriggers } = tamperable(t);
  dropTriggers();
  raw.prepare('DELETE FROM reviews').run();
  assert.deepEqual([broken(store.verify()).seq, broken(store.verify()).id], [5, records[3]!.id]);
});

test('inserting a forged record with a correct-looking hash breaks the link of the next entry', (t) => {
  const { store, raw, records, dropTriggers } = tamperable(t);
  dropTriggers();
  // Make room after seq 2 and forge an entry chained correctly from seq 2, as an attacker would.
  raw.prepare('UPDATE reviews SET seq = seq + 100').run();
  raw.prepare('UPDATE records SET seq = seq + 100 WHERE seq > 2').run();
  raw.prepare('UPDATE reviews SET seq = seq - 99').run();
  raw.prepare('UPDATE records SET seq = seq - 99 WHERE seq > 100').run();
  raw.prepare('UPDATE record_signals SET record_seq = record_seq + 1 WHERE record_seq > 2').run();
  const prev = raw.prepare('SELECT hash FROM records WHERE seq = 2').get() as { hash: string };
  const forged = makeRecord('public-hosted', 99);
  const json = canonicalJson(forged);
  raw
    .prepare(
      `INSERT INTO records (seq, id, created_at, target, rule_id, provider, status, review_required, search, json, prev_hash, hash)
       VALUES (3, @id, @created_at, @target, @rule_id, @provider, @status, @review_required, @search, @json, @prev_hash, @hash)`,
    )
    .run({ ...deriveColumns(forged), json, prev_hash: prev.hash, hash: chainHash(prev.hash, json) });
  const mac = (key: Buffer) => createHmac('sha256', key).update(`3:${chainHash(prev.hash, json)}`).digest('hex');
  // Without the audit key the forged entry itself fails its HMAC.
  raw.prepare('UPDATE records SET mac = ? WHERE seq = 3').run(mac(randomBytes(32)));
  const withoutKey = broken(store.verify());
  assert.deepEqual([withoutKey.seq, withoutKey.id], [3, forged.id]);
  assert.match(withoutKey.reason, /HMAC does not match/);
  // With the key, the chain link still breaks at the original record after it.
  raw.prepare('UPDATE records SET mac = ? WHERE seq = 3').run(mac(Buffer.from(readFileSync(join(dirname(store.path), 'audit.key'), 'utf8').trim(), 'hex')));
  const first = broken(store.verify());
  assert.deepEqual([first.seq, first.id], [4, records[2]!.id], 'the original record after the forged one');
  assert.match(first.reason, /prev_hash does not match/);
});

test('appending a row at the end with a made-up hash is caught at that row', (t) => {
  const { store, raw, dropTriggers } = tamperable(t);
  dropTriggers();
  const forged = makeRecord('public-hosted', 50);
  raw
    .prepare(
      `INSERT INTO records (seq, id, created_at, target, rule_id, provider, status, review_required, search, json, prev_hash, hash)
       VALUES (8, ?, ?, 'hosted', 'public-text-hosted', 'openai', 'ok', 0, '', ?, ?, ?)`,
    )
    .run(forged.id, forged.createdAt, canonicalJson(forged), '0'.repeat(64), 'f'.repeat(64));
  const first = broken(store.verify());
  assert.deepEqual([first.seq, first.id], [8, forged.id]);
  const err = auditBrokenError(store.verify() as Extract<VerifyResult, { ok: false }>);
  assert.equal(err.code, 'AIRLOCK_E_AUDIT_BROKEN');
  assert.match(err.message, new RegExp(`entry 8 \\(record ${forged.id}\\)`));
});

test('moving a review onto another record is caught', (t) => {
  const { store, raw, records, dropTriggers } = tamperable(t);
  dropTriggers();
  raw.prepare('UPDATE reviews SET record_id = ?').run(records[0]!.id);
  const first = broken(store.verify());
  assert.deepEqual([first.seq, first.kind], [4, 'review']);
});

test('an empty store verifies', (t) => {
  const { store } = tempStore(t);
  const result = store.verify();
  assert.ok(result.ok);
  assert.equal(result.count, 0);
});

test('a long chain verifies across batch boundaries', (t) => {
  const { store } = tempStore(t);
  const records = makeRecords(1203);
  for (const record of records) store.append(record);
  store.markReviewed(records[4]!.id, { by: 'lee' }, new Date('2025-03-12T00:00:00Z'));
  const result = store.verify();
  assert.ok(result.ok);
  assert.equal(result.count, 1204);
  const second = openStore(dirname(store.path));
  t.after(() => second.close());
  assert.ok(second.verify().ok, 'a second connection sees the same chain');
});
