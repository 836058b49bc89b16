// The scan worker pool: the same result as an in-process scan, from the tsx sources and from the dist/ bundle; a
// prompt past its deadline comes back "not scanned", stays local (or is blocked), and its worker is replaced;
// and the daemon stays responsive while a scan runs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { scan } from '../../../daemon/detect';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { loadPolicy, parsePolicy } from '../../../daemon/policy/load';
import { plan } from '../../../daemon/route/plan';
import { createScanPool, deadlineResult, type ScanPool, type ScanPoolEvent } from '../../../daemon/route/scan-pool';
import type { RequestFacts } from '../../../protocol';
import { startTestDaemon } from '../../helpers/daemon';

const facts: RequestFacts = { source: 'chat', interactive: true };
const prompt = 'Why does this fail?\n```python\ndef f(x):\n    return x + 1\n```\nThe key is AKIAQ3EGRT7WJ2LMNPXV and mail ines.moreau@example.fr\n';
const GATED = new URL('../fixtures/gated-scan-worker.ts', import.meta.url);
const BUNDLED = pathToFileURL(path.resolve(import.meta.dirname, '../../../dist/scan-worker.js'));

/** A pool whose workers hold each scan until `open()`; events are queued for `next(type)`. */
function gatedPool(opts: { size?: number; deadlineMs?: (chars: number) => number } = {}) {
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const events: ScanPoolEvent[] = [];
  const waiters: { type: ScanPoolEvent['type']; resolve: (e: ScanPoolEvent) => void }[] = [];
  const onEvent = (e: ScanPoolEvent) => {
    const i = waiters.findIndex((w) => w.type === e.type);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(e);
    else events.push(e);
  };
  const pool = createScanPool({ size: opts.size ?? 1, worker: GATED, workerData: { gate }, deadlineMs: opts.deadlineMs ?? (() => 600_000), onEvent });
  return {
    pool,
    gate,
    /** The next event of this type (already seen or still to come). */
    next(type: ScanPoolEvent['type']): Promise<ScanPoolEvent> {
      const i = events.findIndex((e) => e.type === type);
      if (i >= 0) return Promise.resolve(events.splice(i, 1)[0]!);
      return new Promise((resolve) => waiters.push({ type, resolve }));
    },
    seen: (type: ScanPoolEvent['type']) => events.some((e) => e.type === type),
    open() {
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
    },
  };
}

const closeAfter = (t: { after(fn: () => Promise<void>): void }, pool: ScanPool) => t.after(() => pool.close());

test('a pool scan (tsx sources) gives what the in-process scan gives', async (t) => {
  const pool = createScanPool({ size: 2 });
  closeAfter(t, pool);
  const [a, b] = await Promise.all([pool.scan(prompt, facts), pool.scan(prompt + 'more', facts)]);
  const local = await scan(prompt, facts);
  assert.deepEqual(a.signals, local.signals);
  assert.deepEqual(a.code, local.code);
  assert.equal(a.code.language, 'python', 'tree-sitter loads inside a worker thread');
  assert.ok(b.signals.length >= a.signals.length);
});

test('the dist/ worker bundle scans too (node scripts/build.mjs builds it)', async (t) => {
  assert.ok(existsSync(BUNDLED), 'dist/scan-worker.js is missing: run `node scripts/build.mjs`');
  const pool = createScanPool({ size: 1, worker: BUNDLED });
  closeAfter(t, pool);
  const result = await pool.scan(prompt, facts);
  assert.deepEqual(result.signals, (await scan(prompt, facts)).signals);
});

test('an oversized prompt is refused with its code before it is copied into a worker', async (t) => {
  const pool = createScanPool({ size: 1 });
  closeAfter(t, pool);
  await assert.rejects(pool.scan('x'.repeat(10 * 1024 * 1024 + 1), facts), { code: 'AIRLOCK_E_INPUT_TOO_LARGE' });
});

test('past its deadline a prompt comes back unscanned, its worker is terminated and a fresh one takes the slot', async (t) => {
  // 50 ms for the first prompt, whose scan never ends; all the time in the world for the second.
  const g = gatedPool({ size: 1, deadlineMs: (chars) => (chars === prompt.length ? 50 : 600_000) });
  closeAfter(t, g.pool);
  const first = await g.pool.scan(prompt, facts); // the gate stays shut: this worker never answers
  assert.equal((await g.next('deadline')).job, 1);
  assert.equal(first.truncated, true);
  assert.equal(first.scannedChars, 0);
  assert.deepEqual(first.signals.map((s) => [s.kind, s.type, s.start, s.end]), [['scan', 'scan-deadline', 0, prompt.length]]);
  assert.match(first.signals[0]!.label, /scan deadline/);

  g.open();
  const second = await g.pool.scan(`${prompt}.`, facts);
  assert.equal((await g.next('done')).job, 2);
  assert.equal(Atomics.load(g.gate, 1), 2, 'a second worker was started in the only slot');
  assert.ok(second.signals.some((s) => s.kind === 'secret'));
});

test('an unscanned prompt stays local under every shipped preset, and a preset that would send it out is blocked', async () => {
  const unscanned = deadlineResult(prompt, facts, 50, 51);
  for (const name of ['balanced', 'strict', 'cost-saver', 'local-only']) {
    const { record } = await plan(prompt, facts, { policy: loadPolicy(name), catalogue: defaultCatalogue, storage: 'none', now: new Date(0), scanner: async () => unscanned });
    assert.equal(record.route.target, 'local', name);
    assert.equal(record.rule.id, 'unscanned-stays-local', name);
    assert.ok(record.signals.some((s) => s.type === 'scan-deadline'), `${name}: the record says why`);
    assert.match(record.explanation, /missed its deadline/, name);
  }
  const careless = parsePolicy('name: careless\nversion: 1.0.0\ndescription: everything hosted\nclasses: { local: {}, hosted: {} }\nrules: []\ndefault: { route: hosted }\n', '/tmp/careless.yaml');
  const { record } = await plan(prompt, facts, { policy: careless, catalogue: defaultCatalogue, storage: 'none', now: new Date(0), scanner: async () => unscanned });
  assert.equal(record.route.target, 'blocked');
  assert.equal(record.route.provider, null);
  assert.match(record.explanation, /deadline/);
});

test('health/get on a second connection is answered while a scan is still running on the first', { timeout: 60_000 }, async (t) => {
  const g = gatedPool({ size: 1 });
  const daemon = await startTestDaemon(t, { scanPool: g.pool });
  const [slow, other] = [await daemon.client(), await daemon.client()];
  const explained = slow.request('explain/run', { text: prompt, facts });
  await g.next('start');
  const health = await other.request('health/get', {});
  assert.equal(typeof health.pid, 'number');
  assert.equal(g.seen('done'), false, 'the scan was still running when health/get was answered');
  g.open();
  const { record } = await explained;
  assert.equal(record.route.target, 'local');
  assert.ok(record.signals.some((s) => s.kind === 'secret'));
});
