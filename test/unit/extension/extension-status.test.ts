// The status bar's "last request" never names a route that produced no answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastRequestLabel, providerWords } from '../../../extension/describe';
import { makeRecord } from '../../helpers/records';

test('the last request shows its route only when it answered', () => {
  assert.equal(lastRequestLabel(makeRecord('public-hosted', 0, { status: 'ok' })), 'hosted · gpt-4o-mini · public');
  assert.equal(lastRequestLabel(makeRecord('public-hosted', 0, { status: 'error' })), 'last request failed');
  assert.equal(lastRequestLabel(makeRecord('public-hosted', 0, { status: 'cancelled' })), 'last request cancelled');
  assert.equal(lastRequestLabel(makeRecord('pii-blocked', 0)), 'blocked');
});

test('provider health reads as reachable / no key / not answering, never as circuit states', () => {
  const base = { baseUrl: 'http://x', hasKey: true, circuit: 'closed' as const };
  assert.equal(providerWords({ ...base, name: 'ollama', kind: 'ollama', hasKey: false }), 'ollama: reachable');
  assert.equal(providerWords({ ...base, name: 'openai', kind: 'openai', hasKey: false }), 'openai: no API key');
  assert.equal(providerWords({ ...base, name: 'openai', kind: 'openai', circuit: 'open', lastError: 'HTTP 503' }), 'openai: not answering (HTTP 503)');
  assert.equal(providerWords({ ...base, name: 'anthropic', kind: 'anthropic', circuit: 'half-open' }), 'anthropic: recovering, being retried');
  for (const circuit of ['closed', 'open', 'half-open'] as const) {
    assert.doesNotMatch(providerWords({ ...base, name: 'p', kind: 'openai', circuit }), /closed|open\b|half/);
  }
});
