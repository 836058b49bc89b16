// What both Airlock e2e files set up: the three provider simulators, a daemon home whose config points the catalogue
// at them, and a workspace with the given files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startAnthropicSim, startOllamaSim, startOpenAISim, type SimHandle } from '../sim';
import { freePort } from './harness/index';

export interface E2eFixture {
  sims: { ollama: SimHandle; openai: SimHandle; anthropic: SimHandle };
  home: string;
  workspace: string;
  port: number;
  close(): Promise<void>;
}

function configYaml(f: Omit<E2eFixture, 'close' | 'home' | 'workspace'>, openaiKeyEnv: boolean): string {
  const terms = (region: string, retentionDays: number) => `{ region: ${region}, retentionDays: ${retentionDays}, noTraining: true }`;
  return `port: ${f.port}
policy: balanced
storePrompts: redacted
providers:
  - { name: ollama, kind: ollama, baseUrl: '${f.sims.ollama.url}' }
  - { name: openai, kind: openai, baseUrl: '${f.sims.openai.url}/v1'${openaiKeyEnv ? ', apiKeyEnv: AIRLOCK_E2E_OPENAI_KEY' : ''} }
  - { name: anthropic, kind: anthropic, baseUrl: '${f.sims.anthropic.url}', apiKeyEnv: AIRLOCK_E2E_ANTHROPIC_KEY }
models:
  - { id: ollama/llama3.2, provider: ollama, model: 'llama3.2:3b', class: local, capabilities: [tools, json], contextWindow: 131072, price: { inputPerMTok: 0, outputPerMTok: 0 }, latencyMs: 250, tier: 2, terms: ${terms('local', 0)} }
  - { id: openai/gpt-4o-mini, provider: openai, model: gpt-4o-mini, class: hosted, capabilities: [tools, json], contextWindow: 128000, price: { inputPerMTok: 0.15, outputPerMTok: 0.6 }, latencyMs: 450, tier: 4, terms: ${terms('us', 30)} }
  - { id: anthropic/claude-3-5-haiku, provider: anthropic, model: claude-3-5-haiku-20241022, class: hosted, capabilities: [tools, citations], contextWindow: 200000, price: { inputPerMTok: 0.8, outputPerMTok: 4 }, latencyMs: 700, tier: 5, terms: ${terms('us', 30)} }
`;
}

/** `openaiKeyEnv: false` leaves OpenAI without an environment key, so only a key stored in the keychain reaches it. */
export async function startE2eFixture(name: string, files: Record<string, string>, openaiKeyEnv = true): Promise<E2eFixture> {
  const sims = { ollama: await startOllamaSim(), openai: await startOpenAISim(), anthropic: await startAnthropicSim() };
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), `airlock-e2e-${name}-`));
  const home = join(root, 'home');
  const workspace = join(root, 'workspace');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  writeFileSync(join(home, 'config.yaml'), configYaml({ sims, port }, openaiKeyEnv));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, file)), { recursive: true });
    writeFileSync(join(workspace, file), text);
  }
  return {
    sims, home, workspace, port,
    async close() {
      await Promise.all(Object.values(sims).map((sim) => sim.close()));
      // AIRLOCK_E2E_KEEP=1 keeps the daemon's home (log, config, decisions) for a look after a failure.
      if (process.env.AIRLOCK_E2E_KEEP === '1') console.log(`kept ${home}`);
      else rmSync(root, { recursive: true, force: true });
    },
  };
}
