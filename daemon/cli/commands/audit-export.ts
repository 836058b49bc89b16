// `airlock audit export --format jsonl|ocsf|cef [--since ISO] [--follow]`: the audit trail for a SIEM, oldest first,
// read from the store file (WAL: the daemon keeps writing meanwhile). `--follow` keeps printing entries as they are
// appended, until SIGINT/SIGTERM or `stop` aborts. The formats are daemon/store/siem.ts; no prompt text leaves.
import os from 'node:os';
import pkg from '../../../package.json' with { type: 'json' };
import { AirlockError } from '../../../protocol/errors';
import { exportLine, type Store } from '../../store';
import { formatRow, SIEM_FORMATS, type SiemFormat } from '../../store/siem';
import { write } from '../context';
import type { Writable } from 'node:stream';

/** How often `--follow` looks for new entries: SQLite has no cross-process change notification. */
export const FOLLOW_POLL_MS = 250;

export function siemFormat(value: string | undefined, jsonl: boolean | undefined): SiemFormat {
  if (value === undefined) return 'jsonl';
  if ((SIEM_FORMATS as readonly string[]).includes(value)) {
    if (jsonl && value !== 'jsonl') throw new AirlockError('AIRLOCK_E_USAGE', `--jsonl and --format ${value} disagree: give one`);
    return value as SiemFormat;
  }
  throw new AirlockError('AIRLOCK_E_USAGE', `--format takes ${SIEM_FORMATS.join(', ')}, not '${value}'`);
}

/** Writes every entry after `after`; returns the last seq written (or `after`). */
async function drain(store: Store, out: Writable, format: SiemFormat, since: string | undefined, after: number): Promise<number> {
  const product = { version: pkg.version, hostname: os.hostname() };
  let last = after;
  for (const row of store.exportRows({ ...(since ? { since } : {}), after })) {
    const line = formatRow(row, format, product, exportLine);
    if (line !== null) await write(out, `${line}\n`);
    last = row.seq;
  }
  return last;
}

export async function exportAudit(store: Store, out: Writable, options: { format: SiemFormat; since?: string; follow: boolean; stop?: AbortSignal }): Promise<void> {
  let last = await drain(store, out, options.format, options.since, 0);
  if (!options.follow) return;
  const stop = options.stop ?? signalStop();
  while (!stop.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FOLLOW_POLL_MS);
      stop.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    if (!stop.aborted) last = await drain(store, out, options.format, options.since, last);
  }
}

/** Aborts on the first SIGINT (Ctrl-C) or SIGTERM, so `--follow` ends with status 0 and the store closed. */
function signalStop(): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}
