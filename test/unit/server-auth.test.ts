// Who may open the daemon's socket: refusals happen on the HTTP upgrade and never reach JSON-RPC.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ensureHome, ensureToken, tokensEqual } from '../../daemon/server/home';
import { checkUpgrade } from '../../daemon/server/auth';
import { rawSocket, startTestDaemon, tempHome, tryUpgrade } from './helpers/daemon';

test('refuses a missing token, a wrong token, a browser Origin and a foreign Host; accepts the right client', async (t) => {
  const calls: string[] = [];
  const d = await startTestDaemon(t, { log: { info: (e) => calls.push(e), error: (e) => calls.push(e) } });
  const auth = { Authorization: `Bearer ${d.token}` };
  assert.equal(await tryUpgrade(d.port, {}), 401);
  assert.equal(await tryUpgrade(d.port, { Authorization: `Bearer ${'0'.repeat(64)}` }), 401);
  assert.equal(await tryUpgrade(d.port, { Authorization: `Bearer ${d.token.slice(0, 10)}` }), 401);
  assert.equal(await tryUpgrade(d.port, { Authorization: d.token }), 401, 'a token without the Bearer scheme');
  assert.equal(await tryUpgrade(d.port, { ...auth, Origin: 'https://evil.example' }), 403);
  assert.equal(await tryUpgrade(d.port, { ...auth, Origin: 'null' }), 403);
  assert.equal(await tryUpgrade(d.port, auth, `evil.example:${d.port}`), 403);
  assert.equal(await tryUpgrade(d.port, auth, `127.0.0.1:${d.port + 1}`), 403);
  // None of those reached a handler: the only log lines are refusals.
  assert.ok(calls.length >= 8 && calls.every((c) => c === 'connection refused' || c === 'airlockd started'), calls.join(','));
  assert.equal(await tryUpgrade(d.port, auth), 101);
  assert.equal(await tryUpgrade(d.port, auth, `localhost:${d.port}`), 101);
  const raw = await rawSocket(d);
  const reply = (await raw.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'health/get' }))) as { result: { pid: number } };
  assert.equal(reply.result.pid, process.pid);
  raw.ws.close();
});

test('checkUpgrade: Host must be loopback with our port', () => {
  const req = (headers: Record<string, string>) => ({ headers }) as never;
  const token = 'a'.repeat(64);
  const ok = { authorization: `Bearer ${token}` };
  assert.equal(checkUpgrade(req({ ...ok, host: '127.0.0.1:5000' }), token, 5000), null);
  assert.equal(checkUpgrade(req({ ...ok, host: '[::1]:5000' }), token, 5000), null);
  assert.equal(checkUpgrade(req({ ...ok, host: '127.0.0.1' }), token, 5000)?.status, 403);
  assert.equal(checkUpgrade(req({ ...ok, host: 'localhost.evil.example:5000' }), token, 5000)?.status, 403);
  assert.equal(checkUpgrade(req({ ...ok }), token, 5000)?.status, 403);
});

test('the token is 32 random bytes in hex, mode 0600, in a 0700 home, and re-used', (t) => {
  const home = path.join(tempHome(t), 'nested');
  ensureHome(home);
  assert.equal(statSync(home).mode & 0o777, 0o700);
  const first = ensureToken(home);
  assert.match(first, /^[0-9a-f]{64}$/);
  assert.equal(statSync(path.join(home, 'token')).mode & 0o777, 0o600);
  assert.equal(ensureToken(home), first);
  assert.notEqual(ensureToken(tempHome(t)), first);
  assert.equal(tokensEqual(first, first), true);
  assert.equal(tokensEqual(first, first.slice(1)), false);
});

test('a restarted daemon keeps the token, so a client configured before still connects', async (t) => {
  const home = tempHome(t);
  const one = await startTestDaemon(t, { home });
  const token = one.token;
  await one.stop();
  const two = await startTestDaemon(t, { home });
  assert.equal(two.token, token);
  const client = await two.client();
  assert.equal((await client.request('health/get', {})).records, 0);
});
