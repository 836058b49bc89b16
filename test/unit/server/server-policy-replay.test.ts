// policy/replay through a real airlockd: the stored records re-decided under another allowed preset, the same answer
// the CLI's `policy replay` gives on the same store, refused for a file outside the allowed sources, allowed (read
// only) when the policy is locked; chunked replays merge to the whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPolicy } from '../../../daemon/policy/load';
import { replay } from '../../../daemon/policy/replay';
import { mergeReports } from '../../../daemon/server/handlers/policy-replay';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { AirlockError, type DecisionRecord } from '../../../protocol';
import { runAirlock } from '../../helpers/cli';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true };
const refused = (code: string) => (e: unknown) => e instanceof AirlockError && e.code === code;

test('policy/replay answers "what would change if I switched" from the stored records, as the CLI does', { timeout: 60_000 }, async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims, 'balanced', 'lockPolicy: true\n'), env: SIM_KEYS });
  const client = await d.client();
  const ids: string[] = [];
  for (const [i, text] of ['What does HTTP 418 mean?', 'Summarise the history of the printing press.', 'Contact me at ada.lovelace@example.org about the invoice.'].entries()) {
    ids.push((await client.request('chat/send', { requestId: `r${i}`, text, facts })).record.id);
  }

  const report = await client.request('policy/replay', { policy: 'local-only', days: 30 });
  assert.equal(report.records, 3);
  assert.ok(report.changed >= 2, JSON.stringify(report));
  const toLocal = report.changes.filter((c) => c.to === 'local').reduce((n, c) => n + c.count, 0);
  assert.equal(toLocal, report.changed, 'local-only sends everything that moved to local');
  for (const c of report.changes) assert.ok(c.examples.every((id) => ids.includes(id)), 'examples are record ids, one click away');
  assert.ok(!Number.isNaN(Date.parse(report.since)));

  const cli = await runAirlock(['policy', 'replay', '--policy', 'local-only', '--json'], '', { AIRLOCK_HOME: d.home });
  assert.equal(cli.code, 0, cli.stderr);
  const fromCli = JSON.parse(cli.stdout) as typeof report;
  assert.deepEqual({ records: report.records, changed: report.changed, changes: report.changes }, { records: fromCli.records, changed: fromCli.changed, changes: fromCli.changes });

  assert.equal((await client.request('policy/replay', { policy: 'balanced' })).changed, 0, 'the active preset changes nothing');
  await assert.rejects(client.request('policy/replay', { policy: '/etc/passwd' }), refused('AIRLOCK_E_POLICY_NOT_ALLOWED'));
  assert.equal((await client.request('policy/get', {})).name, 'balanced', 'a replay switches nothing');
});

test('chunked replays merge to the same report as one replay', () => {
  const at = (i: number) => `2026-11-2${i % 9}T10:00:00.000Z`;
  const base = (i: number, target: 'hosted' | 'local', signal?: DecisionRecord['signals'][number]): DecisionRecord => ({
    version: 1, id: `0190a0a0-0000-7000-8000-${String(i).padStart(12, '0')}`, createdAt: at(i),
    policy: { name: 'balanced', version: '1', hash: 'a'.repeat(64), file: 'presets/balanced.yaml' }, facts,
    prompt: { chars: 40, storage: 'none' }, signals: signal ? [signal] : [], code: { isCode: false, language: null, share: 0, regions: [] }, redactions: [],
    route: { target, provider: target === 'local' ? 'ollama' : 'openai', model: 'm', modelId: target === 'local' ? 'ollama/llama3.2' : 'openai/gpt-4o-mini', region: null, retentionDays: null, noTraining: null, requiredCapabilities: [], prefer: 'cheap', escalated: false, candidates: [] },
    rule: { id: 'default', preset: 'balanced', file: 'presets/balanced.yaml', line: 0 }, explanation: '', matchedRules: [], requireCitations: false,
    review: { required: false, reasons: [] }, attempts: [], fallbacks: 0, latencyMs: 1, firstTokenMs: 1, tokens: { input: 100 + i, output: 50 }, costUsd: 0, outputFilters: [], status: 'ok',
  });
  const records = Array.from({ length: 25 }, (_, i) => base(i, i % 3 ? 'hosted' : 'local', i % 4 === 0 ? { kind: 'pii', type: 'email', start: 0, end: 5, line: 1, column: 1, detector: 'test', label: 'email address', confidence: 1 } : undefined));
  const policy = loadPolicy('local-only');
  const whole = replay(records, policy, defaultCatalogue, { examples: 3 });
  const parts = [records.slice(0, 7), records.slice(7, 19), records.slice(19)].map((chunk) => replay(chunk, policy, defaultCatalogue, { examples: 3 }));
  const merged = parts.slice(1).reduce(mergeReports, parts[0]!);
  assert.deepEqual({ ...merged, cost: undefined }, { ...whole, cost: undefined });
  for (const k of ['before', 'after', 'delta', 'priced'] as const) assert.ok(Math.abs(merged.cost[k] - whole.cost[k]) < 1e-9, k);
});
