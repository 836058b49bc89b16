// The extension's daemon connection against a real airlockd (and, for deadlines, a real listener that never answers):
// finding the daemon, start-up grace, launching, fail-fast while down, fail-all on a drop, reconnect with backoff.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { listen } from '../../../daemon/server/http';
import { ensureHome, ensureToken } from '../../../daemon/server/home';
import { DaemonConnection, type ConnectionOptions, type ConnectionState } from '../../../extension/daemon/connection';
import { startTestDaemon, tempHome } from '../../helpers/daemon';

const QUICK = { initialMs: 5, maxMs: 20, jitter: 0 };
const NEVER = { initialMs: 3_600_000, maxMs: 3_600_000, jitter: 0 };

function open(t: TestContext, options: ConnectionOptions): DaemonConnection {
  const connection = new DaemonConnection({ env: {}, ...options });
  t.after(() => connection.dispose());
  return connection;
}

/** The next state other than `connecting`, with its message. */
function settled(connection: DaemonConnection, want?: ConnectionState): Promise<string> {
  return new Promise((resolve) => {
    const sub = connection.onState((state, message) => {
      if (state === 'connecting' || (want && state !== want)) return;
      sub.dispose();
      resolve(`${state}: ${message}`);
    });
  });
}

test('finds a running daemon through its Unix socket in the home, with no port configured anywhere', async (t) => {
  const d = await startTestDaemon(t);
  const connection = open(t, { home: d.home, backoff: NEVER });
  const up = settled(connection);
  connection.start();
  assert.equal(await up, `connected: connected to airlockd at ${d.socketPath}`);
  assert.equal((await connection.request('health/get', {})).pid, process.pid);
});

test('finds a daemon on a non-default port through the config when there is no socket and no state file (the setting is ignored)', async (t) => {
  const d = await startTestDaemon(t, { socketPath: null });
  writeFileSync(path.join(d.home, 'config.yaml'), `port: ${d.port}\n`);
  const connection = open(t, { home: d.home, fallbackPort: 1, backoff: NEVER });
  const up = settled(connection);
  connection.start();
  assert.equal(await up, `connected: connected to airlockd at 127.0.0.1:${d.port}`);
  assert.equal((await connection.request('policy/get', {})).name, 'balanced');
});

test('a request made at start-up waits while the daemon is launched, then goes through', async (t) => {
  const home = tempHome(t);
  let launches = 0;
  const connection = open(t, {
    home,
    backoff: NEVER,
    launch: async () => {
      launches++;
      await startTestDaemon(t, { home });
      return { started: true };
    },
  });
  connection.start();
  const health = await connection.request('health/get', {});
  assert.equal(health.pid, process.pid);
  assert.equal(launches, 1);
});

test('a launched daemon that is not listening yet when the launcher reports it started: requests wait, then go through', async (t) => {
  const home = tempHome(t);
  let launches = 0;
  let daemonStarted = false;
  const connection = open(t, { home, backoff: QUICK, launch: async () => (launches++, { started: true }) });
  // The daemon comes up only after the connection has failed to dial the one just "started".
  const sub = connection.onState((state, message) => {
    if (launches === 0 || daemonStarted || !(state === 'down' || message.startsWith('waiting for the airlockd'))) return;
    daemonStarted = true;
    sub.dispose();
    void startTestDaemon(t, { home });
  });
  connection.start();
  const health = await connection.request('health/get', {});
  assert.equal(health.pid, process.pid);
  assert.equal(launches, 1);
  assert.ok(daemonStarted, 'the first dial after the launch failed');
});

test('while the daemon is down a request fails at once with what to do, however long the start-up grace', { timeout: 10_000 }, async (t) => {
  const home = tempHome(t);
  ensureToken(ensureHome(home));
  const connection = open(t, { home, fallbackPort: 1, startupGraceMs: 3_600_000, backoff: NEVER });
  const down = settled(connection);
  connection.start();
  assert.match(await down, /^down: nothing listens at 127\.0\.0\.1:1$/);
  await assert.rejects(connection.request('health/get', {}), (err: Error & { code?: string }) =>
    err.code === 'AIRLOCK_E_DAEMON_UNREACHABLE' && /airlockd is not running: nothing listens.*airlock daemon start/.test(err.message));
});

test('a launch that fails (or throws) is reported as the reason; it is tried again only on a user retry', async (t) => {
  const home = tempHome(t);
  const outcomes = [
    () => Promise.resolve({ started: false as const, problem: 'airlockd could not start: its port is taken' }),
    () => Promise.reject(new Error('EACCES: permission denied, mkdir')),
  ];
  let launches = 0;
  const connection = open(t, { home, fallbackPort: 1, backoff: QUICK, launch: () => outcomes[launches++]!() });
  const first = settled(connection);
  connection.start();
  assert.equal(await first, 'down: airlockd could not start: its port is taken');
  // Automatic retries (a few, QUICK backoff) do not launch again, and keep the launch's reason (not "no token").
  for (let i = 0; i < 3; i++) assert.equal(await settled(connection), 'down: airlockd could not start: its port is taken');
  assert.equal(launches, 1);
  const second = settled(connection);
  connection.reconnectNow();
  assert.match(await second, /^down: could not start airlockd: EACCES/);
  assert.equal(launches, 2);
  await assert.rejects(connection.request('health/get', {}), /airlockd is not running/);
});

test('a drop fails every pending request at once, later requests fail fast', async (t) => {
  const home = tempHome(t);
  const token = ensureToken(ensureHome(home));
  const silent = await listen({ port: 0, socketPath: null, token, log: { info() {}, error() {} }, onConnection: () => undefined });
  writeFileSync(path.join(home, 'airlockd.json'), JSON.stringify({ port: silent.port }));
  const connection = open(t, { home, backoff: NEVER });
  const up = settled(connection);
  connection.start();
  assert.match(await up, /^connected/);
  const facts = { source: 'chat', interactive: true } as const;
  const pending = [connection.request('chat/send', { requestId: 'a', text: 'one', facts }), connection.request('health/get', {})];
  const down = settled(connection, 'down');
  await silent.close();
  for (const request of pending) {
    await assert.rejects(request, (err: Error & { code?: string }) => err.code === 'AIRLOCK_E_DAEMON_UNREACHABLE' && /the connection to airlockd closed/.test(err.message));
  }
  assert.equal(await down, 'down: airlockd closed the connection');
  await assert.rejects(connection.request('health/get', {}), /airlockd is not running: airlockd closed the connection/);
});

test('the connection comes back by itself when the daemon is restarted', async (t) => {
  const home = tempHome(t);
  const d = await startTestDaemon(t, { home });
  const connection = open(t, { home, backoff: QUICK });
  const up = settled(connection);
  connection.start();
  await up;
  const down = settled(connection, 'down');
  await d.stop();
  await down;
  const back = settled(connection, 'connected');
  await startTestDaemon(t, { home });
  await back;
  assert.equal((await connection.request('health/get', {})).records, 0);
});

test('every request has a deadline: a listener that never answers fails it with the method named', async (t) => {
  const home = tempHome(t);
  const token = ensureToken(ensureHome(home));
  const silent = await listen({ port: 0, socketPath: null, token, log: { info() {}, error() {} }, onConnection: () => undefined });
  t.after(() => silent.close());
  writeFileSync(path.join(home, 'airlockd.json'), JSON.stringify({ port: silent.port }));
  const connection = open(t, { home, requestTimeoutMs: 30, backoff: NEVER });
  const up = settled(connection);
  connection.start();
  assert.match(await up, /^connected/);
  await assert.rejects(connection.request('health/get', {}), /airlockd did not answer health\/get within 0 s/);
  await assert.rejects(connection.request('health/get', {}, 20), /did not answer health\/get/);
});

test('notifications reach listeners; a throwing listener does not stop the others', async (t) => {
  const d = await startTestDaemon(t);
  const lines: string[] = [];
  const connection = open(t, { home: d.home, backoff: NEVER, log: (line) => lines.push(line) });
  connection.start();
  const got: string[] = [];
  connection.onNotification(() => {
    throw new Error('bad listener');
  });
  const changed = new Promise<void>((resolve) => connection.onNotification((method, params) => {
    if (method !== 'policy/changed') return;
    got.push((params as { policy: { name: string } }).policy.name);
    resolve();
  }));
  await connection.request('policy/set', { policy: 'strict' });
  await changed;
  assert.deepEqual(got, ['strict']);
  assert.ok(lines.some((l) => /notification handler for policy\/changed failed: bad listener/.test(l)));
});
