// JSON-RPC at the daemon's edge: every kind of bad input gets its code, and the connection keeps working after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_MESSAGE_BYTES } from '../../../protocol';
import { rawSocket, startTestDaemon } from '../../helpers/daemon';

type Reply = { id: unknown; result?: unknown; error?: { code: number; message: string; data: { code: string; details?: Record<string, unknown> } } };
const health = JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'health/get', params: {} });

test('bad messages get their codes; the same connection answers afterwards', async (t) => {
  const d = await startTestDaemon(t);
  const raw = await rawSocket(d);
  const cases: [string, number, string][] = [
    ['{not json', -32700, 'AIRLOCK_E_RPC_PARSE'],
    ['"a string"', -32600, 'AIRLOCK_E_RPC_REQUEST'],
    [JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'health/get' }), -32600, 'AIRLOCK_E_RPC_REQUEST'],
    [JSON.stringify({ jsonrpc: '2.0', id: { x: 1 }, method: 'health/get' }), -32600, 'AIRLOCK_E_RPC_REQUEST'],
    [JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'no/such' }), -32601, 'AIRLOCK_E_RPC_METHOD'],
    [JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'decision/list', params: [1] }), -32602, 'AIRLOCK_E_RPC_PARAMS'],
    [JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'chat/send', params: { requestId: 'r', text: 'hi', facts: { source: 'bogus', interactive: true } } }), -32602, 'AIRLOCK_E_RPC_PARAMS'],
    [JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'decision/get', params: { id: 'nope' } }), -32042, 'AIRLOCK_E_NOT_FOUND'],
    [JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'policy/set', params: { policy: 'no-such-preset' } }), -32001, 'AIRLOCK_E_POLICY_NOT_FOUND'],
    [JSON.stringify([]), -32600, 'AIRLOCK_E_RPC_REQUEST'],
  ];
  for (const [message, rpc, code] of cases) {
    const reply = (await raw.send(message)) as Reply;
    assert.equal(reply.error?.code, rpc, message);
    assert.equal(reply.error?.data.code, code, message);
    const after = (await raw.send(health)) as Reply;
    assert.equal(after.id, 99, `connection still answers after ${message}`);
  }
  const params = (await raw.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'chat/send', params: { requestId: 'r', text: 'hi', facts: { source: 'bogus', interactive: true } } }))) as Reply;
  assert.match(params.error?.message ?? '', /params\.facts\.source/, 'names the field');
  raw.ws.close();
});

test('a batch answers each request; notifications get no reply', async (t) => {
  const d = await startTestDaemon(t);
  const raw = await rawSocket(d);
  const batch = (await raw.send(JSON.stringify([
    { jsonrpc: '2.0', id: 'a', method: 'policy/get' },
    { jsonrpc: '2.0', method: 'health/get' },
    { jsonrpc: '2.0', id: 'b', method: 'nope' },
  ]))) as Reply[];
  assert.deepEqual(batch.map((r) => r.id), ['a', 'b']);
  assert.equal(batch[1]?.error?.data.code, 'AIRLOCK_E_RPC_METHOD');
  raw.ws.close();
});

test('an unexpected handler error is AIRLOCK_E_INTERNAL with a generic message, logged with its class and frames', async (t) => {
  const errors: Record<string, unknown>[] = [];
  const runner = {
    run: () => Promise.reject(new Error('not used')),
    health: () => Promise.reject(new TypeError('secret detail: cannot read properties of undefined')),
  };
  const d = await startTestDaemon(t, { runner, log: { info() {}, error: (_e, f) => errors.push(f ?? {}) } });
  const raw = await rawSocket(d);
  const reply = (await raw.send(health)) as Reply;
  assert.equal(reply.error?.code, -32603);
  assert.equal(reply.error?.data.code, 'AIRLOCK_E_INTERNAL');
  assert.doesNotMatch(reply.error?.message ?? '', /secret detail/);
  assert.equal(errors[0]?.error, 'TypeError');
  assert.ok(Array.isArray(errors[0]?.frames) && errors[0].frames.length > 0);
  assert.doesNotMatch(JSON.stringify(errors[0]), /secret detail/, 'the message can quote input: not logged');
  const after = (await raw.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'policy/get' }))) as Reply;
  assert.equal(after.id, 2);
  assert.ok(after.result);
  raw.ws.close();
});

test('an oversize frame closes only that connection with 1009; the daemon and other connections carry on', async (t) => {
  const d = await startTestDaemon(t);
  const bystander = await d.client();
  const big = await rawSocket(d);
  big.ws.send(Buffer.alloc(MAX_MESSAGE_BYTES + 1024, 0x20));
  assert.equal(await big.closed, 1009);
  assert.equal((await bystander.request('health/get', {})).pid, process.pid);
  const fresh = await d.client();
  assert.equal((await fresh.request('policy/get', {})).name, 'balanced');
  // A frame just under the limit is read (and answered as a params error, not dropped).
  const near = await rawSocket(d);
  const text = 'x'.repeat(11 * 1024 * 1024);
  const reply = (await near.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'explain/run', params: { text, facts: { source: 'cli', interactive: true } } }))) as Reply;
  assert.equal(reply.error?.data.code, 'AIRLOCK_E_RPC_PARAMS');
  near.ws.close();
});
