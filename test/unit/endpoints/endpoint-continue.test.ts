// A real coding agent pointed at airlockd: Continue's CLI (`@continuedev/cli`, `cn -p`, headless, a local config)
// with its `openai` and its `ollama` provider settings, the recording simulators as upstreams. (Its `ollama` provider
// speaks Ollama's OpenAI-compatible `/v1` API, so both arrive on the OpenAI surface; the ollama one with the key in
// the base URL path, `/k/KEY`, as `airlock endpoint` prints it for OLLAMA_HOST.) A secret in the prompt stays on
// the local simulator; a public question is answered by a hosted one. Skipped, saying why, when the CLI is absent
// (it is not a dependency yet: AIRLOCK_CN_BIN may point at its `dist/cn.js`).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { assertNoCanary, PUBLIC_QUESTION, SECRET_AND_CODE, startEndpoint, type EndpointSetup } from '../../helpers/endpoint';

function findCn(): string | null {
  const fromEnv = process.env.AIRLOCK_CN_BIN;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  try {
    return createRequire(import.meta.url).resolve('@continuedev/cli/dist/cn.js');
  } catch {
    return null;
  }
}

const CN = findCn();
const SKIP = CN ? false : 'Continue\'s CLI is not installed (npm i -D @continuedev/cli, or AIRLOCK_CN_BIN=…/dist/cn.js)';

/** Continue's config.yaml for one model behind airlockd, as `airlock endpoint` prints it. */
function continueConfig(setup: EndpointSetup, surface: 'openai' | 'ollama'): string {
  const model = surface === 'openai'
    ? `    provider: openai\n    model: airlock/auto\n    apiBase: ${setup.base}/v1\n    apiKey: ${setup.key}`
    : `    provider: ollama\n    model: airlock/auto\n    apiBase: ${setup.base}/k/${setup.key}`;
  return `name: Airlock test\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: Airlock\n${model}\n    roles: [chat]\n`;
}

/** Runs `cn -p PROMPT --config FILE` in a fresh HOME and work folder; resolves with its output, bounded. */
function runCn(t: TestContext, config: string, prompt: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-cn-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'config.yaml');
  writeFileSync(file, config);
  const env = { PATH: process.env.PATH ?? '', HOME: dir, CONTINUE_GLOBAL_DIR: path.join(dir, '.continue'), CONTINUE_CLI_DISABLE_TELEMETRY: '1', CONTINUE_TELEMETRY_ENABLED: '0', NO_COLOR: '1', CI: '1' };
  return new Promise((resolve) => {
    execFile(process.execPath, [CN!, '-p', prompt, '--config', file, '--readonly'], { cwd: dir, env, timeout: 120_000, maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

for (const surface of ['openai', 'ollama'] as const) {
  test(`Continue's CLI with provider ${surface}: a secret with code stays local, hosted simulators get 0 bytes`, { skip: SKIP }, async (t) => {
    const setup = await startEndpoint(t);
    const { sims, daemon } = setup;
    sims.local.setDefault({ kind: 'ok', text: 'Rotate the live key first; the reduce is fine.' });
    const out = await runCn(t, continueConfig(setup, surface), SECRET_AND_CODE.text);
    assert.equal(out.code, 0, `cn exited ${out.code}: ${out.stderr.slice(-800)}`);
    assert.match(out.stdout, /Rotate the live key first/);
    assert.ok(sims.local.receivedText().includes('settleLedgerCanary'), 'the local simulator answered');
    for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
    assertNoCanary(sims, SECRET_AND_CODE.canaries);
    const { records } = await (await daemon.client()).request('decision/list', {});
    assert.ok(records.length >= 1);
    assert.ok(records.every((r) => r.facts.surface === 'openai' && r.route.target === 'local'), JSON.stringify(records.map((r) => [r.facts.surface, r.route.target])));
  });

  test(`Continue's CLI with provider ${surface}: a public question is answered by a hosted simulator`, { skip: SKIP }, async (t) => {
    const setup = await startEndpoint(t);
    const { sims } = setup;
    sims.openai.setDefault({ kind: 'ok', text: 'TCP is reliable and ordered; UDP is neither.' });
    const out = await runCn(t, continueConfig(setup, surface), PUBLIC_QUESTION);
    assert.equal(out.code, 0, `cn exited ${out.code}: ${out.stderr.slice(-800)}`);
    assert.match(out.stdout, /TCP is reliable and ordered/);
    assert.ok(sims.openai.receivedText().includes('TCP and UDP'));
    assert.equal(sims.local.received.length, 0);
  });
}
