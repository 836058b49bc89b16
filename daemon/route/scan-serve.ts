// The worker side of the scan pool: answers { id, text, facts } with the scan's result or its coded error.
// Kept apart from scan-worker.ts so that a test can serve a wrapped scanner with the same protocol.
import { parentPort } from 'node:worker_threads';
import { AirlockError, type RequestFacts, type ScanResult } from '../../protocol';
import type { ScanOptions } from '../detect';

export interface ScanJob {
  id: number;
  text: string;
  facts: RequestFacts;
  options?: ScanOptions;
}

/** `ready` once, when the detectors are loaded; then one reply per job. */
export type ScanReply = { ready: true } | { id: number; result: ScanResult } | { id: number; error: { code: string; message: string } };

export function serveScans(scan: (text: string, facts: RequestFacts, options?: ScanOptions) => Promise<ScanResult>): void {
  const port = parentPort;
  if (!port) throw new Error('serveScans runs inside a worker thread');
  port.on('message', (job: ScanJob) => {
    void scan(job.text, job.facts, job.options).then(
      (result) => port.postMessage({ id: job.id, result } satisfies ScanReply),
      (err: unknown) => port.postMessage({
        id: job.id,
        error: err instanceof AirlockError ? { code: err.code, message: err.message } : { code: 'AIRLOCK_E_INTERNAL', message: String(err) },
      } satisfies ScanReply),
    );
  });
  port.postMessage({ ready: true } satisfies ScanReply);
}
