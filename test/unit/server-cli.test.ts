// `airlock daemon start|status|stop` and `airlock audit` as real processes against a temp AIRLOCK_HOME.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { airlock, freePort } from './helpers/airlock-process';
import { tempHome } from './helpers/daemon';

test('daemon start (twice), status, a blocked ask, audit verify/export, stop', { timeout: 120_000 }, async (t) => {
  const port = await freePort();
  const home = tempHome(t, `port: ${port}\npolicy: strict\n`);
  const env = { AIRLOCK_HOME: home, AIRLOCK_CONFIG: '' };
  t.after(() => airlock(['daemon', 'stop'], env));

  const down = await airlock(['daemon', 'status'], env);
  assert.equal(down.code, 3);
  assert.match(down.stderr, /AIRLOCK_E_DAEMON_UNREACHABLE/);

  const first = await airlock(['daemon', 'start'], env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^started airlockd/);
  const pid = Number(readFileSync(path.join(home, 'airlockd.pid'), 'utf8'));
  assert.notEqual(pid, process.pid);
  assert.equal(JSON.parse(readFileSync(path.join(home, 'airlockd.json'), 'utf8')).port, port);

  const second = await airlock(['daemon', 'start'], env);
  assert.equal(second.code, 0);
  assert.match(second.stdout, new RegExp(`^already airlockd .* pid ${pid}`));

  const status = await airlock(['daemon', 'status'], env);
  assert.match(status.stdout, /policy strict, 0 records/);

  const blocked = await airlock(['ask', '--', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\nfix my ssh'], env);
  assert.equal(blocked.code, 1);
  assert.match(blocked.stderr, /AIRLOCK_E_BLOCKED: Remove the private key/);
  assert.equal(blocked.stdout, '');

  const verify = await airlock(['audit', 'verify'], env);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /^ok: 1 entries/);
  const exported = await airlock(['audit', 'export', '--jsonl'], env);
  const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 1);
  assert.equal(lines[0].record.status, 'blocked');
  assert.equal((await airlock(['audit', 'export', '--jsonl', '--since', '2999-01-01'], env)).stdout, '');

  const stop = await airlock(['daemon', 'stop'], env);
  assert.equal(stop.code, 0);
  assert.match(stop.stdout, /airlockd stopped/);
  assert.throws(() => process.kill(pid, 0), 'the daemon process is gone');
  assert.equal(existsSync(path.join(home, 'airlockd.pid')), false);
  assert.match((await airlock(['daemon', 'stop'], env)).stdout, /not running/);
});
