// Long runs of adjacent findings of one type become one signal with a count (detect/coalesce.ts): the record stays
// small, the redaction covers every character each finding covered, and policy conditions still count findings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scan } from '../../../daemon/detect';
import { COALESCE_MIN_RUN, coalesceRuns } from '../../../daemon/detect/coalesce';
import type { Finding } from '../../../daemon/detect/finding';
import { detectPii } from '../../../daemon/detect/pii';
import { detectSecrets } from '../../../daemon/detect/secrets';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { evaluate } from '../../../daemon/policy/evaluate';
import { planRedactions } from '../../../daemon/policy/redact';
import { applyRedactions } from '../../../daemon/route/redact';
import type { RequestFacts } from '../../../protocol';
import { hostileText } from '../../helpers/hostile';
import { presetWith } from '../policy/policy-helpers';

const facts: RequestFacts = { source: 'chat', interactive: true };
const email = (start: number, end: number): Finding => ({ kind: 'pii', type: 'email', start, end, detector: 'airlock/pii', label: 'e-mail address', confidence: 0.9 });

/** Every character some finding covers. */
const covered = (findings: readonly { start: number; end: number }[]): Set<number> => {
  const out = new Set<number>();
  for (const f of findings) for (let i = f.start; i < f.end; i++) out.add(i);
  return out;
};

test('a dense prompt gives a few signals with counts, covering every character its findings cover', async () => {
  for (const [unit, detect] of [['Anna ', async (t: string) => detectPii(t)], ['xoxb-1-a ', detectSecrets], ['Viale\n', async (t: string) => detectPii(t)]] as const) {
    const text = hostileText(unit, 20_000);
    const findings = await detect(text);
    assert.ok(findings.length >= COALESCE_MIN_RUN * 10, `${JSON.stringify(unit)}: ${findings.length} findings`);
    const { signals } = await scan(text, facts);
    const dense = signals.filter((s) => s.kind === findings[0]!.kind);
    assert.ok(dense.length <= 3, `${JSON.stringify(unit)}: ${dense.length} signals`);
    assert.equal(dense.reduce((n, s) => n + (s.count ?? 1), 0), findings.length, 'the counts add up to the findings');
    const spans = covered(dense);
    for (const i of covered(findings)) assert.ok(spans.has(i), `${JSON.stringify(unit)}: character ${i} not covered`);
    // Redacted, nothing of a finding is left: the text sent holds placeholders and separators only.
    const sent = applyRedactions(text, planRedactions(signals, ['pii', 'secret'], text));
    assert.ok(sent.length < 200, sent.slice(0, 200));
  }
});

test('short runs, and runs broken by a word, stay one signal per finding', () => {
  const list = Array.from({ length: COALESCE_MIN_RUN - 1 }, (_, i) => `u${String(i).padStart(3, '0')}@example.com`).join(', ');
  const findings = [...list.matchAll(/\S+@example\.com/g)].map((m) => email(m.index, m.index + m[0].length));
  assert.equal(coalesceRuns(list, findings).length, findings.length, 'one short of a run');
  const worded = findings.concat(findings.map((f) => email(f.start + list.length + 5, f.end + list.length + 5)));
  const text = `${list} and ${list}`.replace(/, /g, ' or ');
  assert.equal(coalesceRuns(text, worded).length, worded.length, 'a word between findings breaks a run');
  const long = `${list}, ${list}`;
  const both = findings.concat(findings.map((f) => email(f.start + list.length + 2, f.end + list.length + 2)));
  const [one, ...rest] = coalesceRuns(long, both);
  assert.deepEqual(rest, []);
  assert.deepEqual(one, { ...email(0, long.length), count: both.length });
});

test('minCount counts the findings a merged signal stands for', async () => {
  const policy = presetWith(`  - id: bulk-names
    description: Many names stay local.
    when: { signal: { kind: pii, type: [person-name], minCount: 200 } }
    route: local
`);
  const text = hostileText('Anna ', 4000);
  const names = detectPii(text).length;
  assert.ok(names >= 200, `${names} names: enough for the rule`);
  const result = await scan(text, facts);
  assert.ok(result.signals.length < 200, `${result.signals.length} signals`);
  const decision = evaluate(policy, result, facts, defaultCatalogue);
  assert.equal(decision.rule.id, 'bulk-names');
  assert.match(decision.explanation, new RegExp(`and ${names - 1} more`));
});
