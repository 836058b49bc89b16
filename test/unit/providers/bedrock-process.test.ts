// The bundled program (dist/airlock.js, what users and the extension run) talks to Bedrock: the AWS SDK packages are
// CommonJS, and an import() of one inside the ESM bundle has only `default`, unlike under tsx. `airlock providers
// check` starts a real airlockd from the bundle, which streams from the Bedrock simulator with SigV4 from its env.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startBedrockSim } from '../../sim';

const BUNDLE = path.resolve(import.meta.dirname, '../../../dist/airlock.js');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUNDLE, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

test('the dist/ bundle checks a Bedrock provider (node scripts/build.mjs builds it)', { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(BUNDLE), 'dist/airlock.js is missing: run `node scripts/build.mjs`');
  const sim = await startBedrockSim({ region: 'eu-central-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
  t.after(() => sim.close());
  // Our own folders, removed only after the daemon is stopped (a home removed first would leave airlockd running).
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-home-'));
  const awsHome = mkdtempSync(path.join(tmpdir(), 'airlock-aws-home-'));
  writeFileSync(path.join(home, 'config.yaml'), `port: 0
providers:
  - { name: bedrock-eu, kind: bedrock, region: eu-central-1, baseUrl: "${sim.url}" }
models:
  - { id: bedrock-eu/haiku, provider: bedrock-eu, model: "anthropic.claude-3-haiku-20240307-v1:0", class: private, contextWindow: 200000, price: { inputPerMTok: 0.25, outputPerMTok: 1.25 }, latencyMs: 600, tier: 4, terms: { region: eu-central-1, retentionDays: 0, noTraining: true } }
`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, AIRLOCK_HOME: home, AIRLOCK_CONFIG: '', HOME: awsHome,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_EC2_METADATA_DISABLED: 'true',
  };
  t.after(async () => {
    const stopped = await run(['daemon', 'stop'], env);
    assert.match(stopped.stdout, /airlockd (stopped|is not running)/, stopped.stderr);
    rmSync(home, { recursive: true, force: true });
    rmSync(awsHome, { recursive: true, force: true });
  });
  const checked = await run(['providers', 'check'], env);
  assert.equal(checked.code, 0, `${checked.stdout}${checked.stderr}`);
  assert.match(checked.stdout, /^bedrock-eu ok — credentials: environment \(AWS_ACCESS_KEY_ID\); streams, first token: \S+ \d+ ms\n$/);
  assert.match(sim.received[0]?.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-central-1\/bedrock\/aws4_request/);
});
