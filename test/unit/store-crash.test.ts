import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { openStore } from '../../daemon/store';
import { tempDir } from './fixtures/temp-store';

const WRITER = fileURLToPath(new URL('./fixtures/store-crash-writer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the writer until it has acknowledged `killAfter` appends, then SIGKILLs it; returns the acknowledged [seq, id]s. */
function writeUntilKilled(dir: string, killAfter: number): Promise<[number, string][]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: [number, string][] = [];
    let pending = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer acknowledged only ${acknowledged.length} appends in time; stderr: ${stderr}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!; // a partial line was not fully acknowledged yet
      for (const line of lines) {
        const [seq, id] = line.split(' ');
        acknowledged.push([Number(seq), id!]);
      }
      if (acknowledged.length >= killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (exitCode, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (${exitCode}): ${stderr}`));
      else resolve(acknowledged);
    });
  });
}

test('records acknowledged before a SIGKILL are all there and the chain verifies; the next run continues it', async (t) => {
  const dir = tempDir(t);
  const acknowledged: [number, string][] = [];
  for (const killAfter of [40, 120, 75]) {
    const round = await writeUntilKilled(dir, killAfter);
    assert.ok(round.length >= killAfter);
    acknowledged.push(...round);
    const store = openStore(dir);
    try {
      const result = store.verify();
      assert.ok(result.ok, `verify after kill: ${JSON.stringify(result)}`);
      assert.ok(result.count >= acknowledged.length, 'at least every acknowledged record is stored');
      for (const [seq, id] of acknowledged) assert.equal(store.get(id).seq, seq);
    } finally {
      store.close();
    }
  }
  // Each run continued the chain where the killed one stopped: seqs are 1..n without gaps or repeats.
  const seqs = acknowledged.map(([seq]) => seq);
  assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b));
});
