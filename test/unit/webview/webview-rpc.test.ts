import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ToExtension } from '../../../protocol/webview';
import { Rpc } from '../../../webview/rpc';

function setup(timeoutMs = 1000) {
  const sent: ToExtension[] = [];
  const rpc = new Rpc((m) => sent.push(m), { defaultMs: timeoutMs });
  return { rpc, sent };
}

test('each request gets its own id and resolves with its own response', async () => {
  const { rpc, sent } = setup();
  const a = rpc.request('decision/get', { id: 'x' });
  const b = rpc.request('policy/get', {});
  const [ra, rb] = sent as Extract<ToExtension, { kind: 'request' }>[];
  assert.notEqual(ra!.id, rb!.id);
  rpc.receive({ kind: 'response', id: rb!.id, result: { name: 'strict' } });
  rpc.receive({ kind: 'response', id: ra!.id, error: { code: 'AIRLOCK_E_NOT_FOUND', message: 'No decision record x.' } });
  assert.deepEqual(await b, { ok: true, value: { name: 'strict' } });
  assert.deepEqual(await a, { ok: false, error: { code: 'AIRLOCK_E_NOT_FOUND', message: 'No decision record x.' } });
});

test('no answer in time is an error value; a late answer is ignored', async () => {
  const { rpc, sent } = setup(20);
  const res = await rpc.request('policy/get', {});
  assert.equal(res.ok, false);
  assert.equal(!res.ok && res.error.code, 'AIRLOCK_E_DAEMON_UNREACHABLE');
  rpc.receive({ kind: 'response', id: (sent[0] as { id: number }).id, result: {} });
});

test('a malformed error becomes AIRLOCK_E_INTERNAL; junk messages are ignored', async () => {
  const { rpc, sent } = setup();
  const p = rpc.request('policy/get', {});
  rpc.receive(null);
  rpc.receive('hello');
  rpc.receive({ kind: 'response', id: 999, result: 1 });
  rpc.receive({ kind: 'response', id: (sent[0] as { id: number }).id, error: 'boom' });
  const res = await p;
  assert.equal(!res.ok && res.error.code, 'AIRLOCK_E_INTERNAL');
});

test('events reach their subscribers until they unsubscribe; a throwing handler does not stop others', () => {
  const { rpc } = setup();
  const got: string[] = [];
  const off = rpc.on('chat/chunk', (p) => got.push(p.delta));
  rpc.on('chat/chunk', () => {
    throw new Error('bad handler');
  });
  const originalError = console.error;
  console.error = () => undefined;
  try {
    rpc.receive({ kind: 'event', event: 'chat/chunk', payload: { requestId: 'r', delta: 'a' } });
    off();
    rpc.receive({ kind: 'event', event: 'chat/chunk', payload: { requestId: 'r', delta: 'b' } });
  } finally {
    console.error = originalError;
  }
  assert.deepEqual(got, ['a']);
});
