// Conversation placeholders and the streaming restorer.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { test } from 'node:test';
import type { Redaction } from '../../../protocol';
import { PlaceholderBook, redactPrompt } from '../../../daemon/route/redact';
import { createRestorer } from '../../../daemon/route/restore';

const KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const EMAIL = 'dana.kowalski@northwind.io';

function span(text: string, value: string, kind: Redaction['kind'], type: string, placeholder: string, from = 0): Redaction {
  const start = text.indexOf(value, from);
  assert.ok(start >= 0, `${value} in text`);
  return { kind, type, start, end: start + value.length, placeholder };
}

test('planned spans become placeholders; the text sent holds no value', () => {
  const text = `Mail ${EMAIL} the key ${KEY} today`;
  const planned = [span(text, EMAIL, 'pii', 'email', '[EMAIL_1]'), span(text, KEY, 'secret', 'aws-secret-access-key', '[SECRET_1]')];
  const out = redactPrompt(text, planned, new PlaceholderBook());
  assert.equal(out.text, 'Mail [EMAIL_1] the key [SECRET_1] today');
  assert.deepEqual(out.redactions.map((r) => r.placeholder), ['[EMAIL_1]', '[SECRET_1]']);
});

test('the same value keeps its placeholder across turns; new values get the next number per prefix', () => {
  const book = new PlaceholderBook();
  const turn1 = `key ${KEY}`;
  redactPrompt(turn1, [span(turn1, KEY, 'secret', 'aws-secret-access-key', '[SECRET_1]')], book);
  // Turn 2's planner numbers from 1 again; the book keeps the conversation's numbering.
  const other = 'ghp_R2d4Xk9mPq7LwZs3Vb8Nc1Hj6Ty5Ue0Ia4Kf';
  const turn2 = `new token ${other}, old key ${KEY}, mail ${EMAIL}`;
  const planned = [
    span(turn2, other, 'secret', 'github-token', '[SECRET_1]'),
    span(turn2, KEY, 'secret', 'aws-secret-access-key', '[SECRET_2]'),
    span(turn2, EMAIL, 'pii', 'email', '[EMAIL_1]'),
  ];
  const out = redactPrompt(turn2, planned, book);
  assert.equal(out.text, 'new token [SECRET_2], old key [SECRET_1], mail [EMAIL_1]');
  assert.equal(book.size, 3);
});

test('a value the book learnt earlier is masked even where this turn did not flag it', () => {
  const book = new PlaceholderBook();
  const turn1 = `password is ${KEY}`;
  redactPrompt(turn1, [span(turn1, KEY, 'secret', 'generic', '[SECRET_1]')], book);
  assert.equal(redactPrompt(`again: ${KEY}!`, [], book).text, 'again: [SECRET_1]!');
});

test('the book never shows its values in JSON or inspect output', () => {
  const book = new PlaceholderBook();
  book.placeholderFor('SECRET', KEY);
  assert.equal(JSON.stringify({ book }), '{"book":{"placeholders":1}}');
  assert.ok(!inspect(book).includes(KEY));
  assert.ok(!inspect({ nested: book }, { depth: 5 }).includes(KEY));
});

function restoreStream(book: PlaceholderBook, chunks: string[]): { out: string; pushes: string[] } {
  const restorer = createRestorer(book);
  const pushes = chunks.map((c) => restorer.push(c));
  return { out: pushes.join('') + restorer.flush(), pushes };
}

test('restore: placeholders split across chunks come back as the values', () => {
  const book = new PlaceholderBook();
  book.placeholderFor('SECRET', KEY);
  book.placeholderFor('EMAIL', EMAIL);
  const { out, pushes } = restoreStream(book, ['Use [SEC', 'RET_1] and write to [', 'EMAIL_', '1', '] now']);
  assert.equal(out, `Use ${KEY} and write to ${EMAIL} now`);
  // Nothing of a partial placeholder leaks out early.
  assert.equal(pushes[0], 'Use ');
  assert.equal(pushes[1], `${KEY} and write to `);
  assert.equal(pushes[2], '');
});

test('restore: unknown placeholders and ordinary brackets pass through unchanged', () => {
  const book = new PlaceholderBook();
  book.placeholderFor('SECRET', KEY);
  const { out } = restoreStream(book, ['arr[0] and [SECRET_9] and [TODO', '] and [SECRET_', '1]']);
  assert.equal(out, `arr[0] and [SECRET_9] and [TODO] and ${KEY}`);
});

test('restore: a held partial placeholder is flushed as-is at the end', () => {
  const book = new PlaceholderBook();
  book.placeholderFor('SECRET', KEY);
  const { out, pushes } = restoreStream(book, ['cut off at [SECRET']);
  assert.equal(pushes[0], 'cut off at ');
  assert.equal(out, 'cut off at [SECRET');
});

test('restore: a long run after "[" is not held forever', () => {
  const restorer = createRestorer(new PlaceholderBook());
  const long = `[${'A'.repeat(100)}`;
  assert.equal(restorer.push(long), long);
});

test('a name the book knows is masked as a whole word only; other values wherever they occur', () => {
  const book = new PlaceholderBook();
  book.placeholderFor('PERSON_NAME', 'Ann');
  book.placeholderFor('SECRET', KEY);
  assert.equal(book.mask(`Ann's Annual report, Ann. key=${KEY}x`), "[PERSON_NAME_1]'s Annual report, [PERSON_NAME_1]. key=[SECRET_1]x");
});
