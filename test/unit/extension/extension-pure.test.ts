// The extension's VS Code-free parts: settings validation, prompt composition, the webview shell's CSP, backoff,
// dry-run wording and launch-failure advice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../../../extension/settings';
import { backoffDelay } from '../../../extension/daemon/backoff';
import { explainLaunchFailure } from '../../../extension/daemon/launcher';
import { explainSentence, signalSummary } from '../../../extension/describe';
import { contentSecurityPolicy, renderShell } from '../../../extension/views/html';
import { composePrompt } from '../../../extension/views/prompt';
import type { DecisionRecord } from '../../../protocol/record';
import { makeRecord } from '../../helpers/records';

test('settings: valid values pass through, bad ones fall back with a message naming the setting', () => {
  const good = parseSettings((k) => ({ policy: 'strict', daemonPort: 50000, nodePath: '/opt/node/bin/node', attachSelectionByDefault: false, storePrompts: 'none', chatClassModels: true })[k]);
  assert.deepEqual(good.problems, []);
  assert.deepEqual(good.settings, { policy: 'strict', daemonPort: 50000, nodePath: '/opt/node/bin/node', attachSelectionByDefault: false, storePrompts: 'none', chatClassModels: true });
  const bad = parseSettings((k) => ({ daemonPort: 70000, storePrompts: 'everything', attachSelectionByDefault: 'yes' })[k]);
  assert.equal(bad.settings.daemonPort, 47611);
  assert.equal(bad.settings.storePrompts, 'redacted');
  assert.equal(bad.settings.attachSelectionByDefault, true);
  assert.equal(bad.problems.length, 3);
  assert.match(bad.problems.join('\n'), /airlock\.daemonPort must be a port number.*70000/);
  assert.match(bad.problems.join('\n'), /airlock\.storePrompts must be one of none, redacted, full/);
});

test('settings: an empty policy means the daemon decides', () => {
  assert.equal(parseSettings((k) => (k === 'policy' ? '' : undefined)).settings.policy, undefined);
  assert.equal(parseSettings((k) => (k === 'policy' ? '  ' : undefined)).problems.length, 1);
});

test('composePrompt: the attachment span points at exactly the attached text, with its path and language as facts', () => {
  const attached = 'const key = process.env.KEY;\nconsole.log(key);';
  const { text, facts } = composePrompt('What does this log?', { text: attached, origin: 'selection', path: '/w/src/a.ts', language: 'typescript' }, { source: 'chat', interactive: true, conversationId: 'c1' });
  const part = facts.parts?.[0];
  assert.ok(part);
  assert.equal(text.slice(part.start, part.end), attached);
  assert.ok(text.startsWith('What does this log?\n\n```typescript\n'));
  assert.equal(facts.filePath, '/w/src/a.ts');
  assert.equal(facts.language, 'typescript');
  assert.equal(facts.conversationId, 'c1');
  assert.equal(part.origin, 'selection');
});

test('composePrompt: no attachment leaves the text and facts as typed; an attachment alone still gets its span', () => {
  const base = { source: 'chat' as const, interactive: true };
  assert.deepEqual(composePrompt('hi', undefined, base), { text: 'hi', facts: base });
  const alone = composePrompt('', { text: 'A=1', origin: 'file', path: '/w/.env', language: 'dotenv' }, base);
  const part = alone.facts.parts?.[0];
  assert.ok(part);
  assert.equal(alone.text.slice(part.start, part.end), 'A=1');
  assert.equal(part.origin, 'file');
});

test('webview shell: nonce-only scripts, no unsafe-inline, the view named on <body>, attributes escaped', () => {
  const csp = contentSecurityPolicy('https://res.vscode-cdn.net', 'abc123');
  assert.match(csp, /^default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  // A <style> the toolkit adds must carry the nonce to be allowed: the same nonce as the scripts, and it is published.
  assert.match(csp, /style-src https:\/\/res\.vscode-cdn\.net 'nonce-abc123'/);
  const html = renderShell('decisions', { cspSource: 'vscode-resource:', scriptUri: 'x/webview.js?a="b"', styleUri: 'x/webview.css' }, 'n0nce');
  assert.match(html, /<meta property="csp-nonce" content="n0nce">/);
  assert.match(html, /<body data-view="decisions">/);
  assert.match(html, /<script nonce="n0nce" src="x\/webview.js\?a=&quot;b&quot;">/);
  assert.match(html, /<link rel="stylesheet" href="x\/webview.css">/);
  assert.doesNotMatch(renderShell('chat', { cspSource: 's', scriptUri: 'w.js' }, 'n'), /<link/);
});

test('backoff: doubles from the initial delay, capped, with bounded jitter', () => {
  const options = { initialMs: 100, maxMs: 1_000, jitter: 0 };
  assert.deepEqual([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, options)), [100, 200, 400, 800, 1000, 1000]);
  const jittered = { initialMs: 1_000, maxMs: 60_000, jitter: 0.2 };
  assert.equal(backoffDelay(0, jittered, () => 0), 800);
  assert.equal(backoffDelay(0, jittered, () => 1), 1200);
});

test('launch failures get advice a user can act on', () => {
  assert.match(explainLaunchFailure("Error: The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 127", '/usr/bin/node'), /npm rebuild.*airlock\.nodePath/);
  assert.match(explainLaunchFailure('Error: listen EADDRINUSE: address already in use 127.0.0.1:47611', 'node'), /port is taken/);
  assert.match(explainLaunchFailure('', 'node'), /without output/);
});

/** A planned record kept local by the sensitive-files rule (line 42), nothing found unless overridden. */
function record(overrides: Partial<DecisionRecord>): DecisionRecord {
  const base = makeRecord('secret-local');
  return makeRecord('secret-local', 0, {
    signals: [], redactions: [],
    route: { ...base.route, provider: 'ollama', model: 'llama3.2', modelId: 'ollama/llama3.2' },
    rule: { id: 'sensitive-files-local', preset: 'balanced', file: 'presets/balanced.yaml', line: 42 },
    explanation: 'Kept local because it comes from .env.', status: 'planned',
    ...overrides,
  });
}

test('explainSentence: route, rule with line, reason, signal types (never values) and that nothing was sent', () => {
  const r = record({
    signals: [
      { kind: 'secret', type: 'password-assignment', start: 0, end: 5, line: 2, column: 1, detector: 'x', label: 'Password' },
      { kind: 'origin', type: 'sensitive-path', start: 0, end: 0, line: 1, column: 1, detector: 'facts', label: '.env' },
      { kind: 'pii', type: 'email', start: 9, end: 20, line: 3, column: 1, detector: 'x', label: 'E-mail' },
    ],
    redactions: [{ kind: 'pii', type: 'email', start: 9, end: 20, placeholder: '[EMAIL_1]' }],
  });
  const sentence = explainSentence(r);
  assert.match(sentence, /^Would route: local · llama3\.2 · secret — this selection stays local\./);
  assert.match(sentence, /Rule sensitive-files-local \(balanced:42\): Kept local because it comes from \.env\./);
  assert.match(sentence, /Found secret: password-assignment; pii: email\./);
  assert.match(sentence, /1 value\(s\) would be replaced by placeholders/);
  assert.match(sentence, /Nothing was sent\.$/);
  assert.equal(signalSummary(record({})), '');
  assert.match(explainSentence(record({ route: { ...r.route, target: 'blocked', provider: null, model: null }, rule: { ...r.rule, line: 0 } })), /^Would route: blocked — this selection is blocked\. Rule sensitive-files-local \(balanced default\)/);
});
