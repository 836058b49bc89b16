// The anchor file and the audit key around the attacks: the crash window between COMMIT and the anchor update, a
// missing or damaged anchor or key, stores from before anchoring, the read-only mode the CLI uses, file modes, and
// `airlock audit verify` output with --anchor.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ANCHOR_FILE, AUDIT_KEY_FILE, STORE_FILE, openStore } from '../../../daemon/store';
import { makeRecord, makeRecords } from '../../helpers/records';
import { broken, readAnchorFile, reopen, sha256, tamperable } from '../fixtures/tamper';
import { tempDir } from '../fixtures/temp-store';
import { runAirlock } from '../../helpers/cli';

test('decisions.sqlite, its -wal and -shm, the audit key and the anchor are created 0600', (t) => {
  const previous = process.umask(0o022);
  t.after(() => process.umask(previous));
  const dir = tempDir(t);
  const store = openStore(dir);
  t.after(() => store.close());
  store.append(makeRecord('secret-local'));
  for (const file of [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`, AUDIT_KEY_FILE, ANCHOR_FILE]) {
    assert.equal((statSync(join(dir, file)).mode & 0o777).toString(8), '600', file);
  }
});

test('a store file left 0644 by an older Airlock is made 0600 when opened', (t) => {
  const previous = process.umask(0o022);
  t.after(() => process.umask(previous));
  const dir = tempDir(t);
  writeFileSync(join(dir, STORE_FILE), '', { mode: 0o644 });
  const store = reopen(dir, t, false);
  store.append(makeRecord('secret-local'));
  for (const file of [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`]) assert.equal((statSync(join(dir, file)).mode & 0o777).toString(8), '600', file);
});

test('a crash between COMMIT and the anchor update verifies; a writer reopening settles the anchor', (t) => {
  const { dir, store } = tamperable(t);
  const head = store.verify();
  assert.ok(head.ok);
  const six = store.query({ limit: 2 }).records[1]!;
  // Step 1 durable, step 2 never written: the anchor still names the head before, with the new one pending.
  writeFileSync(join(dir, ANCHOR_FILE), JSON.stringify({ version: 1, seq: six.seq, hash: six.hash, macFrom: 1, pending: head.head }));
  assert.equal(reopen(dir, t).verify().ok, true);
  // Without `pending`, the same state is an append outside the daemon.
  writeFileSync(join(dir, ANCHOR_FILE), JSON.stringify({ version: 1, seq: six.seq, hash: six.hash, macFrom: 1 }));
  assert.match(broken(reopen(dir, t).verify()).firstBroken.reason, /appended outside the daemon/);
  // The writer opening after the crash moves the anchor to the head.
  writeFileSync(join(dir, ANCHOR_FILE), JSON.stringify({ version: 1, seq: six.seq, hash: six.hash, macFrom: 1, pending: head.head }));
  reopen(dir, t, false);
  assert.deepEqual(readAnchorFile(dir), { version: 1, seq: 7, hash: head.head.hash, macFrom: 1 });
});

test('a missing or damaged anchor file, or a missing or damaged key, fails with its own code', (t) => {
  const { dir, store } = tamperable(t);
  const anchorText = readFileSync(join(dir, ANCHOR_FILE));
  rmSync(join(dir, ANCHOR_FILE));
  assert.match(broken(store.verify()).firstBroken.reason, /anchor file decisions\.head is missing, yet this store was anchored/);
  writeFileSync(join(dir, ANCHOR_FILE), '{"version":1,"seq":');
  assert.deepEqual([broken(store.verify()).code, broken(store.verify()).firstBroken.kind], ['AIRLOCK_E_AUDIT_ANCHOR', 'anchor']);
  writeFileSync(join(dir, ANCHOR_FILE), anchorText);
  const keyText = readFileSync(join(dir, AUDIT_KEY_FILE));
  rmSync(join(dir, AUDIT_KEY_FILE));
  const noKey = broken(store.verify());
  assert.deepEqual([noKey.code, noKey.firstBroken.kind], ['AIRLOCK_E_AUDIT_KEY', 'key']);
  assert.match(noKey.firstBroken.reason, /entries from 1 on carry HMACs but there is no audit key/);
  writeFileSync(join(dir, AUDIT_KEY_FILE), 'not a key');
  assert.equal(broken(store.verify()).code, 'AIRLOCK_E_AUDIT_KEY');
  writeFileSync(join(dir, AUDIT_KEY_FILE), keyText);
  assert.equal(store.verify().ok, true);
});

test('a store from before anchoring and HMACs verifies and says what it cannot show; the daemon then anchors it', (t) => {
  const { dir, store, raw, records } = tamperable(t);
  store.close();
  // The schema and files of the previous version: no mac columns, version 1, no key, no anchor.
  raw.exec('ALTER TABLE records DROP COLUMN mac; ALTER TABLE reviews DROP COLUMN mac; PRAGMA user_version = 1;');
  raw.close();
  rmSync(join(dir, AUDIT_KEY_FILE));
  rmSync(join(dir, ANCHOR_FILE));
  const old = reopen(dir, t).verify();
  assert.ok(old.ok, JSON.stringify(old));
  assert.deepEqual([old.count, old.coverage], [7, { anchor: 'none', macFrom: null, external: null }]);
  assert.equal(existsSync(join(dir, AUDIT_KEY_FILE)), false, 'a read-only open creates no key');

  const daemon = reopen(dir, t, false);
  assert.equal(daemon.get(records[0]!.id).seq, 1);
  daemon.append(makeRecord('code-private', 60));
  const upgraded = daemon.verify();
  assert.ok(upgraded.ok);
  assert.deepEqual([upgraded.count, upgraded.coverage], [8, { anchor: 'file', macFrom: 8, external: null }]);
});

test('a read-only store refuses appends and writes no key and no anchor', (t) => {
  const dir = tempDir(t);
  const store = reopen(dir, t);
  assert.throws(() => store.append(makeRecord('public-hosted')), /opened read-only/);
  assert.deepEqual([existsSync(join(dir, AUDIT_KEY_FILE)), existsSync(join(dir, ANCHOR_FILE))], [false, false]);
  const empty = store.verify();
  assert.ok(empty.ok);
  assert.deepEqual(empty.coverage, { anchor: 'none', macFrom: null, external: null });
});

test('airlock audit verify prints the head as HASH@SEQ and what it covered, and checks --anchor', async (t) => {
  const dir = tempDir(t);
  const writer = openStore(dir);
  for (const record of makeRecords(3)) writer.append(record);
  const head = writer.verify();
  writer.close();
  assert.ok(head.ok);
  const env = { AIRLOCK_HOME: dir };
  const ok = await runAirlock(['audit', 'verify'], '', env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(
    ok.stdout,
    `ok: 3 entries (3 records, 0 reviews), head ${head.head.hash}@3\n` +
      'anchor: the database ends at the head kept in decisions.head\n' +
      'hmac: entries 1..3 carry a valid HMAC (audit.key)\n',
  );
  const anchored = await runAirlock(['audit', 'verify', '--anchor', `${head.head.hash}@3`], '', env);
  assert.equal(anchored.code, 0, anchored.stderr);
  assert.match(anchored.stdout, new RegExp(`exported head ${head.head.hash}@3: found in the chain`));
  const ahead = await runAirlock(['audit', 'verify', '--anchor', `${head.head.hash}@9`], '', env);
  assert.equal(ahead.code, 1);
  assert.match(ahead.stderr, /^AIRLOCK_E_AUDIT_ANCHOR: anchor check failed: entries 4\.\.9 are missing: the exported head is [0-9a-f]{64}@9, the database ends at 3/);
  const bad = await runAirlock(['audit', 'verify', '--anchor', 'abc@3'], '', env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /AIRLOCK_E_USAGE: --anchor takes HASH@SEQ/);
});

test('a first start that died after writing the anchor and before the key verifies, and the next start goes on quietly', (t) => {
  const dir = tempDir(t);
  // The state the writer leaves between its two first writes: anchor at the empty head, no key yet.
  writeFileSync(join(dir, ANCHOR_FILE), JSON.stringify({ version: 1, seq: 0, hash: sha256('airlock/decision-store/genesis/v1'), macFrom: 1 }));
  assert.equal(reopen(dir, t).verify().ok, true);
  const warnings: string[] = [];
  const daemon = openStore(dir, { onWarning: (message) => warnings.push(message) });
  t.after(() => daemon.close());
  daemon.append(makeRecord('secret-local', 7));
  assert.deepEqual(warnings, []);
  const result = daemon.verify();
  assert.ok(result.ok);
  assert.deepEqual(result.coverage, { anchor: 'file', macFrom: 1, external: null });
});
