// The Anthropic Messages surface with the official `@anthropic-ai/sdk` pointed at airlockd (it sends x-api-key),
// the recording simulators as upstreams: the SSE event sequence, system blocks, errors, cancel, count_tokens.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { DecisionRecord } from '../../../protocol';
import { assertNoCanary, PRIVATE_KEY, PUBLIC_QUESTION, SECRET_AND_CODE, startEndpoint } from '../../helpers/endpoint';

const sdk = (base: string, apiKey: string) => new Anthropic({ baseURL: base, apiKey, maxRetries: 0 });

test('a canary secret and code in a tool result stay local; hosted simulators get 0 bytes; system blocks count', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t);
  sims.local.setDefault({ kind: 'ok', text: 'That is a live key: rotate it.' });
  const msg = await sdk(base, key).messages.create({
    model: 'claude-3-5-haiku-20241022', max_tokens: 256,
    system: [{ type: 'text', text: 'You are a coding agent.' }],
    messages: [
      { role: 'user', content: 'Read billing.ts and tell me what is wrong.' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'billing.ts' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: SECRET_AND_CODE.text }] },
    ],
  });
  assert.deepEqual(msg.content, [{ type: 'text', text: 'That is a live key: rotate it.' }]);
  assert.equal(msg.model, 'ollama/llama3.2');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assertNoCanary(sims, SECRET_AND_CODE.canaries);
  assert.ok(sims.local.receivedText().includes('You are a coding agent.'));
  assert.ok(sims.local.receivedText().includes('settleLedgerCanary'), 'the tool result is part of the prompt');
  const { records } = await (await daemon.client()).request('decision/list', {});
  assert.equal(records[0]?.facts.surface, 'anthropic');
  assert.equal(records[0]?.route.requested?.used, false, 'the named hosted model was not allowed for this prompt');
});

test('a public question streams the Anthropic SSE event sequence from a hosted simulator', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const answer = 'TCP is connection-oriented and reliable; UDP sends datagrams without guarantees.\n';
  sims.openai.setDefault({ kind: 'ok', text: answer, chunks: 5, chunkDelayMs: 5 });
  const stream = sdk(base, key).messages.stream({ model: 'airlock/auto', max_tokens: 256, system: 'Be brief.', messages: [{ role: 'user', content: PUBLIC_QUESTION }] });
  const types: string[] = [];
  stream.on('streamEvent', (e) => types.push(e.type));
  const final = await stream.finalMessage();
  assert.equal(final.content[0]?.type === 'text' ? final.content[0].text : '', answer);
  assert.equal(final.stop_reason, 'end_turn');
  assert.deepEqual([...new Set(types)], ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  assert.ok(types.filter((x) => x === 'content_block_delta').length >= 2);
  assert.equal(sims.local.received.length, 0);
  assert.ok(sims.openai.receivedText().includes('Be brief.'));
  const count = await sdk(base, key).messages.countTokens({ model: 'airlock/auto', messages: [{ role: 'user', content: PUBLIC_QUESTION }] });
  assert.ok(count.input_tokens > 0);
});

test('blocked: the SDK raises a PermissionDeniedError with the Airlock message; bad bodies get Anthropic errors', async (t) => {
  const { sims, key, base } = await startEndpoint(t, 'strict');
  const err = await sdk(base, key).messages.create({ model: 'airlock/auto', max_tokens: 64, messages: [{ role: 'user', content: PRIVATE_KEY }] }).catch((e: unknown) => e);
  assert.ok(err instanceof Anthropic.PermissionDeniedError, String(err));
  assert.match(err.message, /Airlock AIRLOCK_E_BLOCKED: .*Fix: /);
  for (const s of sims.all) assert.equal(s.receivedBytes().length, 0);
  for (const [name, body, status] of [['not JSON', '{', 400], ['no messages', '{"model":"x"}', 400], ['content missing', '{"messages":[{"role":"user"}]}', 400]] as const) {
    const res = await fetch(`${base}/v1/messages`, { method: 'POST', headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' }, body });
    assert.equal(res.status, status, name);
    const parsed = (await res.json()) as { type: string; error: { type: string; message: string } };
    assert.equal(parsed.type, 'error', name);
    assert.equal(parsed.error.type, 'invalid_request_error', name);
    assert.match(parsed.error.message, /AIRLOCK_E_INPUT/, name);
  }
  const wrong = await fetch(`${base}/v1/messages`, { headers: { 'x-api-key': key } });
  assert.equal(wrong.status, 404);
  assert.equal(((await wrong.json()) as { error: { type: string } }).error.type, 'not_found_error');
});

test('the client aborting a long stream cancels upstream; the record says cancelled', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t);
  sims.openai.setDefault({ kind: 'ok', text: 'word '.repeat(400), chunks: 400, chunkDelayMs: 20 });
  const client = await daemon.client();
  await client.request('decision/subscribe', {});
  const appended = new Promise<DecisionRecord>((resolve) => client.onNotification('decision/appended', (n) => resolve(n.record)));
  const stream = sdk(base, key).messages.stream({ model: 'airlock/auto', max_tokens: 4096, messages: [{ role: 'user', content: PUBLIC_QUESTION }] });
  let deltas = 0;
  stream.on('text', () => {
    if (++deltas === 2) stream.abort();
  });
  await assert.rejects(stream.finalMessage());
  const record = await appended;
  assert.equal(record.status, 'cancelled');
  assert.equal(record.attempts.at(-1)?.outcome, 'cancelled');
});
