// `airlock daemon start|status|stop` and `airlock audit` as real processes against a temp AIRLOCK_HOME.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { airlock } from '../../helpers/airlock-process';
import { tempHome } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

test('daemon start (twice), status, a blocked ask, audit verify/export, stop', { timeout: 120_000 }, async (t) => {
  // Port 0: the daemon binds a free port itself and reports it in airlockd.json, where the CLI finds it.
  const home = tempHome(t, 'port: 0\npolicy: strict\n');
  const env = { AIRLOCK_HOME: home, AIRLOCK_CONFIG: '' };
  // By pid, not `daemon stop`: hooks run in order and the home (with the pid file) is removed first.
  let pid = 0;
  t.after(() => {
    try {
      if (pid) process.kill(pid, 'SIGTERM');
    } catch {
      // Already stopped by the test.
    }
  });

  const down = await airlock(['daemon', 'status'], env);
  assert.equal(down.code, 3);
  assert.match(down.stderr, /AIRLOCK_E_DAEMON_UNREACHABLE/);

  const first = await airlock(['daemon', 'start'], env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^started airlockd/);
  pid = Number(readFileSync(path.join(home, 'airlockd.pid'), 'utf8'));
  assert.notEqual(pid, process.pid);
  const port = JSON.parse(readFileSync(path.join(home, 'airlockd.json'), 'utf8')).port as number;
  assert.ok(Number.isInteger(port) && port > 0, `a real port is reported: ${port}`);

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

test('airlock ask starts the daemon, streams the answer, then says how it was routed', { timeout: 120_000 }, async (t) => {
  const sims = await startSims(t);
  sims.openai.setDefault({ kind: 'ok', text: 'DNS maps names to addresses.\nResolvers cache the answers.\n', chunks: 4 });
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-ask-'));
  writeFileSync(path.join(home, 'config.yaml'), `port: 0\n${simConfig(sims).replace(/^policy: .*$/m, 'policy: balanced')}`);
  const env = { AIRLOCK_HOME: home, AIRLOCK_CONFIG: '', ...SIM_KEYS };
  // Stop the daemon before its home goes: it is found through the pid and token files there.
  t.after(async () => {
    await airlock(['daemon', 'stop'], env);
    rmSync(home, { recursive: true, force: true });
  });

  const asked = await airlock(['ask', 'What does DNS do?'], env);
  assert.equal(asked.code, 0, asked.stderr);
  assert.ok(asked.stdout.startsWith('DNS maps names to addresses.\nResolvers cache the answers.\n'), asked.stdout);
  assert.match(asked.stdout, /Route: +hosted · openai · gpt-4o-mini/);
  assert.match(asked.stdout, /Status: +ok/);
  assert.ok(sims.openai.receivedText().includes('What does DNS do?'));
  assert.equal(sims.local.received.length, 0);

  const json = await airlock(['ask', '--json', '--storage', 'none', 'And what is a CNAME?'], env);
  assert.equal(json.code, 0, json.stderr);
  const record = JSON.parse(json.stdout.slice(json.stdout.indexOf('{')));
  assert.equal(record.prompt.storage, 'none');
  assert.equal(record.route.target, 'hosted');
});
