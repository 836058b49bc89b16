import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorAdvice, formatMs, formatUsd, previewSentence, routeBadgeText } from '../../../webview/shared/format';
import { makeRecord } from '../../helpers/records';

test('badge names target, model and the most sensitive signal kind', () => {
  assert.equal(routeBadgeText(makeRecord('secret-local')), 'local · qwen2.5-coder:7b · secret');
  assert.equal(routeBadgeText(makeRecord('public-hosted')), 'hosted · gpt-4o-mini · public');
  assert.equal(routeBadgeText(makeRecord('pii-blocked')), 'blocked');
  const mixed = makeRecord('code-private');
  mixed.signals = [...mixed.signals, { kind: 'pii', type: 'email', start: 0, end: 3, line: 1, column: 1, detector: 'airlock/pii', label: 'email address' }];
  assert.equal(routeBadgeText(mixed), 'private · gpt-4o · pii');
});

test('badge falls back to the provider when no model is recorded', () => {
  const r = makeRecord('public-hosted');
  r.route = { ...r.route, model: null, provider: 'openai' };
  assert.equal(routeBadgeText(r), 'hosted · openai · public');
});

test('preview sentence says blocked, redacted, local or where it goes, then the reason', () => {
  const blocked = previewSentence(makeRecord('pii-blocked'));
  assert.equal(blocked.tone, 'blocked');
  assert.equal(blocked.text, 'Will be blocked. Blocked: the prompt contains a passport number, which the policy never sends anywhere.');

  const redacted = makeRecord('public-hosted', 0, {
    redactions: [{ kind: 'pii', type: 'email', start: 5, end: 20, placeholder: '[EMAIL_1]' }, { kind: 'pii', type: 'email', start: 30, end: 45, placeholder: '[EMAIL_2]' }],
    signals: [{ kind: 'pii', type: 'email', start: 5, end: 20, line: 1, column: 6, detector: 'airlock/pii', label: 'email address' }],
    explanation: 'Sent to a hosted model after redacting\n two e-mail addresses.',
  });
  assert.deepEqual(previewSentence(redacted), { tone: 'redacted', text: 'Will be redacted (2 items: email address) and sent to hosted gpt-4o-mini. Sent to a hosted model after redacting two e-mail addresses.' });

  assert.equal(previewSentence(makeRecord('code-private')).text, 'Will go to private gpt-4o. Sent to the private EU deployment: the prompt is TypeScript source code.');
  const local = makeRecord('secret-local', 0, { redactions: [] });
  assert.deepEqual(previewSentence(local), { tone: 'local', text: 'Will stay local (qwen2.5-coder:7b). Kept on the local model: the prompt contains an AWS secret access key (line 1).' });
});

test('error advice adds what to do for errors the user can fix, and only once', () => {
  const down = errorAdvice({ code: 'AIRLOCK_E_LOCAL_UNAVAILABLE', message: 'ollama at 127.0.0.1:11434 refused the connection.' });
  assert.match(down, /^ollama at 127\.0\.0\.1:11434 refused the connection\. .*Start Ollama \(`ollama serve`\)/);
  assert.equal(errorAdvice({ code: 'AIRLOCK_E_INTERNAL', message: 'boom' }), 'boom');
  // A message that already names the command is not followed by the generic advice.
  const concrete = 'This request must stay on this machine: Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`.';
  assert.equal(errorAdvice({ code: 'AIRLOCK_E_LOCAL_UNAVAILABLE', message: concrete }), concrete);
});

test('numbers read as units, missing numbers stay missing', () => {
  assert.equal(formatMs(null), null);
  assert.equal(formatMs(142.4), '142 ms');
  assert.equal(formatMs(2.137), '2.1 ms', 'short times such as a scan keep a decimal');
  assert.equal(formatMs(1234), '1.23 s');
  assert.equal(formatUsd(null), null);
  assert.equal(formatUsd(0), '$0');
  assert.equal(formatUsd(0.00012), '$0.00012');
  assert.equal(formatUsd(0.5), '$0.5000');
});

test('a request that failed says so on its badge', () => {
  assert.equal(routeBadgeText(makeRecord('public-hosted', 0, { status: 'error' })), 'hosted · gpt-4o-mini · failed');
  assert.equal(routeBadgeText(makeRecord('public-hosted', 0, { status: 'ok' })), 'hosted · gpt-4o-mini · public');
});
