// The attacks on the audit log (issue 10 §5), each as an attacker would do it: a raw connection to the real SQLite
// file with the triggers dropped, hashes and HMACs recomputed with node:crypto, files removed or rewritten. The
// anchor's crash window, older stores, file modes and the CLI are in store-anchor.test.ts.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Database as Db } from 'better-sqlite3';
import { ANCHOR_FILE, STORE_FILE, auditBrokenError, formatHead, openStore } from '../../../daemon/store';
import { deriveColumns } from '../../../daemon/store/records';
import { makeRecord } from '../../helpers/records';
import { broken, independentCanonical, readAnchorFile, reopen, sha256, stolenMac, tamperable } from '../fixtures/tamper';

/** Appends a record at the end of the chain through the raw connection, hashed correctly; `mac` as given. */
function forgeAppend(raw: Db, seq: number, mac: (hash: string) => string | null) {
  const prev = (raw.prepare('SELECT hash FROM records WHERE seq = ? UNION ALL SELECT hash FROM reviews WHERE seq = ?').get(seq - 1, seq - 1) as { hash: string }).hash;
  const forged = makeRecord('public-hosted', 500 + seq);
  const json = independentCanonical(forged);
  const hash = sha256(prev + json);
  raw
    .prepare(
      `INSERT INTO records (seq, id, created_at, target, rule_id, provider, status, review_required, search, json, prev_hash, hash, mac)
       VALUES (@seq, @id, @created_at, @target, @rule_id, @provider, @status, @review_required, @search, @json, @prev_hash, @hash, @mac)`,
    )
    .run({ seq, ...deriveColumns(forged), json, prev_hash: prev, hash, mac: mac(hash) });
  return forged;
}

test('the anchor file follows every commit, and the head verifies as HASH@SEQ with every entry signed', (t) => {
  const { dir, store } = tamperable(t);
  const result = store.verify();
  assert.ok(result.ok);
  assert.deepEqual(result.coverage, { anchor: 'file', macFrom: 1, external: null });
  const anchor = readAnchorFile(dir);
  assert.deepEqual([anchor.seq, anchor.hash, anchor.pending], [7, result.head.hash, undefined]);
  assert.match(formatHead(result.head), /^[0-9a-f]{64}@7$/);
});

test('deleting the newest records is caught against the anchor', (t) => {
  const { store, raw, dropTriggers } = tamperable(t);
  dropTriggers();
  raw.prepare('DELETE FROM record_signals WHERE record_seq > 5').run();
  raw.prepare('DELETE FROM records WHERE seq > 5').run();
  const result = broken(store.verify());
  assert.equal(result.code, 'AIRLOCK_E_AUDIT_ANCHOR');
  assert.equal(result.count, 5, 'the entries that are left verify');
  assert.deepEqual([result.firstBroken.kind, result.firstBroken.seq], ['anchor', 7]);
  assert.match(result.firstBroken.reason, /entries 6\.\.7 are missing \(the newest were cut off\)/);
  assert.equal(auditBrokenError(result).code, 'AIRLOCK_E_AUDIT_ANCHOR');
});

test('deleting every record is caught against the anchor', (t) => {
  const { dir, raw, dropTriggers } = tamperable(t);
  dropTriggers();
  raw.exec('DELETE FROM reviews; DELETE FROM record_signals; DELETE FROM records;');
  const result = broken(reopen(dir, t).verify());
  assert.equal(result.code, 'AIRLOCK_E_AUDIT_ANCHOR');
  assert.match(result.firstBroken.reason, /the database is empty but the anchor .* says the chain reached [0-9a-f]{64}@7/);
});

test('deleting the file is caught, and stays caught after the daemon restarts and records again', (t) => {
  const { dir, store, raw } = tamperable(t);
  const claimed = store.verify();
  assert.ok(claimed.ok);
  raw.close();
  store.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, STORE_FILE + suffix), { force: true });

  const cli = reopen(dir, t);
  assert.match(broken(cli.verify()).firstBroken.reason, /the database is empty but the anchor/);
  cli.close();

  // The daemon starts on the empty file and goes on recording: the mismatch is kept, not overwritten.
  const warnings: string[] = [];
  const daemon = openStore(dir, { onWarning: (message) => warnings.push(message) });
  t.after(() => daemon.close());
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /the database is empty/);
  daemon.append(makeRecord('public-hosted', 900));
  daemon.append(makeRecord('secret-local', 901));
  const later = broken(reopen(dir, t).verify());
  assert.equal(later.code, 'AIRLOCK_E_AUDIT_ANCHOR');
  assert.equal(later.firstBroken.seq, 7, 'the head the anchor had before the file went');
  assert.match(later.firstBroken.reason, new RegExp(`says the chain reached ${formatHead(claimed.head)}`));
  assert.equal(readAnchorFile(dir).seq, 2, 'the anchor still follows the new chain');
});

test('a record appended without the audit key fails its HMAC, whether it has none or a made-up one', (t) => {
  const { store, raw, dropTriggers } = tamperable(t);
  dropTriggers();
  const forged = forgeAppend(raw, 8, () => null);
  const none = broken(store.verify());
  assert.deepEqual([none.code, none.firstBroken.seq, none.firstBroken.id], ['AIRLOCK_E_AUDIT_BROKEN', 8, forged.id]);
  assert.match(none.firstBroken.reason, /no HMAC/);
  const otherKey = randomBytes(32);
  raw.prepare('UPDATE records SET mac = ? WHERE seq = 8').run(createHmac('sha256', otherKey).update(`8:${raw.prepare('SELECT hash FROM records WHERE seq = 8').pluck().get() as string}`).digest('hex'));
  const made = broken(store.verify());
  assert.equal(made.firstBroken.seq, 8);
  assert.match(made.firstBroken.reason, /HMAC does not match/);
});

test('a record appended with the audit key is caught against the anchor', (t) => {
  const { dir, store, raw, dropTriggers } = tamperable(t);
  dropTriggers();
  forgeAppend(raw, 8, (hash) => stolenMac(dir, 8, hash));
  const result = broken(store.verify());
  assert.equal(result.code, 'AIRLOCK_E_AUDIT_ANCHOR');
  assert.match(result.firstBroken.reason, /entries 8\.\.8 follow the anchored head [0-9a-f]{64}@7: they were appended outside the daemon/);
});

/** Changes record seq 3 and recomputes every later hash (and, with the key, every later MAC), as a careful attacker would. */
function rewriteFrom3(dir: string, raw: Db, withKey: boolean) {
  const rows = raw.prepare('SELECT seq, json FROM records UNION ALL SELECT seq, json FROM reviews ORDER BY seq').all() as { seq: number; json: string }[];
  let prev = (raw.prepare('SELECT hash FROM records WHERE seq = 2').pluck().get() as string);
  for (const row of rows.slice(2)) {
    let json = row.json;
    if (row.seq === 3) {
      const record = JSON.parse(json) as Parameters<typeof deriveColumns>[0];
      record.explanation = 'nothing to see here';
      json = independentCanonical(record);
      const { id: _id, ...columns } = deriveColumns(record);
      raw.prepare('UPDATE records SET search = ? WHERE seq = 3').run(columns.search);
    }
    const hash = sha256(prev + json);
    const mac = withKey ? stolenMac(dir, row.seq, hash) : 'f'.repeat(64);
    for (const table of ['records', 'reviews']) raw.prepare(`UPDATE ${table} SET json = ?, prev_hash = ?, hash = ?, mac = ? WHERE seq = ?`).run(json, prev, hash, mac, row.seq);
    prev = hash;
  }
  return prev;
}

test('a middle record changed with the chain recomputed after it: the HMAC without the key, the anchor with it', (t) => {
  const { dir, store, raw, dropTriggers } = tamperable(t);
  dropTriggers();
  const exported = store.verify();
  assert.ok(exported.ok);
  rewriteFrom3(dir, raw, false);
  const noKey = broken(store.verify());
  assert.deepEqual([noKey.code, noKey.firstBroken.seq], ['AIRLOCK_E_AUDIT_BROKEN', 3]);
  assert.match(noKey.firstBroken.reason, /HMAC does not match/);

  const newHead = rewriteFrom3(dir, raw, true);
  const withKey = broken(store.verify());
  assert.equal(withKey.code, 'AIRLOCK_E_AUDIT_ANCHOR');
  assert.match(withKey.firstBroken.reason, /entry 7 is not the anchored one/);

  // An attacker who also rewrites the anchor file passes the local checks; a head exported earlier does not.
  writeFileSync(join(dir, ANCHOR_FILE), JSON.stringify({ ...readAnchorFile(dir), hash: newHead }));
  assert.equal(store.verify().ok, true, 'documented limit: key + anchor + database rewritten together verify locally');
  const external = broken(store.verify({ external: exported.head }));
  assert.equal(external.code, 'AIRLOCK_E_AUDIT_ANCHOR');
  assert.match(external.firstBroken.reason, /entry 7 differs from the exported head/);
});

test('an exported head: found when the chain holds it, and catches a cut even when the anchor file was cut too', (t) => {
  const { dir, store, raw, dropTriggers } = tamperable(t);
  const earlier = store.verify();
  assert.ok(earlier.ok);
  store.append(makeRecord('pii-blocked', 40));
  const later = store.verify({ external: earlier.head });
  assert.ok(later.ok);
  assert.deepEqual(later.coverage.external, earlier.head);

  dropTriggers();
  raw.prepare('DELETE FROM record_signals WHERE record_seq > 6').run();
  raw.prepare('DELETE FROM records WHERE seq > 6').run();
  const six = raw.prepare('SELECT hash FROM records WHERE seq = 6').pluck().get() as string;
  writeFileSync(join(dir, ANCHOR_FILE), JSON.stringify({ ...readAnchorFile(dir), seq: 6, hash: six }));
  assert.equal(store.verify().ok, true, 'the local anchor was rewritten to match');
  const result = broken(store.verify({ external: earlier.head }));
  assert.match(result.firstBroken.reason, /entries 7\.\.7 are missing: the exported head is [0-9a-f]{64}@7, the database ends at 6/);
});

