// The OpenAI and Anthropic adapters keep their SDK client between requests (building one per request was a measurable
// share of the gateway's time): a changed key must still reach the provider on the very next request, and Azure
// deployments must not share a client (the deployment is part of the URL).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ProviderConfig } from '../../../protocol/catalogue';
import { createAdapter, type StreamRequest } from '../../../daemon/providers';
import { startAnthropicSim, startOpenAISim, type SimHandle } from '../../sim';

let sim: SimHandle;
let anthropic: SimHandle;
before(async () => {
  [sim, anthropic] = await Promise.all([startOpenAISim({}), startAnthropicSim({})]);
});
after(() => Promise.all([sim.close(), anthropic.close()]));

const request = (model: string): StreamRequest => ({ model, messages: [{ role: 'user', content: 'hello' }], signal: new AbortController().signal });

/** Four requests through one adapter with the key rotated before the third and back before the fourth. */
async function rotateKeys(config: ProviderConfig, model: string, [first, second]: [string, string]): Promise<void> {
  let key = first;
  const adapter = createAdapter(config, async () => key);
  for (const next of [first, first, second, first]) {
    key = next;
    await adapter.stream(request(model), () => {});
  }
}

test('a rotated key is sent on the next request, the old one never again', async () => {
  sim.reset();
  await rotateKeys({ name: 'openai', kind: 'openai', baseUrl: `${sim.url}/v1` }, 'gpt-4o-mini', ['sk-first', 'sk-second']);
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
  await rotateKeys({ name: 'anthropic', kind: 'anthropic', baseUrl: anthropic.url }, 'claude-3-5-haiku-latest', ['sk-ant-first', 'sk-ant-second']);
  // The SDK sends the key as x-api-key or as a bearer token, depending on its version: whichever it sent.
  const sent = anthropic.received.map((r) => r.headers['x-api-key'] ?? /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1]);
  assert.deepEqual(sent, ['sk-ant-first', 'sk-ant-first', 'sk-ant-second', 'sk-ant-first']);
});
