import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalogue, CatalogueModel, RequestFacts } from '../../../protocol';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { evaluate } from '../../../daemon/policy/evaluate';
import { presetWith, scanOf, signal } from './policy-helpers';

const chat: RequestFacts = { source: 'chat', interactive: true };
const background: RequestFacts = { source: 'api', interactive: false };

const RULES = `  - id: tools-need-tools
    description: Tools need a tools model.
    when: { tools: true }
    continue: true
    require: [tools]
  - id: legal-review
    description: Legal answers need review.
    when: { domain: [legal] }
    continue: true
    review: true
    requireCitations: true
  - id: secrets-local
    description: Secrets stay local.
    when: { signal: { kind: secret } }
    route: local
  - id: env-local
    description: Env files stay local.
    when: { path: sensitive }
    route: local
  - id: pii-private
    description: PII redacted to private.
    when: { signal: { kind: pii } }
    route: private
    redact: [pii]
  - id: no-ssn
    description: Never an SSN.
    when: { signal: { kind: pii, type: [us-ssn] } }
    route: blocked
    message: Remove the SSN.
`;
const policy = presetWith(RULES);

test('the first matching terminal rule decides and ends evaluation', () => {
  const scan = scanOf([signal('pii', 'email', 30, 50, 2), signal('secret', 'jwt', 0, 20, 1)]);
  const d = evaluate(policy, scan, chat, defaultCatalogue);
  assert.equal(d.route.target, 'local');
  assert.equal(d.rule.id, 'secrets-local');
  assert.deepEqual(d.matchedRules, ['secrets-local']);
  assert.deepEqual(d.redactions, [], 'pii-private never ran, so nothing is redacted');
});

test('rule order matters: the SSN block below pii-private never fires', () => {
  const d = evaluate(policy, scanOf([signal('pii', 'us-ssn', 0, 11)]), chat, defaultCatalogue);
  assert.equal(d.rule.id, 'pii-private');
  assert.equal(d.route.target, 'private');
});

test('continue rules add actions without deciding; the default routes when no terminal rule matches', () => {
  const scan = scanOf([signal('domain', 'legal', 0, 8)]);
  const d = evaluate(policy, scan, { ...chat, tools: ['search'] }, defaultCatalogue);
  assert.deepEqual(d.matchedRules, ['tools-need-tools', 'legal-review']);
  assert.equal(d.rule.id, 'default');
  assert.equal(d.rule.line, 0);
  assert.equal(d.route.target, 'hosted');
  assert.deepEqual(d.route.requiredCapabilities, ['tools']);
  assert.equal(d.requireCitations, true);
  assert.deepEqual(d.review, { required: true, reasons: ['Legal answers need review. (rule legal-review)'] });
});

test('continue actions stay when a later terminal rule decides', () => {
  const d = evaluate(policy, scanOf([signal('domain', 'legal', 0, 8), signal('secret', 'jwt', 20, 60, 2)]), chat, defaultCatalogue);
  assert.equal(d.rule.id, 'secrets-local');
  assert.equal(d.review.required, true);
  assert.equal(d.requireCitations, true);
});

test('path rules match facts.filePath and parts[].path, case-insensitively', () => {
  const viaFile = evaluate(policy, scanOf(), { ...chat, filePath: 'C:\\work\\app\\.ENV' }, defaultCatalogue);
  assert.equal(viaFile.rule.id, 'env-local');
  const viaPart = evaluate(policy, scanOf(), { ...chat, parts: [{ origin: 'file', path: 'infra/secrets/db.yaml', start: 0, end: 10 }] }, defaultCatalogue);
  assert.equal(viaPart.rule.id, 'env-local');
  const other = evaluate(policy, scanOf(), { ...chat, filePath: 'src/env.ts' }, defaultCatalogue);
  assert.equal(other.rule.id, 'default');
});

test('blocked: no model is chosen, every candidate says why, and the message is kept', () => {
  const strictOrder = presetWith(`  - id: no-ssn
    description: Never an SSN.
    when: { signal: { kind: pii, type: [us-ssn] } }
    route: blocked
    message: Remove the SSN.
`);
  const d = evaluate(strictOrder, scanOf([signal('pii', 'us-ssn', 0, 11)]), chat, defaultCatalogue);
  assert.equal(d.route.target, 'blocked');
  assert.equal(d.route.modelId, null);
  assert.equal(d.blockMessage, 'Remove the SSN.');
  assert.equal(d.noCandidate, false);
  assert.equal(d.route.candidates.length, defaultCatalogue.models.length);
  assert.ok(d.route.candidates.every((c) => !c.accepted && c.reason === 'request blocked by rule no-ssn'));
});

test('every catalogue model gets a verdict with the reason it was rejected', () => {
  const d = evaluate(policy, scanOf([signal('secret', 'jwt', 0, 20)]), chat, defaultCatalogue);
  assert.equal(d.route.candidates.length, defaultCatalogue.models.length);
  const byId = new Map(d.route.candidates.map((c) => [c.modelId, c]));
  assert.equal(byId.get('openai/gpt-4o')?.reason, 'class hosted not allowed by rule secrets-local');
  assert.equal(byId.get('azure/gpt-4o-mini')?.reason, 'class private not allowed by rule secrets-local');
  assert.deepEqual(d.route.candidates.filter((c) => c.accepted).map((c) => c.class), ['local', 'local']);
});

test('data terms: retention, training and region exclude models with a stated reason', () => {
  const d = evaluate(policy, scanOf(), chat, defaultCatalogue);
  const byId = new Map(d.route.candidates.map((c) => [c.modelId, c]));
  assert.equal(byId.get('openrouter/llama-3.3-70b')?.reason, 'provider may train on prompts');
  const euOnly = presetWith('', 'default:\n  route: private\n');
  const usModel: CatalogueModel = { ...defaultCatalogue.models.find((m) => m.id === 'azure/gpt-4o-mini')!, id: 'azure/us', terms: { region: 'us', retentionDays: 30, noTraining: true } };
  const r = evaluate(euOnly, scanOf(), chat, { ...defaultCatalogue, models: [usModel] });
  assert.equal(r.route.candidates[0]?.reason, 'region us not in eu; retention 30 days exceeds 0');
  assert.equal(r.noCandidate, true);
});

test('a class the preset does not list is never a candidate', () => {
  const localOnly = presetWith('', 'default:\n  route: local\n').preset;
  const policyNoHosted = { ...presetWith('', 'default:\n  route: local\n'), preset: { ...localOnly, classes: { local: {} } } };
  const d = evaluate(policyNoHosted, scanOf(), chat, defaultCatalogue);
  assert.equal(d.route.candidates.find((c) => c.modelId === 'azure/gpt-4o-mini')?.reason, 'class private not allowed by preset test');
});

test('fail closed: a missing capability is never solved by widening the class', () => {
  const needsVision = presetWith(`  - id: screenshots-local
    description: Screenshots stay local and need vision.
    when: { always: true }
    route: local
    require: [vision]
`);
  const d = evaluate(needsVision, scanOf(), chat, defaultCatalogue);
  assert.equal(d.route.target, 'local');
  assert.equal(d.noCandidate, true);
  assert.equal(d.route.modelId, null);
  assert.ok(d.route.candidates.every((c) => !c.accepted));
  assert.equal(d.route.candidates.find((c) => c.modelId === 'ollama/llama3.2')?.reason, 'lacks capability vision');
  assert.match(d.explanation, /^Not sent: no local model with vision in the catalogue/);
});

test('capabilities required by a continue rule filter the candidates', () => {
  const noTools: Catalogue = { ...defaultCatalogue, models: defaultCatalogue.models.map((m) => (m.id === 'openai/gpt-4o-mini' ? { ...m, capabilities: ['json'] } : m)) };
  const d = evaluate(policy, scanOf(), { ...chat, tools: ['run_tests'] }, noTools);
  assert.equal(d.route.candidates.find((c) => c.modelId === 'openai/gpt-4o-mini')?.reason, 'lacks capability tools');
  assert.equal(d.route.modelId, 'anthropic/claude-3-5-haiku');
});

test('ranking: cheap by estimated cost, fast by latency, strong by tier; the route class ranks before fallbacks', () => {
  const cheap = evaluate(policy, scanOf(), chat, defaultCatalogue);
  const accepted = cheap.route.candidates.filter((c) => c.accepted);
  assert.equal(cheap.route.prefer, 'cheap');
  assert.deepEqual(accepted.map((c) => c.modelId).slice(0, 2), ['openai/gpt-4o-mini', 'anthropic/claude-3-5-haiku']);
  assert.equal(accepted[0]?.reason, `rank 1 of ${accepted.length} (cheapest first)`);
  const costs = accepted.filter((c) => c.class === 'hosted').map((c) => c.estimatedCostUsd ?? 0);
  assert.deepEqual(costs, [...costs].sort((a, b) => a - b));
  assert.deepEqual(accepted.slice(-3).map((c) => c.class), ['private', 'local', 'local']);
  assert.match(accepted.at(-1)?.reason ?? '', /^rank \d+ of \d+ \(local fallback; cheapest first\)$/);

  const fastPolicy = presetWith('', 'default:\n  route: hosted\n');
  assert.equal(evaluate(fastPolicy, scanOf(), chat, defaultCatalogue).route.modelId, 'openai/gpt-4o-mini', 'interactive defaults to fast');
  assert.equal(evaluate(fastPolicy, scanOf(), chat, defaultCatalogue).route.prefer, 'fast');
  const bg = evaluate(fastPolicy, scanOf(), background, defaultCatalogue);
  assert.equal(bg.route.prefer, 'cheap', 'background defaults to cheap');
});

test('the prompt size changes the cost estimate and can exceed a context window', () => {
  const small = evaluate(policy, scanOf(), chat, defaultCatalogue, { promptChars: 4_000 });
  const big = evaluate(policy, scanOf(), chat, defaultCatalogue, { promptChars: 600_000 });
  const cost = (d: typeof small) => d.route.candidates.find((c) => c.modelId === 'openai/gpt-4o')?.estimatedCostUsd ?? 0;
  assert.ok(cost(big) > cost(small) * 20);
  assert.match(big.route.candidates.find((c) => c.modelId === 'openai/gpt-4o')?.reason ?? '', /exceeds context window 128000/);
  assert.equal(big.route.modelId, 'anthropic/claude-3-5-haiku');
});

test('escalate ranks by tier only when the user asks for depth', () => {
  const escalating = presetWith('', 'default:\n  route: hosted\n  prefer: cheap\n  escalate: true\n');
  const normal = evaluate(escalating, scanOf(), chat, defaultCatalogue);
  assert.equal(normal.route.escalated, false);
  assert.equal(normal.route.modelId, 'openai/gpt-4o-mini');
  const deep = evaluate(escalating, scanOf(), { ...chat, depth: 'deep' }, defaultCatalogue);
  assert.equal(deep.route.escalated, true);
  assert.equal(deep.route.prefer, 'strong');
  assert.equal(deep.route.modelId, 'anthropic/claude-sonnet-4');
  const noEscalation = evaluate(policy, scanOf(), { ...chat, depth: 'deep' }, defaultCatalogue);
  assert.equal(noEscalation.route.escalated, false);
});

test('the chosen model fills the route with its data terms', () => {
  const d = evaluate(policy, scanOf([signal('pii', 'email', 0, 10)]), chat, defaultCatalogue);
  assert.equal(d.route.modelId, 'azure/gpt-4o-mini');
  assert.equal(d.route.provider, 'azure');
  assert.equal(d.route.region, 'eu');
  assert.equal(d.route.retentionDays, 0);
  assert.equal(d.route.noTraining, true);
});

test('redaction placeholders are stable: the same value gets the same placeholder, values are never stored', () => {
  const text = 'Mail ann@x.io and bob@y.io, then ann@x.io again; call +1 555 0100.';
  const at = (v: string, from = 0) => text.indexOf(v, from);
  const signals = [
    signal('pii', 'email', at('ann@x.io'), at('ann@x.io') + 8),
    signal('pii', 'email', at('bob@y.io'), at('bob@y.io') + 8),
    signal('pii', 'email', at('ann@x.io', 10), at('ann@x.io', 10) + 8),
    signal('pii', 'phone', at('+1 555'), at('+1 555') + 11),
  ];
  const d = evaluate(policy, scanOf(signals), chat, defaultCatalogue, { text });
  assert.deepEqual(d.redactions.map((r) => r.placeholder), ['[EMAIL_1]', '[EMAIL_2]', '[EMAIL_1]', '[PHONE_1]']);
  assert.ok(!JSON.stringify(d).includes('ann@x.io'), 'the decision never carries a value');
  const again = evaluate(policy, scanOf(signals), chat, defaultCatalogue, { text });
  assert.deepEqual(again, d, 'same input, same decision');
});

test('redact by type only redacts that type; secrets share the SECRET prefix; overlaps merge', () => {
  const byType = presetWith(`  - id: emails-out
    description: Only emails are replaced.
    when: { always: true }
    route: hosted
    redact: [email, secret]
`);
  const text = 'token=abcdefghijklmnop ann@x.io +1 555 0100 key=zyxwvutsrqponmlk';
  const signals = [
    signal('secret', 'generic-secret-assignment', 0, 22),
    signal('secret', 'jwt', 6, 26),
    signal('pii', 'email', 23, 31),
    signal('pii', 'phone', 32, 43),
    signal('secret', 'generic-secret-assignment', 44, 64),
  ];
  const d = evaluate(byType, scanOf(signals), chat, defaultCatalogue, { text });
  assert.deepEqual(d.redactions.map((r) => [r.type, r.start, r.end, r.placeholder]), [
    ['generic-secret-assignment', 0, 31, '[SECRET_1]'],
    ['generic-secret-assignment', 44, 64, '[SECRET_2]'],
  ]);
});

test('code conditions: share threshold and languages', () => {
  const codePolicy = presetWith(`  - id: python-local
    description: Mostly Python stays local.
    when: { code: { minShare: 0.5, languages: [python] } }
    route: local
`);
  const region = (language: string, start: number, end: number) => ({ start, end, language, fenced: true });
  const py = scanOf([], { share: 0.8, regions: [region('python', 0, 100)] });
  assert.equal(evaluate(codePolicy, py, chat, defaultCatalogue).rule.id, 'python-local');
  const mixed = scanOf([], { share: 0.8, regions: [region('python', 0, 20), region('go', 20, 100)] });
  assert.equal(evaluate(codePolicy, mixed, chat, defaultCatalogue).rule.id, 'default', 'only 16% is Python');
  const little = scanOf([], { share: 0.3, regions: [region('python', 0, 100)] });
  assert.equal(evaluate(codePolicy, little, chat, defaultCatalogue).rule.id, 'default');
});

test('any / all / not / minCount / interactive / depth / truncated conditions', () => {
  const p = presetWith(`  - id: unscanned
    description: Truncated.
    when: { truncated: true }
    route: local
  - id: many-emails-in-background
    description: Bulk PII jobs.
    when: { all: [ { interactive: false }, { signal: { kind: pii, type: [email], minCount: 3 } } ] }
    route: local
  - id: deep-or-tools
    description: Either.
    when: { any: [ { depth: deep }, { tools: true } ] }
    route: private
  - id: not-code
    description: Not code.
    when: { not: { code: {} } }
    route: hosted
`, 'default:\n  route: local\n');
  const emails = [0, 1, 2].map((i) => signal('pii', 'email', i * 10, i * 10 + 5));
  const run = (scan = scanOf(), facts: RequestFacts = chat) => evaluate(p, scan, facts, defaultCatalogue).rule.id;
  assert.equal(run({ ...scanOf(), truncated: true }), 'unscanned');
  assert.equal(run(scanOf(emails), background), 'many-emails-in-background');
  assert.equal(run(scanOf(emails.slice(0, 2)), background), 'not-code');
  assert.equal(run(scanOf(emails), chat), 'not-code');
  assert.equal(run(scanOf(), { ...chat, depth: 'deep' }), 'deep-or-tools');
  assert.equal(run(scanOf(), { ...chat, tools: ['x'] }), 'deep-or-tools');
  assert.equal(run(scanOf([], { share: 0.5, regions: [{ start: 0, end: 5, language: 'go', fenced: false }] })), 'default');
});
