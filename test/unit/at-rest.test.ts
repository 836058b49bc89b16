// route/at-rest.ts: the masking of what the audit log keeps of a request, field by field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestFacts } from '../../protocol';
import { maskQuoted, maskStrings, storedFacts } from '../../daemon/route/at-rest';

const TOKEN = 'ghp_Q3vK9mX2pL7wR4tN8sB1cF6hJ0dG5yZ2aE7u';

test('each string is masked where the one scan found something in it; clean strings are left out', async () => {
  const masked = await maskStrings(['plain words', `see ${TOKEN} now`, 'mail ann@example.org', ''], 'redacted');
  assert.deepEqual([...masked.keys()], [`see ${TOKEN} now`, 'mail ann@example.org']);
  assert.equal(masked.get(`see ${TOKEN} now`), 'see [SECRET_1] now');
  assert.equal(masked.get('mail ann@example.org'), 'mail [EMAIL_1]');
  // `full` keeps personal data, never secrets: the same rule as the stored prompt.
  const full = await maskStrings([`see ${TOKEN}`, 'mail ann@example.org'], 'full');
  assert.deepEqual([...full.values()], ['see [SECRET_1]']);
});

test('a finding never spills into the neighbouring field', async () => {
  // Offsets of the joined scan map back to each field: a later field is masked at its own positions.
  const masked = await maskStrings(['api_key =', TOKEN, 'tail'], 'redacted');
  assert.equal(masked.get(TOKEN), '[SECRET_1]');
  assert.equal(masked.has('tail'), false);
});

test('every string in the facts is covered, whatever field it sits in; the original is not changed', async () => {
  const facts = { source: 'api', interactive: true, rag: { index: 'docs', sources: [`https://x.example/?t=${TOKEN}`] }, future: { note: TOKEN } } as RequestFacts & { future: { note: string } };
  const stored = await storedFacts(facts, 'none', [`req-${TOKEN}`]);
  assert.ok(!JSON.stringify(stored.facts).includes(TOKEN));
  assert.deepEqual(stored.facts.rag, { index: 'docs', sources: ['https://x.example/?t=[SECRET_1]'] });
  assert.equal(facts.future.note, TOKEN);
  assert.equal(stored.quote(`request req-${TOKEN} done`), 'request req-[SECRET_1] done');
  assert.equal(stored.quote(`from https://x.example/?t=${TOKEN}`), 'from https://x.example/?t=[SECRET_1]');
});

test('quoting replaces the longest raw value first', () => {
  const map = new Map([['abc', '[A]'], ['abcdef', '[B]']]);
  assert.equal(maskQuoted('x abcdef y abc', map), 'x [B] y [A]');
});
