// Issue 16 / 15 §4: `explain`, `scan` and `policy test` read the daemon's config (same reader, same file) for the
// policy and the catalogue, and say which config they used.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { DecisionRecord } from '../../../protocol';
import { runAirlock } from '../../helpers/cli';

const scratch = mkdtempSync(path.join(tmpdir(), 'airlock-cli-config-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const QUESTION = 'What is the difference between TCP and UDP?';

/** A home whose config.yaml holds `config`; returns the env a user of that home has. */
function home(config: string): { env: NodeJS.ProcessEnv; file: string } {
  const dir = mkdtempSync(path.join(scratch, 'home-'));
  const file = path.join(dir, 'config.yaml');
  writeFileSync(file, config);
  return { env: { AIRLOCK_HOME: dir }, file };
}

// Two models only, neither in the built-in catalogue.
const CATALOGUE = `providers:
  - { name: lab, kind: ollama, baseUrl: "http://127.0.0.1:11434" }
  - { name: acme, kind: openai, baseUrl: "https://llm.acme.example/v1", apiKeyEnv: ACME_KEY }
models:
  - { id: lab/tiny, provider: lab, model: "tiny:1b", class: local, capabilities: [tools, json], contextWindow: 8192, price: { inputPerMTok: 0, outputPerMTok: 0 }, latencyMs: 100, tier: 1, terms: { region: local, retentionDays: 0, noTraining: true } }
  - { id: acme/big, provider: acme, model: big, class: hosted, capabilities: [tools, json], contextWindow: 128000, price: { inputPerMTok: 1, outputPerMTok: 1 }, latencyMs: 500, tier: 5, terms: { region: us, retentionDays: 30, noTraining: true } }
`;

test('explain plans with the config\'s policy (local-only keeps a public question local) and says which config', async () => {
  const { env, file } = home('policy: local-only\n');
  const run = await runAirlock(['explain', QUESTION], '', env);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Route: +local/);
  assert.match(run.stdout, new RegExp(`Config: +${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; catalogue of 9 models; policy local-only from the config`));
});

test('explain --json uses the config\'s catalogue; the record stays alone on stdout, the config line goes to stderr', async () => {
  const { env, file } = home(`policy: balanced\n${CATALOGUE}`);
  const run = await runAirlock(['explain', '--json', QUESTION], '', env);
  assert.equal(run.code, 0, run.stderr);
  const record = JSON.parse(run.stdout) as DecisionRecord;
  assert.deepEqual(record.route.candidates.map((c) => c.modelId).sort(), ['acme/big', 'lab/tiny']);
  assert.equal(record.route.modelId, 'acme/big');
  assert.match(run.stderr, new RegExp(`^Config: +${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; catalogue of 2 models; policy balanced from the config\\n$`));
});

test('--policy, then AIRLOCK_POLICY, win over the config; no config file means the built-in defaults, and says so', async () => {
  const { env } = home('policy: local-only\n');
  const flag = await runAirlock(['explain', '--policy', 'balanced', QUESTION], '', env);
  assert.match(flag.stdout, /Route: +hosted/);
  assert.match(flag.stdout, /policy balanced from --policy/);
  const fromEnv = await runAirlock(['explain', QUESTION], '', { ...env, AIRLOCK_POLICY: 'balanced' });
  assert.match(fromEnv.stdout, /policy balanced from AIRLOCK_POLICY/);
  const none = await runAirlock(['explain', QUESTION], '', { AIRLOCK_HOME: path.join(scratch, 'no-such-home') });
  assert.match(none.stdout, /Config: +none \(.*config\.yaml does not exist: built-in defaults\); catalogue of 9 models; policy balanced from the default/);
});

test('scan --jsonl routes with the config (policy and catalogue) and names the config on stderr', async () => {
  const { env, file } = home(`policy: local-only\n${CATALOGUE}`);
  const run = await runAirlock(['scan', '--jsonl'], `${JSON.stringify({ id: 'q', text: QUESTION })}\n`, env);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { route: { target: string; model: string | null } };
  assert.equal(out.route.target, 'local');
  assert.equal(out.route.model, 'tiny:1b');
  assert.ok(run.stderr.startsWith(`Config:   ${file}; catalogue of 2 models; policy local-only from the config`), run.stderr);
});

test('policy test checks routes against the config\'s catalogue and says which config', async () => {
  const { env, file } = home(`policy: balanced\n${CATALOGUE}`);
  const run = await runAirlock(['policy', 'test', 'local-only'], '', env);
  assert.ok(run.stdout.endsWith(`Config:   ${file}; catalogue of 2 models\n`), run.stdout);
  const builtIn = await runAirlock(['policy', 'test', 'local-only'], '', { AIRLOCK_HOME: path.join(scratch, 'no-such-home') });
  assert.match(builtIn.stdout, /catalogue of 9 models\n$/);
});

test('a broken config is reported with its code, as the daemon would', async () => {
  const { env, file } = home('policy: [unclosed\n');
  const run = await runAirlock(['explain', QUESTION], '', env);
  assert.equal(run.code, 2);
  assert.match(run.stderr, new RegExp(`^airlock: AIRLOCK_E_CONFIG_PARSE: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
});
