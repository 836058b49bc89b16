import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { loadPolicy } from '../../../daemon/policy/load';
import { plan, storageFor } from '../../../daemon/route/plan';
import { applyRedactions } from '../../../daemon/route/redact';
import type { PromptStorage, RequestFacts } from '../../../protocol';

const balanced = loadPolicy('balanced');
const strict = loadPolicy('strict');
const facts: RequestFacts = { source: 'chat', interactive: true, userTier: 'pro', task: 'debug', tools: [], rag: { index: 'runbooks', sources: ['runbooks/payments.md'] } };
const token = 'ghp_' + 'Vb7Kq2Lm9Xz4Tn8Rw3Yp6Hs1Dj5Fg0Ac2Ue9';
const prompt = `Our CI fails with 401.\nThe workflow sets GITHUB_TOKEN=${token}\nPing ines.moreau@example.fr when fixed.`;

const at = (iso: string) => new Date(iso);
const planWith = (storage: PromptStorage, policy = balanced, now = at('2026-11-25T10:00:00Z')) => plan(prompt, facts, { policy, catalogue: defaultCatalogue, storage, now });

test('the stored prompt never holds the secret; PII is kept only with storage full', async () => {
  const none = (await planWith('none')).record;
  assert.equal(none.prompt.text, undefined);
  assert.equal(none.prompt.chars, prompt.length);

  const redacted = (await planWith('redacted')).record;
  assert.ok(!redacted.prompt.text!.includes(token));
  assert.ok(!redacted.prompt.text!.includes('ines.moreau@example.fr'));
  assert.match(redacted.prompt.text!, /GITHUB_TOKEN=\[SECRET_1\]/);
  assert.match(redacted.prompt.text!, /Ping \[EMAIL_1\] when fixed/);

  const full = (await planWith('full')).record;
  assert.ok(!full.prompt.text!.includes(token));
  assert.ok(full.prompt.text!.includes('ines.moreau@example.fr'));
  assert.ok(!JSON.stringify(full).includes(token), 'no field of the record holds the secret');
});

test('the record carries the decision, the facts and what later stages fill', async () => {
  const { record } = await planWith('redacted', strict);
  assert.match(record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUIDv7');
  assert.equal(record.createdAt, '2026-11-25T10:00:00.000Z');
  assert.equal(record.policy.name, 'strict');
  assert.match(record.policy.hash, /^[0-9a-f]{64}$/);
  assert.equal(record.route.target, 'local');
  assert.equal(record.rule.id, 'secrets-stay-local');
  assert.ok(record.rule.line > 0);
  assert.equal(record.status, 'planned');
  assert.deepEqual([record.attempts, record.fallbacks, record.tokens, record.costUsd, record.latencyMs], [[], 0, null, null, null]);
  // The seed record's fields: user tier, task, RAG sources and tools travel as facts.
  assert.deepEqual([record.facts.userTier, record.facts.task, record.facts.rag?.index], ['pro', 'debug', 'runbooks']);
  assert.ok(record.signals.some((s) => s.kind === 'pii' && s.type === 'email' && s.line === 3));
});

test('ids sort by creation time', async () => {
  const first = (await planWith('none', balanced, at('2026-11-25T10:00:00Z'))).record.id;
  const second = (await planWith('none', balanced, at('2026-11-25T10:00:01Z'))).record.id;
  assert.ok(first < second);
});

test('a blocked decision is recorded as blocked with the preset message', async () => {
  const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK', '-----END RSA PRIVATE KEY-----'].join('\n');
  const { record } = await plan(`Is this key format right?\n${pem}`, facts, { policy: strict, catalogue: defaultCatalogue, storage: 'redacted', now: at('2026-11-25T10:00:00Z') });
  assert.equal(record.route.target, 'blocked');
  assert.equal(record.status, 'blocked');
  assert.equal(record.error?.code, 'AIRLOCK_E_BLOCKED');
  assert.equal(record.rule.id, 'private-keys-blocked');
  // The user sees the preset's own remedy, word for word.
  assert.equal(record.error!.message, strict.rules.find((r) => r.id === 'private-keys-blocked')!.message);
  assert.match(record.error!.message, /Remove the private key/);
  assert.ok(!record.prompt.text!.includes('MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun'));
});

test('applyRedactions replaces spans in order and leaves the rest', () => {
  const text = 'a=SECRET b=mail@x.io c=SECRET';
  const out = applyRedactions(text, [
    { kind: 'secret', type: 'generic', start: 23, end: 29, placeholder: '[SECRET_1]' },
    { kind: 'secret', type: 'generic', start: 2, end: 8, placeholder: '[SECRET_1]' },
    { kind: 'pii', type: 'email', start: 11, end: 20, placeholder: '[EMAIL_1]' },
  ]);
  assert.equal(out, 'a=[SECRET_1] b=[EMAIL_1] c=[SECRET_1]');
  assert.equal(applyRedactions(text, []), text);
});

test('a client may keep less of the prompt than the daemon is configured for, never more', () => {
  assert.equal(storageFor('full', 'none'), 'none');
  assert.equal(storageFor('full', 'redacted'), 'redacted');
  assert.equal(storageFor('redacted', 'full'), 'redacted');
  assert.equal(storageFor('none', 'full'), 'none');
  assert.equal(storageFor('redacted', undefined), 'redacted');
});
