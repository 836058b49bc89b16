// `policy diff` names every kind of change between two presets in the summary's words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffPolicies } from '../../../daemon/policy/diff';
import { loadPolicy, parsePolicy } from '../../../daemon/policy/load';
import { runAirlock } from '../../helpers/cli';
import { PRESET_HEADER, presetWith } from './policy-helpers';

const rule = (id: string, when: string, then: string) => `  - id: ${id}\n    description: ${id}\n    when: ${when}\n${then}`;
const secrets = rule('secrets-local', '{ signal: { kind: secret } }', '    route: local\n');
const pii = rule('pii-local', '{ signal: { kind: pii } }', '    route: local\n');
const code = rule('code-private', '{ code: { minShare: 0.3 } }', '    route: private\n');

test('an identical preset has no differences', () => {
  assert.deepEqual(diffPolicies(presetWith(secrets + pii), presetWith(secrets + pii)), []);
});

test('added, removed, moved, condition, action and default changes are each named in plain words', () => {
  const a = presetWith(secrets + pii + code);
  const b = presetWith(
    rule('pii-local', '{ signal: { kind: pii, type: [email] } }', '    route: private\n    redact: [pii]\n') + secrets + rule('tools', '{ tools: true }', '    route: hosted\n    require: [tools]\n'),
    'default:\n  route: private\n',
  );
  const lines = diffPolicies(a, b);
  const byKind = (k: string) => lines.filter((l) => l.kind === k).map((l) => l.text);
  assert.deepEqual(byKind('added'), ['rule tools added (after rule secrets-local): When the request uses tools: allow hosted models and require tools.']);
  assert.deepEqual(byKind('removed'), ['rule code-private removed (was: When the prompt contains code making up at least 30% of it: send it at most to a private deployment.)']);
  assert.deepEqual(byKind('moved'), [
    'rule pii-local moved from position 2 to 1: it now runs earlier than before',
    'rule secrets-local moved from position 1 to 2: it now runs later than before',
  ]);
  assert.deepEqual(byKind('condition'), ['rule pii-local condition: when the prompt contains personal data -> when the prompt contains personal data of type email']);
  assert.deepEqual(byKind('action'), ['rule pii-local action: keep it on a local model -> send it at most to a private deployment and replace pii with placeholders']);
  assert.deepEqual(byKind('default'), ['default: hosted -> private when no rule decides']);
});

test('known words added or removed are named: each is a word the sweep no longer counts as possibly personal', () => {
  const a = parsePolicy(`${PRESET_HEADER}knownWords: [Zorbix, acmectl]\nrules: []\ndefault:\n  route: hosted\n`, 'presets/a.yaml');
  const b = parsePolicy(`${PRESET_HEADER}knownWords: [zorbix, Okwuosa]\nrules: []\ndefault:\n  route: hosted\n`, 'presets/b.yaml');
  assert.deepEqual(diffPolicies(a, b).map((l) => [l.kind, l.text]), [
    ['words', 'known words added (no longer swept as possible names): okwuosa'],
    ['words', 'known words removed: acmectl'],
  ]);
});

test('an inserted rule does not make the rules after it "moved"', () => {
  const lines = diffPolicies(presetWith(secrets + pii), presetWith(code + secrets + pii));
  assert.deepEqual(lines.map((l) => l.kind), ['added']);
});

test('airlock policy diff compares shipped presets and files', async () => {
  const run = await runAirlock(['policy', 'diff', 'balanced', 'strict']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^--- balanced@sha256:[0-9a-f]{64}\n\+\+\+ strict@sha256:/);
  const expected = diffPolicies(loadPolicy('balanced'), loadPolicy('strict'));
  assert.ok(expected.length > 3);
  for (const line of expected) assert.ok(run.stdout.includes(line.text), line.text);
  const json = await runAirlock(['policy', 'diff', 'strict', 'strict', '--json']);
  assert.deepEqual(JSON.parse(json.stdout).changes, []);
  const usage = await runAirlock(['policy', 'diff', 'strict']);
  assert.match(usage.stderr, /AIRLOCK_E_USAGE/);
});
