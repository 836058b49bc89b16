import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsMore, scrollToReveal, visibleWindow } from '../../../webview/decisions/window';

test('window covers the visible rows plus overscan', () => {
  assert.deepEqual(visibleWindow(0, 480, 48, 10_000, 4), { start: 0, end: 14 });
  assert.deepEqual(visibleWindow(4800, 480, 48, 10_000, 4), { start: 96, end: 114 });
  // A partly visible row at the bottom counts.
  assert.deepEqual(visibleWindow(4810, 480, 48, 10_000, 0), { start: 100, end: 111 });
});

test('window stays within the list at both ends and for odd inputs', () => {
  assert.deepEqual(visibleWindow(479_999, 480, 48, 10_000, 4), { start: 9986, end: 10_000 });
  assert.deepEqual(visibleWindow(-50, 480, 48, 10_000, 2), { start: 0, end: 12 });
  assert.deepEqual(visibleWindow(0, 480, 48, 0), { start: 0, end: 0 });
  assert.deepEqual(visibleWindow(0, 480, 48, 3, 4), { start: 0, end: 3 });
  assert.deepEqual(visibleWindow(0, 0, 48, 100, 0), { start: 0, end: 1 });
});

test('window size does not grow with the list', () => {
  const w = visibleWindow(240_000, 700, 48, 10_000);
  const w2 = visibleWindow(240_000 * 10, 700, 48, 100_000);
  assert.equal(w.end - w.start, w2.end - w2.start);
  assert.ok(w.end - w.start < 30);
});

test('reveal scrolls only as far as needed', () => {
  assert.equal(scrollToReveal(5, 48, 0, 480), 0);
  assert.equal(scrollToReveal(10, 48, 0, 480), 48);
  assert.equal(scrollToReveal(2, 48, 480, 480), 96);
});

test('more is fetched near the end, only when the daemon has more', () => {
  assert.equal(needsMore({ start: 150, end: 185 }, 200, 20, true), true);
  assert.equal(needsMore({ start: 100, end: 150 }, 200, 20, true), false);
  assert.equal(needsMore({ start: 150, end: 200 }, 200, 20, false), false);
});
