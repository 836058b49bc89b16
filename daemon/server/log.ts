// The daemon log, `<home>/airlockd.log`: one line per event with ids, codes and timings. Never prompt text,
// answers or keys: callers pass only such fields, `clean` drops (never cuts) any longer string, and unexpected
// errors are logged by `errorFields`: their class and code locations, not their message, which can quote input.
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { LOG_FILE } from './home';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface FileLogger extends Logger {
  /** Resolves once every line written so far is in the file (or the file failed). */
  flush(): Promise<void>;
}

/** Longest string value kept. Longer ones are dropped whole: a prefix can still hold the start of a prompt or key. */
export const MAX_FIELD = 300;
const MAX_FRAMES = 8;

function cleanValue(v: unknown): unknown {
  if (typeof v === 'string') return v.length > MAX_FIELD ? `[${v.length} chars dropped]` : v;
  if (Array.isArray(v)) return v.map(cleanValue);
  return v;
}

export function clean(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, cleanValue(v)]));
}

/**
 * An unexpected error as log fields: its class, errno-style code, message length and stack frames. The message is
 * left out: a bug's message can quote whatever it choked on (JSON.parse quotes its input, an SDK the response body).
 */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: typeof err };
  const code = (err as { code?: unknown }).code;
  // The stack starts with "Name: message" (any number of lines); only the frames after it are code locations.
  const header = String(err);
  const stack = err.stack ?? '';
  const body = stack.startsWith(header) ? stack.slice(header.length) : stack;
  const frames = body.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('at ')).slice(0, MAX_FRAMES);
  return { error: err.name, ...(typeof code === 'string' ? { errno: code } : {}), messageChars: err.message.length, frames };
}

const line = (level: string, event: string, fields: Record<string, unknown> = {}) =>
  `${JSON.stringify({ at: new Date().toISOString(), level, event, ...clean(fields) })}\n`;

/**
 * `fallback` (stderr) hears once, with AIRLOCK_E_LOG, when the file cannot be written; the next line reopens it, so
 * logging resumes by itself once the disk has room again.
 */
export function fileLogger(home: string, echo?: NodeJS.WritableStream, fallback: NodeJS.WritableStream = process.stderr): FileLogger {
  const file = path.join(home, LOG_FILE);
  let out: WriteStream | null = null;
  let failing = false;
  // An append stream, not a write per line: the log must never block the event loop that streams answers.
  // The durable record of a request is the decision store; the log is for people reading what happened.
  const open = (): WriteStream => {
    const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
    // A full disk must not take the daemon down with it: drop this stream, say so once, reopen on the next line.
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (out === stream) out = null;
      stream.destroy();
      if (failing) return;
      failing = true;
      fallback.write(line('error', 'log write failed', { code: 'AIRLOCK_E_LOG', file, errno: err.code ?? err.name, message: err.message }));
    });
    return stream;
  };
  const write = (level: string, event: string, fields?: Record<string, unknown>) => {
    const text = line(level, event, fields);
    const stream = (out ??= open());
    stream.write(text, (err) => {
      if (!err) failing = false;
    });
    echo?.write(text);
  };
  return {
    info: (e, f) => write('info', e, f),
    error: (e, f) => write('error', e, f),
    flush: () => new Promise<void>((resolve) => {
      if (!out) return resolve();
      const stream = out;
      stream.once('error', () => resolve());
      stream.write('', () => resolve());
    }),
  };
}
