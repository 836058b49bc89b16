// The tests' one daemon config builder (test/helpers/sims.ts) as unit tests, e2e and bench use it: what each gets is
// a config the daemon's own parser accepts, with the providers of the simulators given and nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../../daemon/config';
import { simConfig } from '../../helpers/sims';

const sim = (name: string) => ({ url: `http://127.0.0.1:1/${name}` });
const providers = (yaml: string) => parseConfig(yaml, '/tmp/config.yaml').catalogue.providers.map((p) => `${p.name}:${p.apiKeyEnv ?? '-'}`);

test('unit tests: four providers, each with its key variable, fail-fast retry and timeouts, the policy given', () => {
  const config = parseConfig(simConfig({ local: sim('l'), privateEu: sim('p'), openai: sim('o'), anthropic: sim('a') }, 'strict', 'lockPolicy: true\n'), '/tmp/config.yaml');
  assert.deepEqual(config.catalogue.providers.map((p) => `${p.name}:${p.apiKeyEnv ?? '-'}`), ['ollama:-', 'private-eu:SIM_PRIVATE_KEY', 'openai:SIM_OPENAI_KEY', 'anthropic:SIM_ANTHROPIC_KEY']);
  assert.deepEqual(config.catalogue.models.map((m) => `${m.id}/${m.class}`), ['ollama/llama3.2/local', 'private/gpt-4o-mini/private', 'openai/gpt-4o-mini/hosted', 'anthropic/claude-3-5-haiku/hosted']);
  assert.equal(config.policy, 'strict');
  assert.equal(config.lockPolicy, true);
  assert.equal(config.retry.maxRetries, 0);
  assert.equal(config.timeouts.firstTokenMs, 5000);
});

test('e2e: a port of its own, no private deployment, OpenAI keychain-only when asked, the daemon\'s own retry', () => {
  const e2e = simConfig({ local: sim('l'), openai: sim('o'), anthropic: sim('a') }, { port: 48123, keychainOnly: ['openai'], quickFailure: false, contextWindow: { local: 131072 } });
  const config = parseConfig(e2e, '/tmp/config.yaml');
  assert.deepEqual(config.catalogue.models.map((m) => m.contextWindow), [131072, 128000, 128000]);
  assert.equal(config.port, 48123);
  assert.deepEqual(providers(e2e), ['ollama:-', 'openai:-', 'anthropic:SIM_ANTHROPIC_KEY']);
  assert.deepEqual(config.retry, parseConfig('', '/tmp/config.yaml').retry, 'the default retry');
  assert.equal(config.policy, 'balanced');
});

test('bench: the local and one hosted simulator only', () => {
  assert.deepEqual(providers(simConfig({ local: sim('l'), openai: sim('o') }, { port: 48124, quickFailure: false })), ['ollama:-', 'openai:SIM_OPENAI_KEY']);
});
