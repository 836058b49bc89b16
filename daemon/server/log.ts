// The daemon log, `<home>/airlockd.log`: one line per event with ids, codes and timings. Never prompt text,
// answers or keys: callers pass only such fields, and `fields` drops any value longer than a short string.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { LOG_FILE } from './home';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const MAX_FIELD = 300;

function clean(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = typeof v === 'string' && v.length > MAX_FIELD && k !== 'stack' ? `${v.slice(0, MAX_FIELD)}…` : v;
  }
  return out;
}

export function fileLogger(home: string, echo?: NodeJS.WritableStream): Logger {
  // An append stream, not a write per line: the log must never block the event loop that streams answers.
  // The durable record of a request is the decision store; the log is for people reading what happened.
  const out = createWriteStream(path.join(home, LOG_FILE), { flags: 'a', mode: 0o600 });
  // A full disk must not take the daemon down with it.
  out.on('error', () => undefined);
  const write = (level: string, event: string, fields: Record<string, unknown> = {}) => {
    const line = `${JSON.stringify({ at: new Date().toISOString(), level, event, ...clean(fields) })}\n`;
    if (out.writable) out.write(line);
    echo?.write(line);
  };
  return { info: (e, f) => write('info', e, f), error: (e, f) => write('error', e, f) };
}
