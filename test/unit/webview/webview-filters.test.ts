import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionQuerySchema } from '../../../protocol/methods';
import { EMPTY_FILTERS, filtersToQuery, isFiltered, matchesFilters, type Filters } from '../../../webview/decisions/filters';
import { makeRecord } from '../../helpers/records';

const f = (patch: Partial<Filters>): Filters => ({ ...EMPTY_FILTERS, ...patch });

test('empty filters ask only for a page', () => {
  assert.deepEqual(filtersToQuery(EMPTY_FILTERS), { limit: 200 });
  assert.equal(isFiltered(EMPTY_FILTERS), false);
  assert.equal(isFiltered(f({ text: '   ' })), false);
});

test('each filter becomes its query field, trimmed; the cursor pages', () => {
  const q = filtersToQuery(f({ target: 'blocked', rule: ' block-identity-documents ', provider: 'openai', signalType: 'email', needsReview: true, text: ' passport ' }), 'cursor-1', 50);
  assert.deepEqual(q, { limit: 50, before: 'cursor-1', target: 'blocked', rule: 'block-identity-documents', provider: 'openai', signalType: 'email', needsReview: true, text: 'passport' });
  assert.equal(decisionQuerySchema.safeParse(q).success, true);
});

test('search text is cut to what the daemon accepts', () => {
  const q = filtersToQuery(f({ text: 'x'.repeat(2000) }));
  assert.equal(q.text?.length, 512);
  assert.equal(decisionQuerySchema.safeParse(q).success, true);
});

test('live records are matched with the same filters', () => {
  const secret = makeRecord('secret-local');
  const medical = makeRecord('medical-review');
  assert.equal(matchesFilters(secret, EMPTY_FILTERS), true);
  assert.equal(matchesFilters(secret, f({ target: 'local' })), true);
  assert.equal(matchesFilters(secret, f({ target: 'hosted' })), false);
  assert.equal(matchesFilters(secret, f({ signalType: 'aws-secret-access-key' })), true);
  assert.equal(matchesFilters(secret, f({ signalType: 'email' })), false);
  assert.equal(matchesFilters(secret, f({ provider: 'ollama', rule: 'secrets-stay-local' })), true);
  assert.equal(matchesFilters(secret, f({ needsReview: true })), false);
  assert.equal(matchesFilters(medical, f({ needsReview: true })), true);
  assert.equal(matchesFilters(medical, f({ text: 'CITATIONS' })), true);
  assert.equal(matchesFilters(medical, f({ text: 'passport' })), false);
});
