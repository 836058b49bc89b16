// Weak signal types (the sweep's possible names, numbers and addresses) count only where a policy names them: a rule
// on `kind: pii` or a redaction of `pii` leaves them out, and only a policy that names them makes the scan sweep.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestFacts } from '../../../protocol';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { evaluate } from '../../../daemon/policy/evaluate';
import { loadPolicy } from '../../../daemon/policy/load';
import { planRedactions } from '../../../daemon/policy/redact';
import { asksForSweep } from '../../../daemon/policy/weak';
import { presetWith, scanOf, signal } from './policy-helpers';

const chat: RequestFacts = { source: 'chat', interactive: true };
const text = 'Why did Okwuosa leave early? Ask anna@example.com';
const swept = signal('pii', 'possible-name', 8, 15);
const email = signal('pii', 'email', 33, 50);

test('a rule on kind pii does not match a weak type; a rule that names it does', () => {
  const policy = presetWith('  - id: pii-local\n    description: d\n    when: { signal: { kind: pii } }\n    route: local\n');
  assert.equal(evaluate(policy, scanOf([swept]), chat, defaultCatalogue).rule.id, 'default');
  assert.equal(evaluate(policy, scanOf([swept, email]), chat, defaultCatalogue).rule.id, 'pii-local');
  const naming = presetWith('  - id: names-local\n    description: d\n    when: { signal: { kind: pii, type: [possible-name] } }\n    route: local\n');
  assert.equal(evaluate(naming, scanOf([swept]), chat, defaultCatalogue).rule.id, 'names-local');
});

test('redacting pii leaves weak types alone; naming them redacts them', () => {
  assert.deepEqual(planRedactions([swept, email], ['pii'], text).map((r) => r.type), ['email']);
  assert.deepEqual(planRedactions([swept, email], ['pii', 'possible-name'], text).map((r) => r.type), ['possible-name', 'email']);
});

test('the presets that name a weak type ask for the sweep; local-only, which keeps everything local, does not', () => {
  for (const name of ['strict', 'balanced', 'cost-saver']) assert.equal(asksForSweep(loadPolicy(name)), true, name);
  assert.equal(asksForSweep(loadPolicy('local-only')), false);
  const strict = evaluate(loadPolicy('strict'), scanOf([swept]), chat, defaultCatalogue, { text });
  assert.equal(strict.route.target, 'private');
  assert.deepEqual(strict.redactions.map((r) => r.type), ['possible-name']);
  assert.ok(strict.matchedRules.includes('unknown-words-redacted'));
  // Code still stays local under strict, and is not redacted for the local model.
  const code = scanOf([swept], { share: 0.9, regions: [{ start: 0, end: 40, language: 'python', fenced: true }] });
  const local = evaluate(loadPolicy('strict'), code, chat, defaultCatalogue, { text });
  assert.equal(local.route.target, 'local');
  assert.deepEqual(local.redactions, []);
});

test('a decision on unknown words alone says how a team vouches for its own product names; one on a real finding does not', () => {
  const balanced = loadPolicy('balanced');
  const weakOnly = evaluate(balanced, scanOf([swept]), chat, defaultCatalogue, { text });
  assert.equal(weakOnly.route.target, 'local');
  assert.match(weakOnly.explanation, /line 1 contains a possible name .*list it in `knownWords`\.$/);
  assert.doesNotMatch(evaluate(balanced, scanOf([email, swept]), chat, defaultCatalogue, { text }).explanation, /knownWords/);
});
