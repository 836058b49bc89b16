// What the Airlock e2e files set up: the provider simulators, a daemon home whose config (the tests' one builder,
// test/helpers/sims.ts) points the catalogue at them, and a workspace with the given files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SimHandle } from '../sim';
import { SIM_KEYS, simConfig, startSims } from '../helpers/sims';
import { freePort } from './harness/index';

export interface E2eFixture {
  sims: { ollama: SimHandle; openai: SimHandle; anthropic: SimHandle };
  home: string;
  workspace: string;
  /** The port in config.yaml (free when chosen; never Airlock's default). */
  port: number;
  /** The extension host's environment: AIRLOCK_HOME and the simulators' key variables the config names. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface E2eFixtureOptions {
  /** Hosted providers without an environment key: only a key stored in the keychain reaches them. */
  keychainOnly?: ReadonlyArray<'openai' | 'anthropic'>;
}

export async function startE2eFixture(name: string, files: Record<string, string>, options: E2eFixtureOptions = {}): Promise<E2eFixture> {
  const all = await startSims();
  // Local and two hosted providers; no private deployment, so "private or local" in VS Code's picker means local.
  const sims = { ollama: all.local, openai: all.openai, anthropic: all.anthropic };
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), `airlock-e2e-${name}-`));
  const home = join(root, 'home');
  const workspace = join(root, 'workspace');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const keychainOnly = options.keychainOnly ?? [];
  const config = simConfig({ local: all.local, openai: all.openai, anthropic: all.anthropic }, {
    port,
    keychainOnly,
    // The daemon's own retry and timeouts: a UI run on a loaded machine is no place for unit-test deadlines.
    quickFailure: false,
    // The models' real windows: VS Code's lm models report the smallest route's largest (llama3.2's 131072).
    contextWindow: { local: 131072, anthropic: 200000 },
  });
  writeFileSync(join(home, 'config.yaml'), config);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, file)), { recursive: true });
    writeFileSync(join(workspace, file), text);
  }
  const { SIM_OPENAI_KEY, SIM_ANTHROPIC_KEY } = SIM_KEYS;
  const env = {
    AIRLOCK_HOME: home,
    ...(keychainOnly.includes('openai') ? {} : { SIM_OPENAI_KEY }),
    ...(keychainOnly.includes('anthropic') ? {} : { SIM_ANTHROPIC_KEY }),
  };
  return {
    sims, home, workspace, port, env,
    async close() {
      await all.close();
      // AIRLOCK_E2E_KEEP=1 keeps the daemon's home (log, config, decisions) for a look after a failure.
      if (process.env.AIRLOCK_E2E_KEEP === '1') console.log(`kept ${home}`);
      else rmSync(root, { recursive: true, force: true });
    },
  };
}
