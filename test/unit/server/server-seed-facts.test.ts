// The seed record's `user_tier` and `task` (docs/record.md), filled where requests come in: the tier from the config
// (a client cannot claim one), the task from what the entry point knows: chat, agent (tools offered), completion
// (Ollama's /api/generate), embedding. Real daemon, official clients, recording simulators.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import type { DecisionRecord } from '../../../protocol';
import { PUBLIC_QUESTION, startEndpoint } from '../../helpers/endpoint';

const WEATHER = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

test('every entry point records the configured user tier and its task; a tier the client claims is replaced', async (t) => {
  const { daemon, key, base } = await startEndpoint(t, 'balanced', 'userTier: enterprise-eu\n');
  const client = await daemon.client();
  const facts = { source: 'chat' as const, interactive: true, userTier: 'free-but-claims-gold' };
  await client.request('chat/send', { requestId: 'seed-chat', text: PUBLIC_QUESTION, facts });
  const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey: key, maxRetries: 0 });
  await openai.chat.completions.create({ model: 'airlock/auto', messages: [{ role: 'user', content: PUBLIC_QUESTION }], tools: [WEATHER] });
  await openai.embeddings.create({ model: 'text-embedding-3-small', input: PUBLIC_QUESTION });
  await new Ollama({ host: base, headers: { Authorization: `Bearer ${key}` } }).generate({ model: 'airlock/auto', prompt: 'def add(a, b):', suffix: '\n    return c', stream: false });

  const { records } = await client.request('decision/list', {});
  const seen = (records as DecisionRecord[]).map((r) => [r.facts.surface ?? 'chat/send', r.facts.task, r.facts.userTier]).sort();
  assert.deepEqual(seen, [
    ['chat/send', 'chat', 'enterprise-eu'],
    ['ollama', 'completion', 'enterprise-eu'],
    ['openai', 'agent', 'enterprise-eu'],
    ['openai', 'embedding', 'enterprise-eu'],
  ]);
});

test('without a configured tier no record claims one, whatever the client sent', async (t) => {
  const { daemon } = await startEndpoint(t);
  const client = await daemon.client();
  await client.request('chat/send', { requestId: 'no-tier', text: PUBLIC_QUESTION, facts: { source: 'chat', interactive: true, userTier: 'gold' } });
  const { records } = await client.request('decision/list', {});
  assert.equal(records[0]?.facts.userTier, undefined);
  assert.equal(records[0]?.facts.task, 'chat');
});
