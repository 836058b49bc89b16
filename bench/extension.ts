// Extension activation in a real VS Code (code-server + headless Chromium): from the workbench being up to the Airlock
// activity icon, and to the Chat view rendered with a daemon connection. Side-effect free: a temp AIRLOCK_HOME per run
// (the daemon the extension starts dies with the harness's process group), nothing written to the repo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startCodeServer, openWorkbench, webviewFrame } from '../test/e2e/harness/index';
import { percentiles, type BenchResult } from './stats';

const repoRoot = resolve(import.meta.dirname, '..');


async function oneRun(): Promise<{ icon: number; chat: number }> {
  const home = mkdtempSync(join(tmpdir(), 'airlock-bench-ext-'));
  const port = await freePort();
  writeFileSync(join(home, 'config.yaml'), `port: ${port}\n`);
  const server = await startCodeServer({ extensionDevelopmentPath: repoRoot, env: { AIRLOCK_HOME: home }, settings: { 'airlock.daemonPort': port } });
  try {
    const workbench = await openWorkbench(server.url);
    try {
      const { page } = workbench;
      const start = performance.now();
      const icon = page.locator('.activitybar [aria-label="Airlock"]').first();
      await icon.waitFor({ timeout: 30_000 });
      const iconMs = performance.now() - start;
      await icon.click();
      const chat = await webviewFrame(page, 'Chat', 30_000);
      await chat.locator('.composer-input').waitFor({ timeout: 30_000 });
      await chat.locator('.banner').waitFor({ state: 'hidden', timeout: 30_000 });
      return { icon: iconMs, chat: performance.now() - start };
    } finally {
      await workbench.close();
    }
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

export async function benchExtension(runs = Number(process.env.AIRLOCK_BENCH_EXT_RUNS ?? 3)): Promise<BenchResult[]> {
  const icon: number[] = [];
  const chat: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await oneRun();
    icon.push(r.icon);
    chat.push(r.chat);
  }
  return [
    percentiles(`extension activation: workbench → Airlock icon (${runs} runs)`, icon),
    percentiles(`extension: workbench → Chat view connected, daemon launched (${runs} runs)`, chat),
  ];
}
