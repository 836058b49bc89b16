// One-line Rust fragments have little besides their type syntax to go by: lifetimes, trait objects, generic types,
// integer types after a colon or `&`. Prose about Rust quotes the same syntax in backticks (single or double) and
// must stay prose. Fragments written for this test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectCode } from '../../../daemon/detect/code';

test('one-line Rust fragments whose evidence is type syntax are code', () => {
  for (const text of [
    "Arc<dyn Handler + Sync + 'static>",
    'static MAX_RETRIES: u8 = 2 * 3;',
    "fn longest<'a>(x: &'a str, y: &'a str) -> &'a str",
    "&'b mut u64   // borrowed for the whole loop\n&u16          // a shared one\n",
  ]) assert.equal(detectCode(text).isCode, true, text);
});

test('prose that names the same types in backticks, or uses "a" and "i" as words, stays prose', () => {
  for (const text of [
    'The compiler says `` `Arc<Cell<u8>>` cannot be shared between threads safely ``, which is the point of the chapter.',
    'A reference like `&\'a u64` lives as long as the lifetime it names; we will come back to it.',
    'I think a borrow is fine here, but I am not sure why the checker disagrees with me.',
  ]) assert.equal(detectCode(text).isCode, false, text);
});
