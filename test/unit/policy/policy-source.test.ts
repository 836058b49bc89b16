// A remote policy source in a real airlockd, served by a local HTTP server on 127.0.0.1: pinned by sha256 or by a real
// `ssh-keygen -Y sign` signature, cached in the home, refreshed on an interval; a failed or unverified fetch keeps the
// last verified policy (health/get says why), an edited cache is refused, and with no verified copy airlockd does
// not start.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { parseConfig } from '../../../daemon/config';
import { cacheFile } from '../../../daemon/policy-source';
import { startDaemon } from '../../../daemon/server/daemon';
import { AirlockError, type DaemonNotifications } from '../../../protocol';
import type { ClientResults } from '../../../protocol/methods';
import { within } from '../../helpers/bounded';
import { runAirlock } from '../../helpers/cli';
import { envOnlyKeys, startTestDaemon, tempHome, type TestDaemon } from '../../helpers/daemon';

const STRICT = readFileSync(path.join(import.meta.dirname, '../../../presets/strict.yaml'), 'utf8');
const TEAM = STRICT.replace(/^name: .*$/m, 'name: team');
const TEAM_V2 = STRICT.replace(/^name: .*$/m, 'name: team-v2');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const refused = (code: string, reason?: RegExp) => (e: unknown) => e instanceof AirlockError && e.code === code && (!reason || reason.test(e.message));

/** A policy server: `files` maps a path to a body; `down` makes it answer 503. */
async function policyServer(t: TestContext) {
  const files = new Map<string, string>();
  const state = { down: false, requests: 0 };
  const server = createServer((req, res) => {
    state.requests++;
    const body = files.get(req.url ?? '');
    if (state.down) res.writeHead(503).end();
    else if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  const port = (server.address() as { port: number }).port;
  return { files, state, url: `http://127.0.0.1:${port}/team.yaml` };
}

/** Waits (bounded) until health/get's policySource satisfies `ok`. */
async function sourceState(d: TestDaemon, ok: (h: ClientResults['health/get']) => boolean) {
  const client = await d.client();
  return within((async () => {
    for (;;) {
      const h = await client.request('health/get', {});
      if (ok(h)) return h.policySource!;
      // A pause between polls, not a time limit: the bound is within()'s.
      await new Promise((r) => setTimeout(r, 20));
    }
  })(), 'the policy source state');
}

function changed(client: { onNotification: (m: 'policy/changed', f: (n: DaemonNotifications['policy/changed']) => void) => () => void }) {
  return new Promise<DaemonNotifications['policy/changed']>((resolve) => {
    const off = client.onNotification('policy/changed', (n) => {
      off();
      resolve(n);
    });
  });
}

function startRefused(home: string) {
  const env = { AIRLOCK_HOME: home };
  return startDaemon({ port: 0, keys: envOnlyKeys(env), log: { info() {}, error() {} }, env }).then(async (d) => {
    await d.stop();
    throw new Error('the daemon started');
  });
}

test('a sha256-pinned source: cached, kept when the server changes or fails, refused when the cache is edited', { timeout: 60_000 }, async (t) => {
  const server = await policyServer(t);
  server.files.set('/team.yaml', TEAM);
  const home = tempHome(t, `policySource:\n  url: "${server.url}"\n  sha256: ${sha256(TEAM)}\n  refreshSeconds: 1\n`);
  const d = await startTestDaemon(t, { home });
  const client = await d.client();
  const active = await client.request('policy/get', {});
  assert.equal(active.name, 'team');
  assert.equal(active.file, cacheFile(home, server.url));
  assert.equal(readFileSync(cacheFile(home, server.url), 'utf8'), TEAM);

  // The server now serves other bytes: they do not match the pin; the verified policy stays.
  server.files.set('/team.yaml', TEAM_V2);
  const mismatch = await sourceState(d, (h) => /sha256 .* is not the pinned/.test(h.policySource?.lastError ?? ''));
  assert.equal(mismatch.hash, sha256(TEAM));
  assert.equal((await client.request('policy/get', {})).name, 'team');

  // Unreachable (503): same.
  server.state.down = true;
  await sourceState(d, (h) => /HTTP 503/.test(h.policySource?.lastError ?? ''));
  assert.equal((await client.request('policy/get', {})).hash, active.hash);

  // An edit of the cached copy is refused like an unsigned policy: the verified one stays active.
  const note = changed(client);
  writeFileSync(cacheFile(home, server.url), TEAM.replace('name: team', 'name: team-edited'));
  const n = await within(note, 'the refused reload');
  assert.ok('error' in n && n.error.code === 'AIRLOCK_E_POLICY_SOURCE', JSON.stringify(n));
  assert.equal((await client.request('policy/get', {})).hash, active.hash);
  await d.stop();

  // A restart with the source down and the cache edited: no verified policy, no start.
  await assert.rejects(startRefused(home), refused('AIRLOCK_E_POLICY_SOURCE', /no verified policy yet/));
  // The source back: it starts again, and the cache is repaired.
  server.state.down = false;
  server.files.set('/team.yaml', TEAM);
  const again = await startTestDaemon(t, { home });
  assert.equal((await (await again.client()).request('policy/get', {})).hash, active.hash);
  // The CLI plans with the same verified copy.
  const explained = await runAirlock(['explain', '--json', 'hello'], '', { AIRLOCK_HOME: home, AIRLOCK_MACHINE_CONFIG: '' });
  assert.equal(explained.code, 0, explained.stderr);
  assert.equal(JSON.parse(explained.stdout).policy.name, 'team');
});

test('a cached policy carries a restart while the source is down', { timeout: 60_000 }, async (t) => {
  const server = await policyServer(t);
  server.files.set('/team.yaml', TEAM);
  const home = tempHome(t, `policySource: { url: "${server.url}", sha256: ${sha256(TEAM)} }\n`);
  const first = await startTestDaemon(t, { home });
  await first.stop();
  server.state.down = true;
  const d = await startTestDaemon(t, { home });
  const client = await d.client();
  assert.equal((await client.request('policy/get', {})).name, 'team');
  const h = await client.request('health/get', {});
  assert.match(h.policySource?.lastError ?? '', /HTTP 503/);
  assert.equal(h.policySource?.hash, sha256(TEAM));
});

test('no verified copy and an unreachable source: airlockd does not start', async (t) => {
  const server = await policyServer(t);
  server.state.down = true;
  await assert.rejects(startRefused(tempHome(t, `policySource: { url: "${server.url}", sha256: ${sha256(TEAM)} }\n`)), refused('AIRLOCK_E_POLICY_SOURCE', /HTTP 503/));
});

test('a signed source: a new signed version replaces the policy on refresh; a wrongly signed one does not', { timeout: 60_000 }, async (t) => {
  const server = await policyServer(t);
  const home = tempHome(t, `policySource:\n  url: "${server.url}"\n  signed: true\n  refreshSeconds: 1\nallowedSigners: ./allowed_signers\n`);
  const key = path.join(home, 'team-key');
  const other = path.join(home, 'other-key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'policy@team', '-f', key]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', other]);
  writeFileSync(path.join(home, 'allowed_signers'), `policy@team namespaces="airlock-policy" ${readFileSync(`${key}.pub`, 'utf8')}`);
  const sign = (text: string, by: string) => {
    const file = path.join(home, `to-sign-${sha256(text + by).slice(0, 8)}.yaml`);
    writeFileSync(file, text);
    execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-n', 'airlock-policy', '-f', by, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(`${file}.sig`, 'utf8');
  };
  server.files.set('/team.yaml', TEAM);
  server.files.set('/team.yaml.sig', sign(TEAM, key));
  const d = await startTestDaemon(t, { home });
  const client = await d.client();
  assert.equal((await client.request('policy/get', {})).name, 'team');

  const note = changed(client);
  server.files.set('/team.yaml.sig', sign(TEAM_V2, key));
  server.files.set('/team.yaml', TEAM_V2);
  const n = await within(note, 'the refreshed policy');
  assert.ok('policy' in n && n.policy.name === 'team-v2', JSON.stringify(n));

  server.files.set('/team.yaml.sig', sign(TEAM, other));
  server.files.set('/team.yaml', TEAM);
  await sourceState(d, (h) => (h.policySource?.lastError ?? '') !== '' && h.policySource?.hash === sha256(TEAM_V2));
  assert.equal((await client.request('policy/get', {})).name, 'team-v2', 'the untrusted signature changes nothing');
});

test('config: a source must be pinned, and http is for loopback only', () => {
  assert.throws(() => parseConfig('policySource: { url: "https://policy.example/team.yaml" }', '/x/config.yaml'), refused('AIRLOCK_E_CONFIG_INVALID', /pin the policy/));
  assert.throws(() => parseConfig(`policySource: { url: "http://policy.example/team.yaml", sha256: ${sha256('x')} }`, '/x/config.yaml'), refused('AIRLOCK_E_CONFIG_INVALID', /must be https/));
  assert.throws(() => parseConfig('policySource: { url: "https://p.example/t.yaml", signed: true }', '/x/config.yaml'), refused('AIRLOCK_E_CONFIG_INVALID', /needs allowedSigners/));
  assert.ok(parseConfig(`policySource: { url: "https://p.example/t.yaml", sha256: ${sha256('x')} }`, '/x/config.yaml').policySource);
});
