// Conversations: a follow-up reaches the model with its earlier turns, but a turn is only replayed to models its own
// decision allowed — a question kept local for a secret never reaches a hosted model later in the same chat.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const awsSecret = ['Lq8Vz2Tn5Rk1', 'Xw7Mb4Hy9Pd3', 'Js6Fc0Ga2Ue'].join('/');

test('earlier turns travel with a follow-up only to models their own route allowed', async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const facts = { source: 'chat' as const, interactive: true, conversationId: 'conv-1' };

  const first = await client.request('chat/send', { requestId: 't1', text: `Deploy fails with AccessDenied.\nAWS_SECRET_ACCESS_KEY=${awsSecret}`, facts });
  assert.equal(first.record.route.target, 'local');

  sims.all.forEach((s) => s.reset());
  const second = await client.request('chat/send', { requestId: 't2', text: 'In general, what does an HTTP 403 mean?', facts });
  assert.equal(second.record.route.target, 'hosted');
  const hostedBytes = sims.hosted.map((s) => s.receivedText()).join('');
  assert.ok(hostedBytes.includes('HTTP 403'), 'the hosted model got the new question');
  assert.ok(!hostedBytes.includes(awsSecret) && !hostedBytes.includes('AccessDenied'), 'but not the turn that was kept local');

  sims.all.forEach((s) => s.reset());
  const third = await client.request('chat/send', { requestId: 't3', text: 'Here is the handler:\n```ts\nexport const handler = async () => s3.putObject(params).promise();\n```', facts });
  assert.equal(third.record.route.target, 'local');
  const localBytes = sims.local.receivedText();
  assert.ok(localBytes.includes('AccessDenied') && localBytes.includes('HTTP 403'), 'the local model sees the whole conversation');
  assert.ok(localBytes.includes(second.text.slice(0, 20)), 'including the hosted answer');

  sims.all.forEach((s) => s.reset());
  const other = await client.request('chat/send', { requestId: 'o1', text: 'What is a monad, briefly?', facts: { ...facts, conversationId: 'conv-2' } });
  assert.equal(other.record.route.target, 'hosted');
  assert.ok(!sims.hosted.map((s) => s.receivedText()).join('').includes('HTTP 403'), 'another conversation starts empty');
});

test('chat/send with storePrompts none keeps no prompt text even when the daemon keeps redacted prompts', async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const facts = { source: 'chat' as const, interactive: true };
  const kept = await client.request('chat/send', { requestId: 'k1', text: 'What is a B-tree?', facts });
  assert.equal(kept.record.prompt.text, 'What is a B-tree?');
  const none = await client.request('chat/send', { requestId: 'k2', text: 'What is a trie?', facts, storePrompts: 'none' });
  assert.equal(none.record.prompt.storage, 'none');
  assert.equal((await client.request('decision/get', { id: none.record.id })).record.prompt.text, undefined);
});
