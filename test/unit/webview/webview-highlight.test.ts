import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segments, spansInStoredText } from '../../../webview/decisions/highlight';
import { makeRecord } from '../../helpers/records';

test('full text: spans apply as they are', () => {
  const r = makeRecord('public-hosted', 0, { prompt: { chars: 22, storage: 'full', text: 'mail bob@example.com x' } });
  assert.deepEqual(spansInStoredText(r, [{ start: 5, end: 20 }]), [{ start: 5, end: 20 }]);
});

test('redacted text: spans shift past placeholders and snap onto them', () => {
  const original = 'key=AKIAABCDEFGHIJKLMNOP mail=jo@x.io end';
  const stored = 'key=[SECRET_1] mail=[EMAIL_1] end';
  const r = makeRecord('secret-local', 0, {
    prompt: { chars: original.length, storage: 'redacted', text: stored },
    redactions: [
      { kind: 'pii', type: 'email', start: 30, end: 37, placeholder: '[EMAIL_1]' },
      { kind: 'secret', type: 'aws-access-key-id', start: 4, end: 24, placeholder: '[SECRET_1]' },
    ],
  });
  const mapped = spansInStoredText(r, [{ start: 4, end: 24 }, { start: 30, end: 37 }, { start: 38, end: 41 }, { start: 10, end: 12 }]);
  assert.ok(mapped);
  const [secret, email, end, inside] = mapped;
  assert.equal(stored.slice(secret!.start, secret!.end), '[SECRET_1]');
  assert.equal(stored.slice(email!.start, email!.end), '[EMAIL_1]');
  assert.equal(stored.slice(end!.start, end!.end), 'end');
  assert.equal(stored.slice(inside!.start, inside!.end), '[SECRET_1]');
});

test('no highlight when the text is absent or its length does not match the record', () => {
  assert.equal(spansInStoredText(makeRecord('pii-blocked'), [{ start: 0, end: 3 }]), null);
  const r = makeRecord('public-hosted', 0, { prompt: { chars: 99, storage: 'full', text: 'short' } });
  assert.equal(spansInStoredText(r, [{ start: 0, end: 3 }]), null);
});

test('segments cut at every edge and list the covering spans', () => {
  assert.deepEqual(segments('abcdefgh', [{ start: 2, end: 5 }, { start: 4, end: 7 }]), [
    { text: 'ab', marks: [] },
    { text: 'cd', marks: [0] },
    { text: 'e', marks: [0, 1] },
    { text: 'fg', marks: [1] },
    { text: 'h', marks: [] },
  ]);
  assert.deepEqual(segments('abc', [{ start: 2, end: 9 }, { start: 1, end: 1 }]), [{ text: 'abc', marks: [] }]);
  assert.deepEqual(segments('', []), []);
});
