// Cold start of the installed `airlock` command (bin/airlock.js → the dist/ bundle), as other tools run it: a new
// process per call. Each sample is one spawn, start to exit. `node -e 0` on the same machine is printed next to
// them: the floor no CLI can go under, and a measure of how loaded the machine was during the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mixedPrompt } from './prompts';
import { percentiles, withTarget, type BenchResult } from './stats';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/airlock.js');
const RUNS = 15;

interface Run {
  args: string[];
  input: string;
}

/** Wall time of each spawn, start to exit. The runs take turns, so a change in machine load hits all of them alike. */
function spawnTimes(runs: Run[], env: NodeJS.ProcessEnv): number[][] {
  const out: number[][] = runs.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    runs.forEach(({ args, input }, k) => {
      const start = performance.now();
      const run = spawnSync(process.execPath, args, { input, env, timeout: 60_000, stdio: ['pipe', 'pipe', 'pipe'] });
      const ms = performance.now() - start;
      if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
      out[k]!.push(ms);
    });
  }
  return out;
}

export async function benchCli(): Promise<BenchResult[]> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  // A home with no config: built-in catalogue and the balanced preset, as after a fresh install.
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-bench-cli-'));
  const env = { ...process.env, AIRLOCK_HOME: path.join(home, 'none') };
  try {
    const line = `${JSON.stringify({ id: 'p1', text: mixedPrompt(10 * 1024) })}\n`;
    const [floorMs, explainMs, scanMs] = spawnTimes([
      { args: ['-e', '0'], input: '' },
      { args: [BIN, 'explain', 'hello'], input: '' },
      { args: [BIN, 'scan', '--jsonl'], input: line },
    ], env);
    const floor = percentiles(`cli: node -e 0, cold (${RUNS} spawns; the floor)`, floorMs!);
    const explain = percentiles(`cli: airlock explain 'hello', cold (${RUNS} spawns)`, explainMs!);
    const scan = percentiles(`cli: airlock scan --jsonl, one 10 KB prompt, cold (${RUNS} spawns)`, scanMs!);
    return [floor, withTarget(explain, 'p50 <= 300', explain.p50 <= 300), withTarget(scan, 'p50 <= 400', scan.p50 <= 400)];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
