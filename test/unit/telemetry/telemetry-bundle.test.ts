// The bundled program (dist/airlock.js, what users run) exports decisions with the OpenTelemetry SDK: the SDK is a
// lazily imported chunk of CommonJS packages inside the ESM bundle, which can break only there (as the AWS SDK once
// did). `airlock ask` starts a real airlockd from the bundle with telemetry on; its spans reach the recording receiver.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startOtlpReceiver } from '../../sim/otlp';
import { within } from '../../helpers/bounded';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const BUNDLE = path.resolve(import.meta.dirname, '../../../dist/airlock.js');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUNDLE, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

test('the dist/ bundle sends decision spans over OTLP (node scripts/build.mjs builds it)', { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(BUNDLE), 'dist/airlock.js is missing: run `node scripts/build.mjs`');
  const sims = await startSims(t);
  const receiver = await startOtlpReceiver();
  t.after(() => receiver.close());
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-home-'));
  writeFileSync(path.join(home, 'config.yaml'), `port: 0\n${simConfig(sims, 'balanced', `telemetry:\n  otlpEndpoint: "${receiver.url}"\n  exportIntervalMs: 20\n`)}`);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, AIRLOCK_HOME: home, AIRLOCK_CONFIG: '', HOME: home, ...SIM_KEYS };
  t.after(async () => {
    const stopped = await run(['daemon', 'stop'], env);
    assert.match(stopped.stdout, /airlockd (stopped|is not running)/, stopped.stderr);
    rmSync(home, { recursive: true, force: true });
  });
  const asked = await run(['ask', 'What does HTTP 418 mean?'], env);
  assert.equal(asked.code, 0, `${asked.stdout}${asked.stderr}`);
  await within(receiver.until((spans) => spans.some((s) => s.name === 'apply_guardrail airlock')), 'the guardrail span from the bundled daemon');
  const guard = receiver.spans.find((s) => s.name === 'apply_guardrail airlock')!;
  assert.equal(guard.attributes['gen_ai.security.decision.type'], 'allow');
  assert.equal(guard.resource['service.name'], 'airlockd');
  assert.ok(receiver.spans.some((s) => s.name.startsWith('chat ') && s.attributes['gen_ai.operation.name'] === 'chat'));
  assert.ok(!receiver.bodies.join('\n').includes('HTTP 418'), 'no prompt text sent');
});
