// Making the Airlock home (0700) and the daemon token (0600), once, re-used across restarts so clients configured
// earlier keep working. Where the home is and the token's format are protocol/node/home.ts (shared with clients).
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readToken, TOKEN_FILE, TOKEN_SHAPE } from '../../protocol/node/home';

export { LOG_FILE, PID_FILE, readToken, SOCKET_FILE, STATE_FILE, TOKEN_FILE } from '../../protocol/node/home';

export function ensureHome(home: string): string {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  chmodSync(home, 0o700);
  return home;
}

/**
 * The existing token, or a new one. A new token is written whole to a private temp file and then hard-linked to its
 * name: the link fails if the name exists (two starting daemons cannot write different tokens), and a client reading
 * the name meanwhile sees either no file ("not started yet") or the whole token, never an empty or partial one (it
 * read an empty file under load and reported the token as damaged). `beforePublish` lets a test look in between.
 */
export function ensureToken(home: string, hooks: { beforePublish?: () => void } = {}): string {
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
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600, flag: 'wx' });
  try {
    hooks.beforePublish?.();
    linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readToken(home);
    throw err;
  } finally {
    rmSync(temp, { force: true });
  }
  return token;
}
