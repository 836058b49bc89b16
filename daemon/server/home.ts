// Making the Airlock home (0700) and the daemon token (0600), once, re-used across restarts so clients configured
// earlier keep working. Where the home is and the token's format are protocol/node/home.ts (shared with clients).
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { readToken, TOKEN_FILE, TOKEN_SHAPE } from '../../protocol/node/home';

export { LOG_FILE, PID_FILE, readToken, SOCKET_FILE, STATE_FILE, TOKEN_FILE } from '../../protocol/node/home';

export function ensureHome(home: string): string {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  chmodSync(home, 0o700);
  return home;
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
