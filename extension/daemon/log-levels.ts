// airlockd writes JSON lines ({at, level, event, …fields}); the extension's log channel has levels of its own. Each
// daemon line goes to the channel at its level, as "event key=value …", so the user's level filter applies to it too.
export interface LevelledLog {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** One daemon log line → its level and a readable message; a line that is not JSON (launch output) is info as is. */
export function parseDaemonLine(line: string): { level: keyof LevelledLog; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { level: 'info', message: line };
  }
  if (typeof parsed !== 'object' || parsed === null) return { level: 'info', message: line };
  const { at: _at, level, event, ...fields } = parsed as Record<string, unknown>;
  const known: (keyof LevelledLog)[] = ['trace', 'debug', 'info', 'warn', 'error'];
  const lvl = known.includes(level as keyof LevelledLog) ? (level as keyof LevelledLog) : level === 'fatal' ? 'error' : 'info';
  const rest = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
  return { level: lvl, message: `airlockd: ${String(event ?? '')}${rest ? ` ${rest}` : ''}` };
}

/** Appends a chunk of daemon log text (whole lines; a partial last line is written as it is). */
export function writeDaemonLog(channel: LevelledLog, text: string): void {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const { level, message } = parseDaemonLine(line);
    channel[level](message);
  }
}
