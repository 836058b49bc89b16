// The OpenAI adapter keeps its SDK client between requests (building one per request was a measurable share of the
// gateway's time): a changed key must still reach the provider on the very next request, and Azure deployments must
// not share a client (the deployment is part of the URL).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAdapter, type StreamRequest } from '../../../daemon/providers';
import { startOpenAISim, type SimHandle } from '../../sim';

let sim: SimHandle;
before(async () => {
  sim = await startOpenAISim({});
});
after(() => sim.close());

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
