// The bundled program (dist/airlock.js, what users and the extension run) talks to Bedrock, Vertex AI, Gemini, Mistral
// and Cohere: the AWS SDK, cohere-ai and google-auth-library are CommonJS, and an import() of one inside the ESM bundle
// has only `default`, unlike under tsx. `airlock providers check` starts a real airlockd from the bundle, which streams
// from each simulator (Bedrock with SigV4 from its env, Vertex AI with a service-account file).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startBedrockSim, startCohereSim, startGeminiSim, startMistralSim, startVertexSim } from '../../sim';

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

test('the dist/ bundle checks Vertex AI, Gemini, Mistral and Cohere: credentials found and where, each model streams', { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(BUNDLE), 'dist/airlock.js is missing: run `node scripts/build.mjs`');
  const project = 'airlock-bundle-test';
  const email = `bundle@${project}.iam.gserviceaccount.com`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = 'sim-bundle-key';
  const [vertex, gemini, mistral, cohere] = await Promise.all([
    startVertexSim({ project, serviceAccount: { email, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string } }),
    startGeminiSim({ apiKey: key }), startMistralSim({ apiKey: key }), startCohereSim({ apiKey: key }),
  ]);
  t.after(() => Promise.all([vertex, gemini, mistral, cohere].map((s) => s.close())));
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-home-'));
  const emptyHome = mkdtempSync(path.join(tmpdir(), 'airlock-empty-home-'));
  writeFileSync(path.join(home, 'sa.json'), JSON.stringify({ type: 'service_account', project_id: project, private_key_id: 'k1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: email, client_id: '1' }));
  const m = (id: string, provider: string, name: string, cls: string) => `\n  - { id: ${id}, provider: ${provider}, model: ${name}, class: ${cls}, contextWindow: 128000, price: { inputPerMTok: 1, outputPerMTok: 1 }, latencyMs: 400, tier: 4, terms: { region: eu, retentionDays: 0, noTraining: true } }`;
  writeFileSync(path.join(home, 'config.yaml'), `port: 0
providers:
  - { name: vertex-eu, kind: vertex, baseUrl: "${vertex.url}", vertex: { project: ${project}, location: europe-west4, credentialsFile: ./sa.json, tokenUrl: "${vertex.url}/token" } }
  - { name: gemini, kind: gemini, baseUrl: "${gemini.url}", apiKeyEnv: SIM_KEY }
  - { name: mistral, kind: mistral, baseUrl: "${mistral.url}/v1", apiKeyEnv: SIM_KEY }
  - { name: cohere, kind: cohere, baseUrl: "${cohere.url}", apiKeyEnv: SIM_KEY }
models:${m('vertex-eu/flash', 'vertex-eu', 'gemini-2.5-flash', 'private')}${m('gemini/flash', 'gemini', 'gemini-2.5-flash', 'hosted')}${m('mistral/small', 'mistral', 'mistral-small-latest', 'hosted')}${m('cohere/command-a', 'cohere', 'command-a-03-2025', 'hosted')}
`);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, AIRLOCK_HOME: home, AIRLOCK_CONFIG: '', HOME: emptyHome, SIM_KEY: key, GCE_METADATA_HOST: '127.0.0.1:9' };
  t.after(async () => {
    const stopped = await run(['daemon', 'stop'], env);
    assert.match(stopped.stdout, /airlockd (stopped|is not running)/, stopped.stderr);
    rmSync(home, { recursive: true, force: true });
    rmSync(emptyHome, { recursive: true, force: true });
  });
  const checked = await run(['providers', 'check'], env);
  assert.equal(checked.code, 0, `${checked.stdout}${checked.stderr}`);
  const lines = checked.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 4, checked.stdout);
  assert.match(lines[0]!, /^vertex-eu ok — credentials: credentials file \/\S+\/sa\.json; streams, first token: gemini-2\.5-flash \d+ ms$/);
  for (const [i, name] of ['gemini', 'mistral', 'cohere'].entries()) assert.match(lines[i + 1]!, new RegExp(`^${name} ok — credentials: environment \\([^)]*SIM_KEY[^)]*\\); streams, first token: \\S+ \\d+ ms$`));
  for (const sim of [vertex, gemini, mistral, cohere]) assert.ok(sim.received.some((r) => r.method === 'POST'), 'every simulator was asked');
});
