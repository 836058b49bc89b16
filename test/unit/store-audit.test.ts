// The audit trail outside the database: the chain head in decisions.head, the HMAC keyed by audit.key, an exported
// head given to verify, and the file modes. Each attack is done as an attacker would: a raw connection to the real
// SQLite file with the triggers dropped, hashes recomputed with node:crypto, files removed or rewritten.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ANCHOR_FILE, AUDIT_KEY_FILE, STORE_FILE, auditBrokenError, formatHead, openStore } from '../../daemon/store';
import type { ChainPosition, Store } from '../../daemon/store';
import { deriveColumns } from '../../daemon/store/records';
import { makeRecord, makeRecords } from './fixtures/records';
import { broken, stolenMac, tamperable } from './fixtures/tamper';
import { tempDir } from './fixtures/temp-store';
import { runAirlock } from './helpers/cli';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const readAnchorFile = (dir: string) => JSON.parse(readFileSync(join(dir, ANCHOR_FILE), 'utf8')) as ChainPosition & { pending?: ChainPosition; broken?: { reason: string } };

function reopen(dir: string, t: import('node:test').TestContext, readOnly = true): Store {
  const store = openStore(dir, { readOnly });
  t.after(() => store.close());
  return store;
}

/** Appends a record at the end of the chain through the raw connection, hashed correctly; `mac` as given. */
function forgeAppend(raw: import('better-sqlite3').Database, seq: number, mac: (hash: string) => string | null) {
  const prev = (raw.prepare('SELECT hash FROM records WHERE seq = ? UNION ALL SELECT hash FROM reviews WHERE seq = ?').get(seq - 1, seq - 1) as { hash: string }).hash;
  const forged = makeRecord('public-hosted', 500 + seq);
  const json = canonical(forged);
  const hash = sha256(prev + json);
  raw
    .prepare(
      `INSERT INTO records (seq, id, created_at, target, rule_id, provider, status, review_required, search, json, prev_hash, hash, mac)
       VALUES (@seq, @id, @created_at, @target, @rule_id, @provider, @status, @review_required, @search, @json, @prev_hash, @hash, @mac)`,
    )
    .run({ seq, ...deriveColumns(forged), json, prev_hash: prev, hash, mac: mac(hash) });
  return forged;
}

/** Canonical JSON (sorted keys, no whitespace), written independently of the store's. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

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
function rewriteFrom3(dir: string, raw: import('better-sqlite3').Database, withKey: boolean) {
  const rows = raw.prepare('SELECT seq, json FROM records UNION ALL SELECT seq, json FROM reviews ORDER BY seq').all() as { seq: number; json: string }[];
  let prev = (raw.prepare('SELECT hash FROM records WHERE seq = 2').pluck().get() as string);
  for (const row of rows.slice(2)) {
    let json = row.json;
    if (row.seq === 3) {
      const record = JSON.parse(json) as Parameters<typeof deriveColumns>[0];
      record.explanation = 'nothing to see here';
      json = canonical(record);
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
