// Who may open the daemon's socket: HTTP refusals happen on the upgrade, the challenge–response right after it;
// neither lets a client reach JSON-RPC, and neither sends the token anywhere.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import { connect } from '../../../daemon/server/client';
import { ensureHome, ensureToken, readToken } from '../../../daemon/server/home';
import type { AirlockError } from '../../../protocol/errors';
import { checkUpgrade } from '../../../daemon/server/auth';
import { listen } from '../../../daemon/server/http';
import { dial } from '../../../protocol/node/dial';
import { CLOSE_UNAUTHORIZED, NONCE_HEADER, newNonce } from '../../../protocol/node/handshake';
import { rawSocket, startTestDaemon, tempHome, tryUpgrade } from '../../helpers/daemon';

/** Sends a hand-written upgrade request (for headers a WebSocket client cannot repeat); resolves with the status. */
function rawUpgrade(port: number, headerLines: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1', () => {
      socket.write(['GET / HTTP/1.1', 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', `${NONCE_HEADER}: ${newNonce()}`, ...headerLines, '', ''].join('\r\n'));
    });
    let text = '';
    socket.on('data', (chunk) => {
      text += String(chunk);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on('error', reject);
  });
}

test('refuses a token sent in clear, no nonce, a browser Origin (also Sec-WebSocket-Origin), a foreign or repeated Host', async (t) => {
  const calls: string[] = [];
  const d = await startTestDaemon(t, { log: { info: (e) => calls.push(e), error: (e) => calls.push(e) } });
  assert.equal(await tryUpgrade(d.port, { [NONCE_HEADER]: '' }), 401, 'no nonce');
  assert.equal(await tryUpgrade(d.port, { [NONCE_HEADER]: 'ab'.repeat(8) }), 401, 'a nonce of the wrong shape');
  assert.equal(await tryUpgrade(d.port, { Authorization: `Bearer ${d.token}` }), 401, 'the right token, but in clear');
  assert.equal(await tryUpgrade(d.port, { Origin: 'https://evil.example' }), 403);
  assert.equal(await tryUpgrade(d.port, { Origin: 'null' }), 403);
  assert.equal(await tryUpgrade(d.port, { 'Sec-WebSocket-Origin': 'https://evil.example' }), 403);
  assert.equal(await tryUpgrade(d.port, {}, `evil.example:${d.port}`), 403);
  assert.equal(await tryUpgrade(d.port, {}, `127.0.0.1:${d.port + 1}`), 403);
  assert.equal(await rawUpgrade(d.port, [`Host: 127.0.0.1:${d.port}`, `Host: evil.example:${d.port}`]), 400, 'two Host headers');
  assert.equal(await rawUpgrade(d.port, [`Host: 127.0.0.1:${d.port}`, `host: 127.0.0.1:${d.port}`]), 400, 'two Host headers, even equal');
  assert.equal(await rawUpgrade(d.port, [`Host: 127.0.0.1:${d.port}`]), 101, 'the hand-written request is otherwise acceptable');
  // None of those reached a handler: the only log lines are refusals (and the one upgrade left without a proof).
  assert.ok(calls.every((c) => c === 'connection refused' || c === 'airlockd started'), calls.join(','));
  assert.equal(await tryUpgrade(d.port, {}), 101, 'the upgrade itself; the proof follows');
  assert.equal(await tryUpgrade(d.port, {}, `localhost:${d.port}`), 101);
  const raw = await rawSocket(d);
  const reply = (await raw.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'health/get' }))) as { result: { pid: number } };
  assert.equal(reply.result.pid, process.pid);
  raw.ws.close();
});

/** Opens a socket, answers the challenge with `answer(challenge)`, and reports every frame and the close code. */
async function answerChallenge(port: number, answer: (challenge: Record<string, unknown>) => string): Promise<{ frames: string[]; code: number }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { headers: { [NONCE_HEADER]: newNonce() } });
  const frames: string[] = [];
  ws.on('message', (data) => {
    frames.push(String(data));
    if (frames.length === 1) ws.send(answer(JSON.parse(String(data)) as Record<string, unknown>));
  });
  const code = await new Promise<number>((resolve) => ws.once('close', resolve));
  return { frames, code };
}

test('a client without the token learns nothing and gets nothing: it cannot verify the daemon, and a wrong proof is closed', async (t) => {
  const refusals: unknown[] = [];
  const d = await startTestDaemon(t, { log: { info: (e, f) => e === 'connection refused' && refusals.push(f), error() {} } });
  // With the wrong token the daemon's proof does not check out: the client stops before sending anything.
  await assert.rejects(dial({ kind: 'tcp', port: d.port }, { token: '0'.repeat(64), timeoutMs: 5000, onMessage: () => assert.fail('no frame after a failed handshake') }),
    (err: Error & { code?: string }) => err.code === 'AIRLOCK_E_DAEMON_IMPOSTOR' && /Nothing was sent/.test(err.message));
  // A client that answers with a made-up proof, or skips it and sends JSON-RPC: closed with 4401, never answered.
  const forged = await answerChallenge(d.port, () => JSON.stringify({ airlock: 'proof', proof: 'ab'.repeat(32) }));
  const skipped = await answerChallenge(d.port, () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'health/get' }));
  for (const { frames, code } of [forged, skipped]) {
    assert.equal(code, CLOSE_UNAUTHORIZED);
    assert.equal(frames.length, 1);
    assert.match(frames[0] ?? '', /"airlock":"challenge"/);
  }
  assert.deepEqual(refusals.map((r) => (r as { reason: string }).reason).sort(), ['closed before its proof', 'wrong proof', 'wrong proof']);
});

test('a client written from docs/config.md alone (node:crypto + ws) completes the handshake over TCP', async (t) => {
  const d = await startTestDaemon(t);
  const mac = (role: string, nc: string, ns: string) =>
    createHmac('sha256', Buffer.from(d.token, 'hex')).update(`airlock-auth-v1\n${role}\ntcp:${d.port}\n${nc}\n${ns}`).digest('hex');
  const nc = randomBytes(32).toString('hex');
  const ws = new WebSocket(`ws://127.0.0.1:${d.port}`, { headers: { 'X-Airlock-Nonce': nc } });
  const reply = await new Promise<{ result?: { pid: number } }>((resolve, reject) => {
    let step = 0;
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { airlock?: string; nonce: string; proof: string; result?: { pid: number } };
      if (step === 0) {
        if (frame.proof !== mac('server', nc, frame.nonce)) return reject(new Error('the daemon\'s proof does not match the documented formula'));
        ws.send(JSON.stringify({ airlock: 'proof', proof: mac('client', nc, frame.nonce) }));
      } else if (step === 1) {
        assert.deepEqual(frame, { airlock: 'ready' });
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'health/get' }));
      } else resolve(frame);
      step++;
    });
    ws.once('close', (code) => reject(new Error(`closed ${code}`)));
  });
  assert.equal(reply.result?.pid, process.pid);
  ws.terminate();
});

test('a client that never sends its proof is closed after the auth deadline and never reaches the daemon', async (t) => {
  const reasons: unknown[] = [];
  const admitted: unknown[] = [];
  const home = tempHome(t);
  const token = ensureToken(ensureHome(home));
  const listener = await listen({ port: 0, socketPath: null, token, authTimeoutMs: 20, log: { info: (_e, f) => reasons.push(f), error() {} }, onConnection: (ws) => admitted.push(ws) });
  t.after(() => listener.close());
  const ws = new WebSocket(`ws://127.0.0.1:${listener.port}`, { headers: { [NONCE_HEADER]: newNonce() } });
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(String(data)));
  assert.equal(await new Promise<number>((resolve) => ws.once('close', resolve)), CLOSE_UNAUTHORIZED);
  assert.equal(frames.length, 1);
  assert.deepEqual(admitted, []);
  assert.deepEqual(reasons, [{ status: 4401, reason: 'no proof in time', transport: 'tcp' }]);
});

test('the CLI and the test client connect over the Unix socket in the home by default, made 0600 and removed on stop', async (t) => {
  const home = tempHome(t);
  ensureHome(home);
  writeFileSync(path.join(home, 'airlockd.sock'), 'left by a crash');
  const d = await startTestDaemon(t, { home });
  assert.equal(d.socketPath, path.join(home, 'airlockd.sock'));
  assert.equal(statSync(d.socketPath).mode & 0o777, 0o600);
  assert.ok(statSync(d.socketPath).isSocket(), 'a stale file at the path is replaced');
  const client = await connect({ home, env: d.env });
  assert.deepEqual(client.endpoint, { kind: 'unix', path: d.socketPath });
  assert.equal((await client.request('health/get', {})).pid, process.pid);
  client.close();
  await d.stop();
  assert.equal(existsSync(d.socketPath), false);
});

test('a second daemon on the same home (another port) does not take over the first one\'s socket', async (t) => {
  const first = await startTestDaemon(t);
  await assert.rejects(startTestDaemon(t, { home: first.home }), (err: Error & { code?: string }) =>
    err.code === 'AIRLOCK_E_DAEMON_UNREACHABLE' && /another airlockd already serves this home/.test(err.message));
  const client = await connect({ home: first.home, env: first.env });
  assert.deepEqual(client.endpoint, { kind: 'unix', path: first.socketPath });
  assert.equal((await client.request('health/get', {})).pid, process.pid);
  client.close();
});

test('without airlockd.json and without the socket, the client dials the config\'s port, not 47611', async (t) => {
  const d = await startTestDaemon(t, { socketPath: null });
  writeFileSync(path.join(d.home, 'config.yaml'), `port: ${d.port}\n`);
  const client = await connect({ home: d.home, env: d.env });
  assert.deepEqual(client.endpoint, { kind: 'tcp', port: d.port });
  assert.equal((await client.request('health/get', {})).pid, process.pid);
  client.close();
});

test('checkUpgrade: Host must be loopback with our port on TCP; any loopback Host on the Unix socket', () => {
  const req = (headers: Record<string, string>) => ({ headers, rawHeaders: Object.entries(headers).flat() }) as never;
  const ok = { [NONCE_HEADER]: newNonce() };
  assert.equal(checkUpgrade(req({ ...ok, host: '127.0.0.1:5000' }), 5000), null);
  assert.equal(checkUpgrade(req({ ...ok, host: '[::1]:5000' }), 5000), null);
  assert.equal(checkUpgrade(req({ ...ok, host: '127.0.0.1' }), 5000)?.status, 403);
  assert.equal(checkUpgrade(req({ ...ok, host: 'localhost.evil.example:5000' }), 5000)?.status, 403);
  assert.equal(checkUpgrade(req({ ...ok }), 5000)?.status, 403);
  assert.equal(checkUpgrade(req({ ...ok, host: 'localhost' }), null), null);
  assert.equal(checkUpgrade(req({ ...ok, host: 'evil.example' }), null)?.status, 403);
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
});

test('a client reading the token while a daemon writes it finds no file or the whole token, never a partial one', (t) => {
  const home = ensureHome(path.join(tempHome(t), 'fresh'));
  let seen: unknown = 'not called';
  const token = ensureToken(home, {
    beforePublish: () => {
      try {
        seen = readToken(home);
      } catch (err) {
        seen = (err as AirlockError).code;
      }
    },
  });
  // Before the fix the file existed, empty, at this point: the reader got AIRLOCK_E_UNAUTHORIZED ("damaged").
  assert.equal(seen, 'AIRLOCK_E_DAEMON_UNREACHABLE');
  assert.equal(readToken(home), token);
  assert.deepEqual(readdirSync(home), ['token'], 'no temp file is left behind');
  // A second writer that loses the race takes the first one's token.
  assert.equal(ensureToken(home, { beforePublish: () => assert.fail('an existing token is re-used, not rewritten') }), token);
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
