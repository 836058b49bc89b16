// The OpenAI and Anthropic adapters keep their SDK client between requests (building one per request was a measurable
// share of the gateway's time): a changed key must still reach the provider on the very next request, and Azure
// deployments must not share a client (the deployment is part of the URL).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAdapter, type StreamRequest } from '../../../daemon/providers';
import { startAnthropicSim, startOpenAISim, type SimHandle } from '../../sim';

let sim: SimHandle;
let anthropic: SimHandle;
before(async () => {
  [sim, anthropic] = await Promise.all([startOpenAISim({}), startAnthropicSim({})]);
});
after(() => Promise.all([sim.close(), anthropic.close()]));

const request = (model: string): StreamRequest => ({ model, messages: [{ role: 'user', content: 'hello' }], signal: new AbortController().signal });

test('a rotated key is sent on the next request, the old one never again', async () => {
  sim.reset();
  let key = 'sk-first';
  const adapter = createAdapter({ name: 'openai', kind: 'openai', baseUrl: `${sim.url}/v1` }, async () => key);
  await adapter.stream(request('gpt-4o-mini'), () => {});
  await adapter.stream(request('gpt-4o-mini'), () => {});
  key = 'sk-second';
  await adapter.stream(request('gpt-4o-mini'), () => {});
  key = 'sk-first';
  await adapter.stream(request('gpt-4o-mini'), () => {});
  assert.deepEqual(sim.received.map((r) => r.headers.authorization), ['Bearer sk-first', 'Bearer sk-first', 'Bearer sk-second', 'Bearer sk-first']);
});

test('Azure: each deployment gets its own URL though the key is the same', async () => {
  sim.reset();
  const adapter = createAdapter({ name: 'azure', kind: 'openai', baseUrl: sim.url, azure: { apiVersion: '2024-10-21' } }, async () => 'az-key');
  await adapter.stream(request('gpt-4o'), () => {});
  await adapter.stream(request('gpt-4o-mini'), () => {});
  await adapter.stream(request('gpt-4o'), () => {});
  assert.deepEqual(sim.received.map((r) => r.path.split('?')[0]), ['/openai/deployments/gpt-4o/chat/completions', '/openai/deployments/gpt-4o-mini/chat/completions', '/openai/deployments/gpt-4o/chat/completions']);
});

test('Anthropic: a rotated key is sent on the next request, the old one never again', async () => {
  anthropic.reset();
  let key = 'sk-ant-first';
  const adapter = createAdapter({ name: 'anthropic', kind: 'anthropic', baseUrl: anthropic.url }, async () => key);
  await adapter.stream(request('claude-3-5-haiku-latest'), () => {});
  await adapter.stream(request('claude-3-5-haiku-latest'), () => {});
  key = 'sk-ant-second';
  await adapter.stream(request('claude-3-5-haiku-latest'), () => {});
  key = 'sk-ant-first';
  await adapter.stream(request('claude-3-5-haiku-latest'), () => {});
  // The SDK sends the key as x-api-key or as a bearer token, depending on its version: whichever it sent.
  const sent = anthropic.received.map((r) => r.headers['x-api-key'] ?? /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1]);
  assert.deepEqual(sent, ['sk-ant-first', 'sk-ant-first', 'sk-ant-second', 'sk-ant-first']);
});
