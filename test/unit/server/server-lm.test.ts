// lm/chat (VS Code's chat: the language-model provider and @airlock) against a real daemon and the provider
// simulators: the whole conversation is decided as one prompt on the chat/send path, a secret in any turn keeps it
// local, and it streams, cancels and records like chat/send.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AirlockError, type DecisionRecord } from '../../../protocol';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true, conversationId: 'vscode-chat-1' };
const token = 'ghp_' + 'R8mQ2vXk7LpZ4wN9tY3bC6dF1gH5jK0sA2eU';

test('a secret in an earlier turn keeps the whole conversation local; no hosted simulator hears a byte', async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const { record, text } = await client.request('lm/chat', {
    requestId: 'lm1', facts, client: 'vscode-lm',
    messages: [
      { role: 'user', text: `My deploy uses GITHUB_TOKEN=${token}, is that fine?` },
      { role: 'assistant', text: 'Keep tokens out of the repository.' },
      { role: 'user', text: 'Then what is the best way to pass it to the job?' },
    ],
  });
  assert.equal(record.status, 'ok');
  assert.equal(record.route.target, 'local');
  assert.equal(record.rule.id, 'secrets-stay-local');
  assert.equal(record.facts.client?.userAgent, 'vscode-lm');
  assert.equal(record.facts.conversationId, 'vscode-chat-1');
  assert.ok(text.length > 0);
  const heard = sims.local.receivedText();
  assert.ok(heard.includes('best way to pass it'), 'the last turn reached the local model');
  assert.ok(heard.includes('assistant:'), 'as a transcript of every turn');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assert.ok(!JSON.stringify(record).includes(token), 'the record never holds the raw secret');
});

test('a public conversation goes hosted and streams: chat/started before chat/chunk, chunks join to the answer', async (t) => {
  const sims = await startSims(t);
  const answer = 'Use a queue when producers and consumers run at different speeds.\nIt smooths bursts and decouples failures.\n';
  sims.openai.setDefault({ kind: 'ok', text: answer, chunks: 6, chunkDelayMs: 10 });
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const events: string[] = [];
  const chunks: string[] = [];
  let started: DecisionRecord | undefined;
  client.onNotification('chat/started', (n) => {
    if (n.requestId !== 'lm2') return;
    events.push('started');
    started = n.record;
  });
  client.onNotification('chat/chunk', (n) => {
    if (n.requestId !== 'lm2') return;
    events.push('chunk');
    chunks.push(n.delta);
  });
  const { record, text } = await client.request('lm/chat', {
    requestId: 'lm2', facts,
    messages: [{ role: 'system', text: 'You are a helpful assistant.' }, { role: 'user', text: 'When should I use a message queue?' }],
  });
  assert.equal(record.route.target, 'hosted');
  assert.equal(started?.id, record.id);
  assert.equal(events[0], 'started');
  assert.equal(chunks.join(''), text);
  assert.equal(text, answer);
  assert.ok(sims.openai.receivedText().includes('When should I use a message queue?'));
  assert.equal(sims.local.received.length, 0);
});

test('a lone user message is sent as it is (no role labels)', async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const { record } = await client.request('lm/chat', { requestId: 'lm3', facts, messages: [{ role: 'user', text: 'What is a B-tree?' }] });
  assert.equal(record.prompt.chars, 'What is a B-tree?'.length);
});

test('chat/cancel reaches an lm/chat request; the record is kept as cancelled', async (t) => {
  const sims = await startSims(t);
  const long = Array.from({ length: 60 }, (_, i) => `Line ${i} of the story goes on.\n`).join('');
  for (const sim of sims.all) sim.setDefault({ kind: 'ok', text: long, chunks: 60, chunkDelayMs: 100 });
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const firstChunk = new Promise<void>((resolve) => client.onNotification('chat/chunk', () => resolve()));
  const sent = client.request('lm/chat', { requestId: 'lm4', facts, messages: [{ role: 'user', text: 'Tell me a long story about ships.' }] }).catch((e: unknown) => e as AirlockError);
  // Bounded: the request ending before any chunk fails the test instead of waiting for ever.
  assert.equal(await Promise.race([firstChunk.then(() => 'chunk'), sent.then(() => 'ended')]), 'chunk');
  assert.deepEqual(await client.request('chat/cancel', { requestId: 'lm4' }), { cancelled: true });
  const err = await sent;
  assert.ok(err instanceof AirlockError);
  assert.equal(err.code, 'AIRLOCK_E_CANCELLED');
  assert.equal((await client.request('decision/get', { id: err.details?.recordId as string })).record.status, 'cancelled');
});

test('an empty conversation or an unknown role is refused with AIRLOCK_E_RPC_PARAMS; nothing is recorded', async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  for (const messages of [[], [{ role: 'robot', text: 'hi' }]]) {
    const err = await client.request('lm/chat', { requestId: 'bad', facts, messages } as never).catch((e: unknown) => e as AirlockError);
    assert.ok(err instanceof AirlockError);
    assert.equal(err.code, 'AIRLOCK_E_RPC_PARAMS');
  }
  assert.equal((await client.request('health/get', {})).records, 0);
  assert.equal(sims.all.reduce((n, s) => n + s.received.length, 0), 0);
});
