// Replay re-decides stored records from what they keep. The oracle is the full decision path on the raw prompt: for
// every record, replaying it under strict must give the route `plan()` gives the same prompt under strict.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { loadPolicy } from '../../../daemon/policy/load';
import { replay, type ReplayReport } from '../../../daemon/policy/replay';
import { plan } from '../../../daemon/route/plan';
import { openStore } from '../../../daemon/store';
import type { DecisionRecord, RequestFacts } from '../../../protocol';
import { runAirlock } from '../../helpers/cli';

const balanced = loadPolicy('balanced');
const strict = loadPolicy('strict');
const chat: RequestFacts = { source: 'chat', interactive: true };
const token = 'ghp_' + 'Vb7Kq2Lm9Xz4Tn8Rw3Yp6Hs1Dj5Fg0Ac2Ue9';
const cases: { text: string; facts: RequestFacts }[] = [
  { text: 'What is the capital of Portugal?', facts: chat },
  { text: 'Summarise the history of the printing press in three sentences.', facts: { source: 'cli', interactive: false } },
  { text: `The workflow sets GITHUB_TOKEN=${token} and fails with 401.`, facts: chat },
  { text: 'Please write to ines.moreau@example.fr about the delay.', facts: chat },
  { text: 'function total(items) {\n  return items.reduce((n, i) => n + i.price, 0);\n}\nWhy is this slow?', facts: chat },
  { text: 'My doctor prescribed 50mg of sertraline for my diagnosis of depression; what are the side effects?', facts: chat },
  { text: 'Which columns does this export have?', facts: { source: 'chat', interactive: true, filePath: 'reports/exports/march.csv' } },
  { text: 'Explain this config.', facts: { source: 'chat', interactive: true, filePath: 'deploy/.env' } },
];
const now = new Date('2026-11-25T10:00:00Z');

async function recordsUnder(policy = balanced): Promise<DecisionRecord[]> {
  const out: DecisionRecord[] = [];
  for (const [i, c] of cases.entries()) {
    const { record } = await plan(c.text, c.facts, { policy, catalogue: defaultCatalogue, storage: 'none', now: new Date(now.getTime() + i * 1000) });
    out.push(record);
  }
  return out;
}

async function strictTargets(): Promise<string[]> {
  const out: string[] = [];
  for (const c of cases) out.push((await plan(c.text, c.facts, { policy: strict, catalogue: defaultCatalogue, storage: 'none', now })).record.route.target);
  return out;
}

test('replayed routes equal the decisions the full path takes on the raw prompts', async () => {
  const records = await recordsUnder();
  const expected = await strictTargets();
  const shouldChange = records.filter((r, i) => r.route.target !== expected[i]);
  assert.ok(shouldChange.length >= 2 && shouldChange.length < records.length, 'the sample has both changed and unchanged routes');

  const report = replay(records, strict, defaultCatalogue, { examples: 100 });
  assert.equal(report.records, records.length);
  assert.equal(report.changed, shouldChange.length);
  const replayedChanged = report.changes.flatMap((c) => c.examples.map((id) => ({ id, to: c.to, from: c.from })));
  for (const r of shouldChange) {
    const hit = replayedChanged.find((c) => c.id === r.id);
    assert.ok(hit, `record ${r.id} (${r.route.target}) is listed as changed`);
    assert.equal(hit.from, r.route.target);
    assert.equal(hit.to, expected[records.indexOf(r)]);
  }
  assert.equal(report.changes.reduce((n, c) => n + c.count, 0), report.changed);
  assert.deepEqual(report.incomplete, []);
});

test('replaying under the policy that decided changes nothing; --against replays both sides', async () => {
  const records = await recordsUnder();
  assert.equal(replay(records, balanced, defaultCatalogue).changed, 0);
  const both = replay(records, strict, defaultCatalogue, { against: balanced });
  assert.equal(both.changed, replay(records, strict, defaultCatalogue).changed);
  assert.match(both.against, /^balanced@sha256:/);
});

test('a path masked at rest is reported as something the replay cannot see', async () => {
  const facts: RequestFacts = { source: 'chat', interactive: true, filePath: 'exports/ines.moreau@example.fr.csv' };
  const { record } = await plan('Which columns are there?', facts, { policy: balanced, catalogue: defaultCatalogue, storage: 'redacted', now });
  assert.ok(!record.facts.filePath!.includes('ines.moreau'), 'the stored path is masked');
  const report = replay([record], strict, defaultCatalogue);
  assert.equal(report.incomplete.length, 1);
  assert.match(report.incomplete[0]!.lacks, /path was masked at rest/);
  assert.deepEqual(report.incomplete[0]!.examples, [record.id]);
});

test('the cost difference comes from the recorded token counts and the catalogue prices', async () => {
  const [publicRecord] = await recordsUnder();
  const record: DecisionRecord = { ...publicRecord!, tokens: { input: 1_000_000, output: 1_000_000 }, costUsd: 0.75 };
  const local = loadPolicy('local-only');
  const report = replay([record], local, defaultCatalogue);
  assert.equal(report.changed, 1);
  assert.deepEqual(report.cost, { before: 0.75, after: 0, delta: -0.75, priced: 1 });
  const unpriced = replay([{ ...record, tokens: null }], local, defaultCatalogue);
  assert.equal(unpriced.cost.priced, 0);
});

test('airlock policy replay reads the store and prints counts, changes by rule and examples', async (t) => {
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-replay-'));
  after(() => rmSync(home, { recursive: true, force: true }));
  const records = await recordsUnder();
  const store = openStore(home);
  store.appendMany(records);
  store.close();
  const env = { AIRLOCK_HOME: home };

  const json = await runAirlock(['policy', 'replay', '--policy', 'strict', '--json'], '', env);
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as ReplayReport;
  assert.equal(report.records, records.length);
  assert.equal(report.changed, replay(records, strict, defaultCatalogue).changed);

  const text = await runAirlock(['policy', 'replay', '--policy', 'strict'], '', env);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`replayed ${records.length} records under strict@sha256:`));
  assert.match(text.stdout, new RegExp(`${report.changed} would route differently`));
  const first = report.changes[0]!;
  assert.ok(text.stdout.includes(`${first.count} ${first.from} -> ${first.to} by rule ${first.rule}; e.g. ${first.examples[0]}`));

  await t.test('--since keeps only newer records', async () => {
    const since = await runAirlock(['policy', 'replay', '--policy', 'strict', '--json', '--since', records[4]!.createdAt], '', env);
    assert.equal((JSON.parse(since.stdout) as ReplayReport).records, records.length - 4);
  });
  await t.test('usage errors are coded', async () => {
    const none = await runAirlock(['policy', 'replay'], '', env);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /AIRLOCK_E_USAGE/);
    const badDate = await runAirlock(['policy', 'replay', '--policy', 'strict', '--since', 'yesterday'], '', env);
    assert.match(badDate.stderr, /AIRLOCK_E_USAGE/);
  });
});

test('a record narrowed by the client\'s class ceiling (VS Code\'s "local only" entry) replays as unchanged under its own policy', async () => {
  const { withinClass } = await import('../../../daemon/route/ceiling');
  const facts: RequestFacts = { source: 'chat', interactive: true, maxClass: 'local' };
  const { record: planned } = await plan('What is the capital of Portugal?', facts, { policy: balanced, catalogue: defaultCatalogue, storage: 'none', now });
  assert.equal(planned.route.target, 'hosted', 'the policy alone sends the public question hosted');
  const record = withinClass(planned, facts.maxClass, defaultCatalogue);
  assert.equal(record.route.target, 'local');
  const report = replay([record], balanced, defaultCatalogue);
  assert.equal(report.changed, 0, JSON.stringify(report.changes));
});
