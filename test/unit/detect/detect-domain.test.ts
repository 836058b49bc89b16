import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectDomains } from '../../../daemon/detect/domain';
import { lineIndex } from '../../../daemon/detect/lines';
import { originFindings } from '../../../daemon/detect/origin';

const types = (text: string) => detectDomains(text).map((f) => f.type);

test('a strong phrase marks its domain and the span points at it', () => {
  const text = 'Quick one: what is the right dosage of amoxicillin for a 30 kg child?';
  const [finding] = detectDomains(text);
  assert.equal(finding?.type, 'medical');
  assert.equal(text.slice(finding!.start, finding!.end).toLowerCase(), 'dosage');
});

test('weak terms need an advice cue', () => {
  assert.deepEqual(types('The hospital dashboard lists each surgery by ward.'), []);
  assert.deepEqual(types('Should I stop the medication if the pain comes back?'), ['medical']);
  assert.deepEqual(types('Write a SQL query that sums loan balances per branch.'), []);
  assert.deepEqual(types('Should I pay off my loan before investing in an index fund?'), ['financial']);
});

test('legal and financial requests', () => {
  assert.deepEqual(types('Can I sue my landlord for keeping the deposit?'), ['legal']);
  assert.deepEqual(types('Is it legal to record a phone call without consent in Germany?'), ['legal']);
  assert.deepEqual(types('Should I sell my Tesla shares before earnings?'), ['financial']);
});

test('several domains in one prompt are all reported', () => {
  assert.deepEqual(types('My lawyer says the lawsuit may take years; should I sell my stocks to pay for it?').sort(), ['financial', 'legal']);
});

test('ordinary engineering prompts carry no domain', () => {
  for (const text of ['Refactor this function to use async/await.', 'Explain how the borrow checker treats closures.', 'Why does my Docker build cache miss?']) {
    assert.deepEqual(types(text), [], text);
  }
});

test('lineIndex gives 1-based lines and columns', () => {
  const at = lineIndex('ab\ncd\n\nef');
  assert.deepEqual(at(0), { line: 1, column: 1 });
  assert.deepEqual(at(3), { line: 2, column: 1 });
  assert.deepEqual(at(4), { line: 2, column: 2 });
  assert.deepEqual(at(7), { line: 4, column: 1 });
  assert.deepEqual(lineIndex('')(0), { line: 1, column: 1 });
});

test('origin findings: parts are clamped to the text, a bare file path covers everything', () => {
  const parts = originFindings(10, { source: 'chat', interactive: true, parts: [{ origin: 'selection', path: 'src/.env', start: 4, end: 99 }] });
  assert.deepEqual(parts.map((f) => [f.type, f.start, f.end, f.label]), [['selection', 4, 10, 'selection from src/.env']]);
  const file = originFindings(7, { source: 'command', interactive: true, filePath: 'config/secrets/prod.yaml' });
  assert.deepEqual(file.map((f) => [f.type, f.start, f.end]), [['file', 0, 7]]);
  assert.deepEqual(originFindings(5, { source: 'cli', interactive: false }), []);
});

test('regulatory compliance questions count as legal', () => {
  assert.deepEqual(types('Under HIPAA, must we encrypt backups that hold patient names?'), ['legal']);
  assert.deepEqual(types('The GDPR module exports a data class.'), []);
});
