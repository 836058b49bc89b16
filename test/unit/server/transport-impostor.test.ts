// Issue 10 §4: whatever listens where airlockd should be (a stale airlockd.json after a crash, another local user
// who bound the port) must learn neither the token nor a prompt, from the CLI or from the extension's connection.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, connect as netConnect, type AddressInfo, type Server as NetServer } from 'node:net';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { WebSocketServer } from 'ws';
import { ensureHome, ensureToken } from '../../../daemon/server/home';
import { DaemonConnection, type ConnectionState } from '../../../extension/daemon/connection';
import { newNonce } from '../../../protocol/node/handshake';
import { runAirlock } from '../../helpers/cli';
import { startTestDaemon, tempHome } from '../../helpers/daemon';

const PROMPT = 'canary-prompt-7f3a9c: please summarise our Q3 board minutes';

type Impostor = { port: number; bytes: () => string; connections: () => number };

/** Records every byte any client sends it, at the TCP level, whatever it then does with the request. */
async function recording(t: TestContext, server: Server | NetServer): Promise<Impostor> {
  const chunks: Buffer[] = [];
  let connections = 0;
  server.on('connection', (socket) => {
    connections++;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => {
    (server as Server).closeAllConnections?.();
    server.close(() => resolve());
  }));
  return { port: (server.address() as AddressInfo).port, bytes: () => Buffer.concat(chunks).toString('latin1'), connections: () => connections };
}

/** A WebSocket server that accepts anything and sends a challenge it cannot back with the token. */
function forgingWsServer(): Server {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.send(JSON.stringify({ airlock: 'challenge', nonce: newNonce(), proof: newNonce() })));
  return server;
}

/** A plain HTTP server that answers 200 to everything (a web app on the port). */
function plainHttpServer(): Server {
  return createServer((_req, res) => res.end('ok'));
}

/**
 * Forwards every connection to the real daemon's TCP port, rewriting the Host header so the daemon's Host check
 * passes: only the proof's binding to the daemon's own port stops it.
 */
function relayTo(port: number): NetServer {
  return createNetServer((socket) => {
    const upstream = netConnect(port, '127.0.0.1');
    let first = true;
    socket.on('data', (chunk: Buffer) => {
      upstream.write(first ? Buffer.from(chunk.toString('latin1').replace(/^host: .*$/im, `Host: 127.0.0.1:${port}`), 'latin1') : chunk);
      first = false;
    });
    upstream.pipe(socket);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
  });
}

/** A home whose token is real but whose state file points at the impostor (no socket: the daemon crashed). */
function staleHome(t: TestContext, port: number): { home: string; token: string } {
  const home = ensureHome(tempHome(t));
  const token = ensureToken(home);
  writeFileSync(path.join(home, 'airlockd.json'), JSON.stringify({ pid: 999_999, port }));
  return { home, token };
}

function assertLearnedNothing(impostor: Impostor, token: string): void {
  const seen = impostor.bytes();
  assert.ok(impostor.connections() > 0, 'the client did dial the impostor');
  // Every 8-character piece of the token and of the prompt, not only the whole strings.
  for (const secret of [token, PROMPT]) {
    for (let i = 0; i + 8 <= secret.length; i++) assert.ok(!seen.includes(secret.slice(i, i + 8)), `the impostor saw "${secret.slice(i, i + 8)}"`);
  }
  assert.doesNotMatch(seen, /authorization|bearer/i);
}

for (const [name, make] of [['a forging WebSocket server', forgingWsServer], ['a plain HTTP server', plainHttpServer]] as const) {
  test(`the CLI learns nothing to ${name} on the port and says what is wrong`, { timeout: 30_000 }, async (t) => {
    const impostor = await recording(t, make());
    const { home, token } = staleHome(t, impostor.port);
    const run = await runAirlock(['ask', PROMPT], '', { AIRLOCK_HOME: home });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /AIRLOCK_E_DAEMON_IMPOSTOR/);
    assertLearnedNothing(impostor, token);
  });

  test(`the extension's connection learns nothing to ${name}, does not launch over it, and fails requests at once`, { timeout: 30_000 }, async (t) => {
    const impostor = await recording(t, make());
    const { home, token } = staleHome(t, impostor.port);
    let launches = 0;
    const connection = new DaemonConnection({ home, env: {}, startupGraceMs: 3_600_000, backoff: { initialMs: 60_000, maxMs: 60_000, jitter: 0 }, launch: async () => (launches++, { started: true }) });
    t.after(() => connection.dispose());
    const down = new Promise<string>((resolve) => connection.onState((state: ConnectionState, message) => state === 'down' && resolve(message)));
    connection.start();
    assert.match(await down, /did not prove|is not airlockd/);
    await assert.rejects(connection.request('chat/send', { requestId: 'r1', text: PROMPT, facts: { source: 'chat', interactive: true } }), /airlockd is not running/);
    assert.equal(launches, 0, 'something answers: starting a daemon would not help');
    assertLearnedNothing(impostor, token);
  });
}

test('a relay on another port forwarding to the real airlockd learns nothing: the proof is bound to the daemon\'s port', { timeout: 30_000 }, async (t) => {
  const d = await startTestDaemon(t, { socketPath: null });
  const relay = await recording(t, relayTo(d.port));
  writeFileSync(path.join(d.home, 'airlockd.json'), JSON.stringify({ pid: process.pid, port: relay.port }));
  const connection = new DaemonConnection({ home: d.home, env: {}, backoff: { initialMs: 60_000, maxMs: 60_000, jitter: 0 } });
  t.after(() => connection.dispose());
  const settled = new Promise<string>((resolve) => connection.onState((state, message) => state !== 'connecting' && resolve(`${state}: ${message}`)));
  connection.start();
  assert.match(await settled, /^down: .*did not prove/);
  await assert.rejects(connection.request('chat/send', { requestId: 'r1', text: PROMPT, facts: { source: 'chat', interactive: true } }), /airlockd is not running/);
  assertLearnedNothing(relay, d.token);
  // The same client, pointed at the daemon itself, gets in.
  writeFileSync(path.join(d.home, 'airlockd.json'), JSON.stringify({ pid: process.pid, port: d.port }));
  const up = new Promise<void>((resolve) => connection.onState((state) => state === 'connected' && resolve()));
  connection.reconnectNow();
  await up;
  assert.equal((await connection.request('health/get', {})).pid, process.pid);
});
