// The one route label and target phrase (protocol/describe.ts) that the status bar, the decision list, VS Code's
// chat and the CLI all show: one table, both forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routeLabel, routeWords, type LabelledRecord } from '../../../protocol/describe';
import type { Attempt, Route } from '../../../protocol/record';
import type { Signal } from '../../../protocol/signals';
import { renderRecord } from '../../../daemon/cli/render';
import { routeLine } from '../../../extension/chat/describe';
import { lastRequestLabel } from '../../../extension/describe';
import { routeBadgeText } from '../../../webview/shared/format';
import { makeRecord } from '../../helpers/records';

const attempt = (modelId: string, outcome: Attempt['outcome']): Attempt => ({ modelId, provider: modelId.split('/')[0]!, startedAt: '2026-11-29T00:00:00Z', durationMs: 5, outcome });
const sig = (kind: Signal['kind']): Signal => ({ kind, type: 't', start: 0, end: 1, line: 1, column: 1, detector: 'd', label: 'l' });
const local: Route = { target: 'local', provider: 'ollama', model: 'llama3.2', modelId: 'ollama/llama3.2', region: 'local', retentionDays: 0, noTraining: true, requiredCapabilities: [], prefer: 'fast', escalated: false, candidates: [] };
const hosted: Route = { ...local, target: 'hosted', provider: 'openai', model: 'gpt-4o-mini', modelId: 'openai/gpt-4o-mini', region: 'us', retentionDays: 30 };

const CASES: [string, LabelledRecord, string, string][] = [
  ['most sensitive kind names the reason', { route: { ...local }, signals: [sig('code'), sig('secret'), sig('pii')] }, 'local · llama3.2 · secret', 'local · ollama · llama3.2 (region local, retention 0 d, no training) · secret'],
  ['no signal reads as public', { route: { ...hosted }, signals: [] }, 'hosted · gpt-4o-mini · public', 'hosted · openai · gpt-4o-mini (region us, retention 30 d, no training) · public'],
  ['an origin alone decides', { route: { ...local }, signals: [sig('origin')] }, 'local · llama3.2 · origin', 'local · ollama · llama3.2 (region local, retention 0 d, no training) · origin'],
  ['a route that produced no answer', { route: { ...hosted }, signals: [sig('pii')], status: 'error' }, 'hosted · gpt-4o-mini · failed', 'hosted · openai · gpt-4o-mini (region us, retention 30 d, no training) · failed'],
  ['blocked by the route', { route: { ...hosted, target: 'blocked', provider: null, model: null, modelId: null }, signals: [sig('pii')] }, 'blocked', 'blocked'],
  ['blocked by the status', { route: { ...hosted }, signals: [], status: 'blocked' }, 'blocked', 'blocked'],
  ['no model fits', { route: { ...local, provider: null, model: null, modelId: null, region: null }, signals: [] }, 'local · public', 'local · no model in the catalogue fits · public'],
  ['escalated', { route: { ...hosted, escalated: true, region: null }, signals: [] }, 'hosted · gpt-4o-mini · public', 'hosted · openai · gpt-4o-mini · public · escalated'],
  ['answered by another model of the class (an image: the vision model)', { route: { ...local }, signals: [sig('scan')], status: 'ok', attempts: [attempt('ollama/llama3.2-vision', 'ok')] }, 'local · llama3.2-vision · scan', 'local · ollama · llama3.2 (region local, retention 0 d, no training) · scan · answered by ollama/llama3.2-vision'],
  ['answered after a fallback', { route: { ...hosted }, signals: [], status: 'ok', attempts: [attempt('openai/gpt-4o-mini', 'error'), attempt('anthropic/claude-haiku', 'ok')] }, 'hosted · claude-haiku · public', 'hosted · openai · gpt-4o-mini (region us, retention 30 d, no training) · public · answered by anthropic/claude-haiku'],
  ['answered by the model it named', { route: { ...hosted }, signals: [], status: 'ok', attempts: [attempt('openai/gpt-4o-mini', 'ok')] }, 'hosted · gpt-4o-mini · public', 'hosted · openai · gpt-4o-mini (region us, retention 30 d, no training) · public'],
];

test('the route label, short and detailed', () => {
  for (const [name, record, short, detail] of CASES) {
    assert.equal(routeLabel(record), short, name);
    assert.equal(routeLabel(record, { detail: true }), detail, `${name} (detail)`);
  }
});

test('the target in words', () => {
  assert.deepEqual((['local', 'private', 'hosted', 'blocked'] as const).map(routeWords), ['stays local', 'goes to a private model', 'may go to a hosted model', 'is blocked']);
});

test('the status bar, the decision list, the chat and the CLI show the same label for the same record', () => {
  for (const kind of ['secret-local', 'public-hosted', 'pii-blocked', 'code-private'] as const) {
    const r = makeRecord(kind, 0, { status: 'ok' });
    const label = routeLabel(r);
    assert.equal(lastRequestLabel(r), label, kind);
    assert.equal(routeBadgeText(r), label, kind);
    assert.equal(routeLine(r), label, kind);
    assert.match(renderRecord(r), new RegExp(`Route: +${routeLabel(r, { detail: true }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`), kind);
  }
});
