// A small pool of worker threads that scan prompts off the daemon's event loop, each prompt under a hard deadline.
// One hostile prompt then costs one worker for at most its deadline: health/get, other connections and streaming
// answers keep running on the main thread, and other prompts scan on the other workers.
// A prompt that misses its deadline is not guessed at: its result says "not scanned" (truncated, plus a
// `scan-deadline` signal), which every shipped preset keeps local, and plan() never lets it go out as public.
// The worker that missed it is terminated and a fresh one takes its place.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { AirlockError, type ErrorCode, type RequestFacts, type ScanResult, type Signal } from '../../protocol';
import { MAX_PROMPT_CHARS, type ScanOptions } from '../detect';
import { lineIndex } from '../detect/lines';
import { originFindings } from '../detect/origin';
import type { ScanJob, ScanReply } from './scan-serve';

export type Scanner = (text: string, facts: RequestFacts, options?: ScanOptions) => Promise<ScanResult>;

export interface ScanPoolEvent {
  type: 'start' | 'done' | 'deadline' | 'exit';
  job: number;
  /** Which slot of the pool ran it. */
  slot: number;
}

export interface ScanPoolOptions {
  /** Worker threads; defaults to the core count, between 2 and 4. */
  size?: number;
  /** Deadline for a prompt of this many characters, from the moment a worker starts on it. */
  deadlineMs?: (chars: number) => number;
  /** Worker entry module (tests pass a wrapped scanner); defaults to scan-worker.ts, or scan-worker.js in dist/. */
  worker?: URL;
  workerData?: unknown;
  /** Observes the pool (tests order their steps on these events rather than on time). */
  onEvent?: (event: ScanPoolEvent) => void;
}

export interface ScanPool {
  scan: Scanner;
  readonly size: number;
  close(): Promise<void>;
}

/**
 * Generous on purpose: the deadline is the backstop for a scan that would never end, not a speed target (the bench
 * measures those). A worker's scan runs about 1 s per MB on this 2-core machine and up to 3× that under load, so a
 * prompt gets 5 s plus 3 s per million characters: 36 s at 10 MiB, 8 s at 1 MB. Only one worker waits that long;
 * the event loop and the other workers do not.
 */
export const defaultDeadlineMs = (chars: number): number => 5000 + (3 * chars) / 1000;

/** A fresh worker loads the detectors (tsx in tests, the bundle in the daemon) before its first job's deadline starts. */
const BOOT_MS = 30_000;

export function defaultPoolSize(): number {
  return Math.max(2, Math.min(4, availableParallelism()));
}

/** What the policy sees for a prompt that was not scanned in time: nothing checked, so the whole text is unknown. */
export function deadlineResult(text: string, facts: RequestFacts, deadlineMs: number, durationMs: number): ScanResult {
  const position = lineIndex(text);
  const deadline: Signal = {
    kind: 'scan', type: 'scan-deadline', start: 0, end: text.length, line: 1, column: 1, detector: 'airlock/scan-pool',
    label: `scan deadline: not scanned within ${Math.round(deadlineMs)} ms`,
  };
  const origins = originFindings(text.length, facts).map((f) => ({ ...f, ...position(f.start) }));
  return {
    signals: [deadline, ...origins],
    code: { isCode: false, language: null, share: 0, regions: [] },
    scannedChars: 0,
    truncated: true,
    durationMs,
  };
}

function defaultWorker(): URL {
  // Under tsx this module is scan-pool.ts next to scan-worker.ts; in the daemon bundle it is dist/airlock.js,
  // next to the worker's own bundle dist/scan-worker.js (scripts/build.mjs).
  return new URL(import.meta.url.endsWith('.ts') ? './scan-worker.ts' : './scan-worker.js', import.meta.url);
}

function spawn(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  // A worker does not inherit tsx's loader: register it inside the worker before importing the TypeScript entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

interface Pending {
  id: number;
  text: string;
  facts: RequestFacts;
  options?: ScanOptions;
  resolve(result: ScanResult): void;
  reject(err: unknown): void;
}

interface Slot {
  index: number;
  worker: Worker | null;
  /** The worker has loaded the detectors: a job's deadline counts from here, so a cold start is not charged to it. */
  ready: boolean;
  job: Pending | null;
  timer: NodeJS.Timeout | null;
  startedAt: number;
}

export function createScanPool(options: ScanPoolOptions = {}): ScanPool {
  const size = options.size ?? defaultPoolSize();
  const deadlineFor = options.deadlineMs ?? defaultDeadlineMs;
  const entry = options.worker ?? defaultWorker();
  const emit = options.onEvent ?? (() => undefined);
  const slots: Slot[] = Array.from({ length: size }, (_, index) => ({ index, worker: null, ready: false, job: null, timer: null, startedAt: 0 }));
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function finish(slot: Slot): Pending | null {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    return job;
  }

  function retire(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = null;
    slot.ready = false;
    if (worker) void worker.terminate();
  }

  function workerFor(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const worker = spawn(entry, options.workerData);
    slot.worker = worker;
    worker.on('message', (reply: ScanReply) => {
      if (slot.worker !== worker) return; // an answer after its deadline: ignored
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.job) send(slot, slot.job);
        return;
      }
      if (slot.job?.id !== reply.id) return;
      const job = finish(slot)!;
      emit({ type: 'done', job: job.id, slot: slot.index });
      if ('result' in reply) job.resolve(reply.result);
      else job.reject(new AirlockError(reply.error.code as ErrorCode, reply.error.message));
      dispatch();
    });
    // An uncaught error in the worker is followed by 'exit'; the listener keeps it from crashing the daemon.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (slot.worker !== worker) return; // retired on purpose
      slot.worker = null;
      slot.ready = false;
      const job = finish(slot);
      if (!job) return;
      emit({ type: 'exit', job: job.id, slot: slot.index });
      // Fail closed: no result means no routing; the request fails with a coded error and nothing is sent.
      job.reject(new AirlockError('AIRLOCK_E_INTERNAL', 'the scan worker stopped before answering'));
      dispatch();
    });
    return worker;
  }

  function start(slot: Slot, job: Pending): void {
    slot.job = job;
    workerFor(slot);
    if (slot.ready) send(slot, job);
    else arm(slot, job, BOOT_MS); // sent when the worker says it is ready; a worker that never does counts as stuck
  }

  /** Past `ms`, the job comes back unscanned and its worker is terminated; the next job spawns a fresh one. */
  function arm(slot: Slot, job: Pending, ms: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.startedAt = performance.now();
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      finish(slot);
      retire(slot);
      emit({ type: 'deadline', job: job.id, slot: slot.index });
      job.resolve(deadlineResult(job.text, job.facts, ms, performance.now() - slot.startedAt));
      dispatch();
    }, ms);
  }

  function send(slot: Slot, job: Pending): void {
    arm(slot, job, deadlineFor(job.text.length));
    emit({ type: 'start', job: job.id, slot: slot.index });
    slot.worker!.postMessage({ id: job.id, text: job.text, facts: job.facts, ...(job.options ? { options: job.options } : {}) } satisfies ScanJob);
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.job) start(slot, queue.shift()!);
    }
  }

  return {
    size,
    scan(text, facts, options) {
      if (closed) return Promise.reject(new AirlockError('AIRLOCK_E_INTERNAL', 'the scan pool is closed'));
      // Refused here, before a 10 MiB string is copied into a worker only to be refused there.
      if (text.length > MAX_PROMPT_CHARS) {
        return Promise.reject(new AirlockError('AIRLOCK_E_INPUT_TOO_LARGE', `prompt is ${text.length} characters; the limit is ${MAX_PROMPT_CHARS}`));
      }
      return new Promise<ScanResult>((resolve, reject) => {
        queue.push({ id: nextId++, text, facts, ...(options ? { options } : {}), resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      const stopping = slots.map((slot) => {
        finish(slot)?.reject(new AirlockError('AIRLOCK_E_INTERNAL', 'the daemon is stopping'));
        const worker = slot.worker;
        slot.worker = null;
        return worker?.terminate();
      });
      for (const job of queue.splice(0)) job.reject(new AirlockError('AIRLOCK_E_INTERNAL', 'the daemon is stopping'));
      await Promise.all(stopping);
    },
  };
}
