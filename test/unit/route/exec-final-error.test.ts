// The error a request ends with when no allowed model answered: one plain sentence the chat can show alone (grouped
// by what went wrong, each provider named once), the providers' raw replies after it as details.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProviderConfig } from '../../../protocol';
import { finalError, type CandidateFailure } from '../../../daemon/route/execute-outcome';
import { firstSentence } from '../../../webview/shared/format';

const provider = (name: string, kind: ProviderConfig['kind']): ProviderConfig => ({ name, kind, baseUrl: `http://127.0.0.1:1/${name}` });
const RAW_ANTHROPIC = '401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key. Check it."}}';

test('every hosted provider refusing its key: one sentence naming each once, the raw replies only after it', () => {
  const failures: CandidateFailure[] = [
    { model: 'gpt-4o-mini', config: provider('openai', 'openai'), failure: 'auth', message: 'openai: 401 Incorrect API key provided' },
    { model: 'gpt-4o', config: provider('openai', 'openai'), failure: 'auth', message: 'openai: 401 Incorrect API key provided' },
    { model: 'claude-haiku-4-5', config: provider('anthropic', 'anthropic'), failure: 'auth', message: `anthropic: ${RAW_ANTHROPIC}` },
  ];
  const { status, error } = finalError('hosted', failures);
  assert.equal(status, 'error');
  assert.equal(error.code, 'AIRLOCK_E_PROVIDER_AUTH');
  const shown = firstSentence(error.message);
  assert.equal(shown, 'No allowed model answered: openai, anthropic did not accept the API key (or has none set).');
  assert.ok(error.message.includes(RAW_ANTHROPIC), 'the raw reply stays available under Details');
});

test('mixed failures are grouped by kind, in the order they happened', () => {
  const failures: CandidateFailure[] = [
    { model: 'a', config: provider('openai', 'openai'), failure: 'rate-limited', message: 'openai: 429 slow down. Retry in 3 s' },
    { model: 'b', config: provider('azure-eu', 'openai'), failure: 'timeout', message: 'azure-eu: timed out' },
    { model: 'c', config: provider('anthropic', 'anthropic'), failure: 'rate-limited', message: 'anthropic: 429' },
    { model: 'd', config: provider('openrouter', 'openai'), failure: 'circuit-open', message: '' },
  ];
  const { error } = finalError('hosted', failures);
  assert.equal(error.code, 'AIRLOCK_E_PROVIDER');
  assert.equal(firstSentence(error.message), 'No allowed model answered: openai, anthropic was busy (rate limited); azure-eu did not answer in time; openrouter was skipped after repeated failures.');
});

test('a local route keeps its own message: nothing was sent, and how to start the local model', () => {
  const { status, error } = finalError('local', [{ model: 'llama3.2', config: provider('ollama', 'ollama'), failure: 'refused', message: 'ollama: ECONNREFUSED' }]);
  assert.equal(status, 'blocked');
  assert.equal(error.code, 'AIRLOCK_E_LOCAL_UNAVAILABLE');
  assert.match(firstSentence(error.message), /must stay on this machine/);
  assert.match(error.message, /ollama serve/);
});
