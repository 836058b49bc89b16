// Issue 15 §2: a client that does not read cannot make the daemon hold unbounded replies. The daemon stops reading
// from it while its backlog is over a limit, reads again once it drains, closes it with a coded reason past a second
// limit (releasing what it held and cancelling its requests), caps batches, and serves other clients meanwhile.
// Real sockets throughout; every wait is on an event, bounded only as a guard against a hang.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { SLOW_CLIENT_CLOSE, wrapSocket, type ConnectionLimits } from '../../../daemon/server/connection';
import type { Logger } from '../../../daemon/server/log';
import { MAX_BATCH } from '../../../daemon/server/rpc';
import { openStore } from '../../../daemon/store';
import { makeRecords } from '../../helpers/records';
import { rawSocket, startTestDaemon, tempHome } from '../../helpers/daemon';
import { endlessRunner } from '../../helpers/runners';

const GUARD_MS = 30_000;

/** Resolves with the first value `check` returns that is not undefined, re-checked on every event `subscribe` reports. */
function until<T>(subscribe: (listener: () => void) => () => void, check: () => T | undefined, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const now = check();
    if (now !== undefined) return resolve(now);
    const guard = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, GUARD_MS);
    const off = subscribe(() => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(guard);
      off();
      resolve(value);
    });
  });
}

/** A logger that keeps every event and tells listeners about each one. */
function recordingLog() {
  const events: { event: string; fields: Record<string, unknown> }[] = [];
  const listeners = new Set<() => void>();
  const push = (event: string, fields: Record<string, unknown> = {}) => {
    events.push({ event, fields });
    for (const l of [...listeners]) l();
  };
  const log: Logger = { info: push, error: push };
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  const waitFor = (prefix: string) => until(subscribe, () => events.find((e) => e.event.startsWith(prefix)), `log '${prefix}'`);
  return { log, events, waitFor };
}

/** A real WebSocket server whose connections go through wrapSocket; replies are `replyBytes` long. */
async function echoServer(t: TestContext, limits: Partial<ConnectionLimits>, replyBytes: number, gate: Promise<void> = Promise.resolve()) {
  const recorder = recordingLog();
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  const stats = { handled: 0, maxBacklog: 0 };
  wss.on('connection', (ws) => {
    // Samples the backlog after every send: what the server holds for this client.
    const send = ws.send.bind(ws) as (data: string, cb?: (err?: Error) => void) => void;
    (ws as unknown as { send: typeof send }).send = (data, cb) => {
      send(data, cb);
      stats.maxBacklog = Math.max(stats.maxBacklog, ws.bufferedAmount);
    };
    wrapSocket(ws, {
      log: recorder.log,
      limits,
      onMessage: async (text) => {
        stats.handled++;
        const { id } = JSON.parse(text) as { id: number };
        await gate;
        return JSON.stringify({ jsonrpc: '2.0', id, result: 'r'.repeat(replyBytes) });
      },
    });
  });
  t.after(() => new Promise<void>((resolve) => {
    for (const c of wss.clients) c.terminate();
    wss.close(() => resolve());
  }));
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, stats, ...recorder };
}

test('a paused reader: the server stops reading at the limit, holds a bounded backlog, resumes when it drains, loses nothing', async (t) => {
  const limits = { pauseBytes: 256 * 1024, resumeBytes: 64 * 1024 };
  const server = await echoServer(t, limits, 64 * 1024);
  const client = new WebSocket(server.url);
  await once(client, 'open');
  client.pause();
  // 400 requests of 16 KB each (6.4 MB) asking for 400 replies of 64 KB (25 MB): far more than socket buffers hold.
  const count = 400;
  const pad = 'p'.repeat(16 * 1024);
  for (let id = 0; id < count; id++) client.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'x', params: { pad } }));

  const paused = await server.waitFor('connection paused');
  assert.ok(server.stats.handled < count, `paused after ${server.stats.handled} of ${count} requests`);
  assert.ok((paused.fields.buffered as number) > limits.pauseBytes);

  const ids: number[] = [];
  client.on('message', (data) => ids.push((JSON.parse(String(data)) as { id: number }).id));
  const all = until((l) => {
    client.on('message', l);
    return () => client.off('message', l);
  }, () => (ids.length === count ? ids : undefined), 'every reply');
  client.resume();
  await all;
  await server.waitFor('connection resumed');
  assert.deepEqual(ids, Array.from({ length: count }, (_, i) => i), 'every reply, once, in order');
  assert.equal(server.stats.handled, count);
  // Without backpressure the server queues most of the 25 MB; with it, the limit plus what was already read.
  assert.ok(server.stats.maxBacklog < 4 * 1024 * 1024, `the server held at most ${server.stats.maxBacklog} bytes for the client`);
  assert.equal(server.events.some((e) => e.event.startsWith('connection closed')), false);
  client.close();
});

test('too many running requests on one connection: reading pauses until they finish, then every one is answered', async (t) => {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const server = await echoServer(t, { maxPending: 3 }, 10, gate);
  const client = new WebSocket(server.url);
  await once(client, 'open');
  const count = 10;
  const ids: number[] = [];
  client.on('message', (data) => ids.push((JSON.parse(String(data)) as { id: number }).id));
  for (let id = 0; id < count; id++) client.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'x' }));
  const paused = await server.waitFor('connection paused');
  assert.equal(paused.fields.pending, 3);
  assert.equal(ids.length, 0);
  open();
  await until((l) => {
    client.on('message', l);
    return () => client.off('message', l);
  }, () => (ids.length === count ? ids : undefined), 'every reply');
  await server.waitFor('connection resumed');
  assert.deepEqual([...ids].sort((a, b) => a - b), Array.from({ length: count }, (_, i) => i));
  client.close();
});

test('a client that stops reading while an answer streams is closed with AIRLOCK_E_SLOW_CLIENT; its request is cancelled; others carry on', async (t) => {
  const recorder = recordingLog();
  const { runner, aborted } = endlessRunner();
  const closeBytes = 1024 * 1024;
  const d = await startTestDaemon(t, { runner, log: recorder.log, connectionLimits: { pauseBytes: 256 * 1024, resumeBytes: 64 * 1024, closeBytes } });
  const slow = await rawSocket(d);
  slow.ws.pause();
  slow.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chat/send', params: { requestId: 'endless', text: 'What is TCP slow start?', facts: { source: 'chat', interactive: true } } }));

  const closed = await recorder.waitFor('connection closed: the client does not read');
  assert.equal(closed.fields.code, 'AIRLOCK_E_SLOW_CLIENT');
  assert.ok((closed.fields.buffered as number) > closeBytes);
  await aborted;

  // Another client is served as usual.
  const other = await d.client();
  assert.equal(typeof (await other.request('health/get', {})).version, 'string');

  // The slow client, once it reads, gets the close frame with the code as the reason.
  const closeEvent = once(slow.ws, 'close') as Promise<[number, Buffer]>;
  slow.ws.resume();
  const [code, reason] = await closeEvent;
  assert.equal(code, SLOW_CLIENT_CLOSE.code);
  assert.match(String(reason), /^AIRLOCK_E_SLOW_CLIENT: /);
});

test(`a batch of more than ${MAX_BATCH} requests is refused whole with AIRLOCK_E_INPUT_TOO_LARGE; ${MAX_BATCH} are answered`, async (t) => {
  const d = await startTestDaemon(t);
  const raw = await rawSocket(d);
  const batch = (n: number) => JSON.stringify(Array.from({ length: n }, (_, id) => ({ jsonrpc: '2.0', id, method: 'health/get', params: {} })));
  const refused = (await raw.send(batch(MAX_BATCH + 1))) as { id: null; error: { data: { code: string; details: Record<string, number> }; message: string } };
  assert.equal(refused.id, null);
  assert.equal(refused.error.data.code, 'AIRLOCK_E_INPUT_TOO_LARGE');
  assert.deepEqual(refused.error.data.details, { limit: MAX_BATCH, size: MAX_BATCH + 1 });
  const answered = (await raw.send(batch(MAX_BATCH))) as { id: number }[];
  assert.equal(answered.length, MAX_BATCH);
  raw.ws.close();
});

test('a big batch on one connection does not hold up another connection: the other reply comes first', async (t) => {
  // decision/list reads SQLite synchronously: a batch of them is the worst case for starving other clients.
  const home = tempHome(t);
  const store = openStore(home);
  store.appendMany(makeRecords(3000));
  store.close();
  const d = await startTestDaemon(t, { home });
  const busy = await rawSocket(d);
  const quick = await rawSocket(d);
  const order: string[] = [];
  const batchDone = new Promise<void>((resolve) => busy.ws.once('message', () => {
    order.push('batch');
    resolve();
  }));
  busy.ws.send(JSON.stringify(Array.from({ length: MAX_BATCH }, (_, id) => ({ jsonrpc: '2.0', id, method: 'decision/list', params: { limit: 500, text: 'no record holds this phrase' } }))));
  // Sent right after the batch: it must not wait for all of the batch's work.
  const health = quick.send(JSON.stringify({ jsonrpc: '2.0', id: 'h', method: 'health/get', params: {} })).then(() => void order.push('health'));
  await Promise.all([batchDone, health]);
  assert.deepEqual(order, ['health', 'batch']);
  busy.ws.close();
  quick.ws.close();
});
