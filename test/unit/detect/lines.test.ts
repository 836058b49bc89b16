// positioned() gives each finding its line and column in one walk over the text; lineIndex() answers one offset at
// a time by binary search. They must agree at every offset, line breaks included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../daemon/detect/finding';
import { lineIndex, positioned } from '../../../daemon/detect/lines';

const finding = (start: number, confidence?: number): Finding => ({
  kind: 'pii', type: 'email', start, end: start + 1, detector: 'test', label: 'e-mail address', ...(confidence === undefined ? {} : { confidence }),
});

test('positioned agrees with lineIndex at every offset, on breaks, blank lines and CRLF', () => {
  const text = 'ab\n\ncd\r\nef\n\n\ng';
  const findings = Array.from({ length: text.length + 1 }, (_, i) => finding(i));
  const position = lineIndex(text);
  const signals = positioned(text, findings);
  assert.deepEqual(signals.map((s) => [s.line, s.column]), findings.map((f) => { const p = position(f.start); return [p.line, p.column]; }));
  assert.deepEqual(signals[7], { ...findings[7], line: 3, column: 4 }, 'the \\n of a CRLF is on its line');
});

test('positioned keeps every field of a finding, and confidence only where the finding has one', () => {
  const [a, b] = positioned('x\ny', [finding(0, 0.9), finding(2)]);
  assert.deepEqual(a, { ...finding(0, 0.9), line: 1, column: 1 });
  assert.deepEqual(b, { ...finding(2), line: 2, column: 1 });
  assert.equal('confidence' in b!, false);
});
