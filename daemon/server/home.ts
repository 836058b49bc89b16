// The Airlock home (0700) and the daemon token: 32 random bytes, hex, in `<home>/token` (0600), made once and
// re-used so clients configured earlier keep working across restarts.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { AirlockError } from '../../protocol';

export const TOKEN_FILE = 'token';
export const LOG_FILE = 'airlockd.log';
export const PID_FILE = 'airlockd.pid';
export const STATE_FILE = 'airlockd.json';

export function ensureHome(home: string): string {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  chmodSync(home, 0o700);
  return home;
}

const TOKEN_SHAPE = /^[0-9a-f]{64}$/;

export function readToken(home: string): string {
  let text: string;
  try {
    text = readFileSync(path.join(home, TOKEN_FILE), 'utf8').trim();
  } catch {
    throw new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `no daemon token at ${path.join(home, TOKEN_FILE)}: start the daemon first (airlock daemon start)`);
  }
  if (!TOKEN_SHAPE.test(text)) throw new AirlockError('AIRLOCK_E_UNAUTHORIZED', `the token file ${path.join(home, TOKEN_FILE)} is damaged; delete it and restart the daemon`);
  return text;
}

/** The existing token, or a new one written with O_EXCL so two starting daemons cannot write different tokens. */
export function ensureToken(home: string): string {
  const file = path.join(home, TOKEN_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (TOKEN_SHAPE.test(existing)) {
      chmodSync(file, 0o600);
      return existing;
    }
  } catch {
    // No token yet.
  }
  const token = randomBytes(32).toString('hex');
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readToken(home);
    throw err;
  }
  try {
    writeSync(fd, `${token}\n`);
  } finally {
    closeSync(fd);
  }
  return token;
}

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual needs equal lengths; comparing b with itself keeps the time independent of the guess.
  return a.length === b.length ? timingSafeEqual(a, b) : (timingSafeEqual(b, b), false);
}
