import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestFacts } from '../../../protocol';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { evaluate } from '../../../daemon/policy/evaluate';
import { describeSignals } from '../../../daemon/policy/explain';
import { loadPolicy } from '../../../daemon/policy/load';
import { withArticle } from '../../../protocol/words';
import { presetWith, scanOf, signal } from './policy-helpers';

const chat: RequestFacts = { source: 'chat', interactive: true };
const balanced = loadPolicy('balanced');
const lineOf = (id: string) => balanced.rules.find((r) => r.id === id)?.line;
/**
 * The model the decision picked, as the sentence must name it. Which model that is belongs to the catalogue and the
 * ranking (policy-evaluate.test.ts); these tests check the wording around it, so a catalogue update leaves them alone.
 */
function picked(d: { route: { model: string | null; modelId: string | null } }): string {
  const top = defaultCatalogue.models.find((m) => m.id === d.route.modelId);
  assert.ok(top && d.route.model === top.model, `the route names a catalogue model: ${JSON.stringify(d.route)}`);
  return top.model;
}

test('a secret: the line, the signal label, the rule and where it is written', () => {
  const scan = scanOf([signal('secret', 'aws-secret-access-key', 80, 120, 3, 'AWS secret access key')]);
  const d = evaluate(balanced, scan, chat, defaultCatalogue);
  assert.equal(d.explanation,
    `Kept on the local model because line 3 contains an AWS secret access key (rule \`secrets-stay-local\`, preset \`balanced\`, presets/balanced.yaml:${lineOf('secrets-stay-local')}).`);
});

test('the default: the hosted model and why it was picked', () => {
  const d = evaluate(balanced, scanOf(), chat, defaultCatalogue);
  assert.equal(d.explanation,
    `Sent to hosted ${picked(d)} (cheapest model that fits) because no code, secrets or personal data were found (default of preset \`balanced\`).`);
});

test('a rule without a template gets Airlock\'s own sentence', () => {
  const d = evaluate(balanced, { ...scanOf(), truncated: true }, chat, defaultCatalogue);
  assert.equal(d.explanation,
    `Kept on the local model because the prompt is longer than the scan limit, so the unscanned rest counts as sensitive (rule \`unscanned-stays-local\`, preset \`balanced\`, presets/balanced.yaml:${lineOf('unscanned-stays-local')}).`);
});

test('code: share, language and the local model', () => {
  const scan = scanOf([], { share: 0.62, regions: [{ start: 0, end: 200, language: 'python', fenced: true }] });
  const d = evaluate(balanced, scan, chat, defaultCatalogue);
  assert.equal(d.explanation,
    `Kept on the local model ${picked(d)} because 62% of the prompt is Python code (rule \`code-stays-local\`, preset \`balanced\`, presets/balanced.yaml:${lineOf('code-stays-local')}).`);
});

test('placeholders without a value fall back to the generated sentence instead of printing blanks', () => {
  const p = presetWith(`  - id: env-or-secret
    description: Env files or secrets.
    when: { any: [ { path: sensitive }, { signal: { kind: secret } } ] }
    route: local
    explain: Kept here because line {line} holds {first_signal}
`);
  const viaPath = evaluate(p, scanOf(), { ...chat, filePath: 'app/.env' }, defaultCatalogue);
  assert.equal(viaPath.explanation,
    'Kept on the local model because the attached `app/.env` matches the `sensitive` paths (rule `env-or-secret`, preset `test`, presets/test.yaml:11).');
  const viaSecret = evaluate(p, scanOf([signal('secret', 'jwt', 0, 30, 2, 'JWT')]), chat, defaultCatalogue);
  assert.equal(viaSecret.explanation, 'Kept here because line 2 holds a JWT (rule `env-or-secret`, preset `test`, presets/test.yaml:11).');
});

test('{signals} counts labels; negated conditions explain what was absent; blocked quotes the message', () => {
  const p = presetWith(`  - id: bulk-pii
    description: Many findings.
    when: { signal: { kind: pii, minCount: 3 } }
    route: blocked
    message: Too much personal data.
    explain: Blocked because the prompt holds {signals}
  - id: no-secrets-out
    description: No secrets, may leave.
    when: { not: { signal: { kind: secret } } }
    route: hosted
    prefer: cheap
`);
  const pii = [signal('pii', 'email', 0, 5, 1, 'email address'), signal('pii', 'iban', 10, 30, 2, 'IBAN'), signal('pii', 'email', 40, 45, 3, 'email address')];
  assert.equal(evaluate(p, scanOf(pii), chat, defaultCatalogue).explanation,
    'Blocked because the prompt holds 2 email addresses and an IBAN (rule `bulk-pii`, preset `test`, presets/test.yaml:11).');
  const cheap = evaluate(p, scanOf(), chat, defaultCatalogue);
  assert.equal(cheap.explanation,
    `Sent to hosted ${picked(cheap)} (cheapest model that fits) because the prompt contains no secrets (rule \`no-secrets-out\`, preset \`test\`, presets/test.yaml:17).`);
});

test('redactions, citations and review are stated; values never appear', () => {
  const strict = loadPolicy('strict');
  const text = 'Reply to lena@acme.example or +49 30 1234 5678 about the contract; lena@acme.example first.';
  const at = (v: string, from = 0) => text.indexOf(v, from);
  const signals = [
    signal('pii', 'email', at('lena@'), at('lena@') + 17, 1, 'email address'),
    signal('pii', 'phone', at('+49'), at('+49') + 16, 1, 'phone number'),
    signal('domain', 'legal', at('contract'), at('contract') + 8, 1, 'legal topic'),
    signal('pii', 'email', at('lena@', 40), at('lena@', 40) + 17, 1, 'email address'),
  ];
  const d = evaluate(strict, scanOf(signals), chat, defaultCatalogue, { text });
  const line = strict.rules.find((r) => r.id === 'pii-redacted-private')?.line;
  assert.equal(d.explanation,
    `Sent to the private deployment ${picked(d)} with personal data replaced by placeholders because line 1 contains an email address (rule \`pii-redacted-private\`, preset \`strict\`, presets/strict.yaml:${line}). ` +
    'Replaced by placeholders before sending: 2 email addresses and a phone number. The answer must cite its sources. Flagged for human review.');
  assert.ok(!d.explanation.includes('lena@') && !d.explanation.includes('1234'));
});

test('articles follow the sound of acronyms', () => {
  assert.deepEqual(
    ['AWS secret access key', 'JWT', 'SSH key', 'US social security number', 'IBAN', 'email address', 'private key', 'unknown token'].map(withArticle),
    ['an AWS secret access key', 'a JWT', 'an SSH key', 'a US social security number', 'an IBAN', 'an email address', 'a private key', 'an unknown token']);
  assert.equal(describeSignals([]), '');
});
