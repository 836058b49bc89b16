// airlockd's memory with every provider kind configured and used: the hosted SDKs load on first use, so this is the
// daemon at its heaviest for providers. The bundled daemon runs as its own process against the simulators; every
// provider streams once through `providers/check` (the adapters requests use, so every SDK is loaded) and a chat is
// routed through the decision path. Add a kind here as one `providers` line and one model.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import { connect } from '../daemon/server/client';
import { freePort } from '../test/helpers/net';
import { startAnthropicSim, startBedrockSim, startCohereSim, startGeminiSim, startMistralSim, startOllamaSim, startOpenAISim, startVertexSim, type SimHandle } from '../test/sim';
import { peakRssMb, startDaemonProcess } from './daemon';
import { withTarget, type BenchResult } from './stats';

const model = (id: string, provider: string, name: string, cls: string, region: string) =>
  `\n  - { id: ${id}, provider: ${provider}, model: "${name}", class: ${cls}, contextWindow: 128000, price: { inputPerMTok: 1, outputPerMTok: 2 }, latencyMs: 400, tier: 4, terms: { region: ${region}, retentionDays: 0, noTraining: true } }`;

const PROJECT = 'airlock-bench';
const EMAIL = 'bench@airlock-bench.iam.gserviceaccount.com';

function config(port: number, s: Record<string, SimHandle>): string {
  return `port: ${port}
policy: balanced
providers:
  - { name: ollama, kind: ollama, baseUrl: "${s.ollama!.url}" }
  - { name: openai, kind: openai, baseUrl: "${s.openai!.url}/v1", apiKeyEnv: BENCH_OPENAI_KEY }
  - { name: azure, kind: openai, baseUrl: "${s.openai!.url}", azure: { apiVersion: "2024-10-21" }, apiKeyEnv: BENCH_OPENAI_KEY }
  - { name: anthropic, kind: anthropic, baseUrl: "${s.anthropic!.url}", apiKeyEnv: BENCH_OPENAI_KEY }
  - { name: bedrock, kind: bedrock, region: eu-central-1, baseUrl: "${s.bedrock!.url}" }
  - { name: vertex, kind: vertex, baseUrl: "${s.vertex!.url}", vertex: { project: ${PROJECT}, location: europe-west4, credentialsFile: ./vertex-sa.json, tokenUrl: "${s.vertex!.url}/token" } }
  - { name: gemini, kind: gemini, baseUrl: "${s.gemini!.url}", apiKeyEnv: BENCH_OPENAI_KEY }
  - { name: mistral, kind: mistral, baseUrl: "${s.mistral!.url}/v1", apiKeyEnv: BENCH_OPENAI_KEY }
  - { name: cohere, kind: cohere, baseUrl: "${s.cohere!.url}", apiKeyEnv: BENCH_OPENAI_KEY }
models:${model('ollama/llama3.2', 'ollama', 'llama3.2:3b', 'local', 'local')}${model('openai/gpt-4o-mini', 'openai', 'gpt-4o-mini', 'hosted', 'us')}${model('azure/gpt-4o', 'azure', 'gpt-4o', 'private', 'eu')}${model('anthropic/haiku', 'anthropic', 'claude-haiku-4-5', 'hosted', 'us')}${model('bedrock/haiku', 'bedrock', 'anthropic.claude-3-haiku-20240307-v1:0', 'private', 'eu')}\
${model('vertex/gemini-2.5-flash', 'vertex', 'gemini-2.5-flash', 'private', 'eu')}${model('gemini/gemini-2.5-flash', 'gemini', 'gemini-2.5-flash', 'hosted', 'us')}\
${model('mistral/mistral-small', 'mistral', 'mistral-small-latest', 'hosted', 'eu')}${model('cohere/command-a', 'cohere', 'command-a-03-2025', 'hosted', 'us')}
`;
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

export async function benchProviders(): Promise<BenchResult[]> {
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-bench-providers-'));
  // Vertex AI authenticates with a service-account file whose RS256 assertion its simulator's token endpoint checks.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(path.join(home, 'vertex-sa.json'), JSON.stringify({ type: 'service_account', project_id: PROJECT, private_key_id: 'k1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: EMAIL, client_id: '1' }));
  const sims = {
    ollama: await startOllamaSim(), openai: await startOpenAISim(), anthropic: await startAnthropicSim(), bedrock: await startBedrockSim({ region: 'eu-central-1' }),
    vertex: await startVertexSim({ project: PROJECT, serviceAccount: { email: EMAIL, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string } }),
    gemini: await startGeminiSim({ apiKey: 'sk-bench' }), mistral: await startMistralSim({ apiKey: 'sk-bench' }), cohere: await startCohereSim({ apiKey: 'sk-bench' }),
  };
  // The daemon inherits this environment: AWS keys for Bedrock's credential chain, and a HOME of its own so no real
  // ~/.aws is read (AIRLOCK_HOME is set separately).
  const saved = { ...process.env };
  Object.assign(process.env, { HOME: home, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'bench-secret', AWS_EC2_METADATA_DISABLED: 'true' });
  let child: ChildProcess | undefined;
  try {
    writeFileSync(path.join(home, 'config.yaml'), config(await freePort(), sims));
    child = await startDaemonProcess(home);
    const idle = rssMb(child.pid!);
    const client = await connect({ home });
    const start = performance.now();
    const check = await client.request('providers/check', {});
    const checkMs = performance.now() - start;
    if (!check.ok) throw new Error(`providers/check failed:\n${check.providers.map((p) => p.line).join('\n')}`);
    // And through the decision path: code stays local, a public question goes out.
    await client.request('chat/send', { requestId: 'bench-local', text: 'Why does this loop never end?\n```python\nwhile i < 10:\n    print(i)\n```', facts: { source: 'api', interactive: true } });
    await client.request('chat/send', { requestId: 'bench-hosted', text: 'What changed in HTTP/3 compared with HTTP/2?', facts: { source: 'api', interactive: true } });
    client.close();
    const peak = peakRssMb(child.pid!);
    const kinds = new Set(check.providers.map((p) => p.kind)).size;
    return [
      { name: 'airlockd RSS at start, no provider used yet', p50: Math.round(idle), p99: Math.round(idle), unit: 'MB' },
      { name: `providers check of ${check.providers.length} providers (${kinds} kinds, simulators): wall time`, p50: Math.round(checkMs), p99: Math.round(checkMs), unit: 'ms' },
      withTarget({ name: `airlockd peak RSS, ${check.providers.length} providers (${kinds} kinds) configured and each used once`, p50: Math.round(peak), p99: Math.round(peak), unit: 'MB' }, '<= 180', peak <= 180),
    ];
  } finally {
    child?.kill('SIGTERM');
    process.env = saved;
    await Promise.all(Object.values(sims).map((s) => s.close()));
    rmSync(home, { recursive: true, force: true });
  }
}
