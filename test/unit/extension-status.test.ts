// The status bar's "last request" never names a route that produced no answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastRequestLabel } from '../../extension/describe';
import { makeRecord } from './fixtures/records';

test('the last request shows its route only when it answered', () => {
  assert.equal(lastRequestLabel(makeRecord('public-hosted', 0, { status: 'ok' })), 'HOSTED openai/gpt-4o-mini');
  assert.equal(lastRequestLabel(makeRecord('public-hosted', 0, { status: 'error' })), 'last request failed');
  assert.equal(lastRequestLabel(makeRecord('public-hosted', 0, { status: 'cancelled' })), 'last request cancelled');
  assert.equal(lastRequestLabel(makeRecord('pii-blocked', 0)), 'BLOCKED');
});
