// The audit key: 32 random bytes (hex) in `<home>/audit.key`, 0600, made once by the daemon. Every chain entry
// carries `mac = HMAC-SHA256(key, "<seq>:<hash>")`, so an entry cannot be forged into the database, even with a
// correctly recomputed hash chain, by someone who has the database but not the key (a copy of the file, a backup,
// a tool that can write the store but not read the home). A file rather than the OS keychain: the CLI and a
// collector must read it without a desktop session, and it sits beside the token with the same protection.
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AirlockError } from '../../protocol/errors';

export const AUDIT_KEY_FILE = 'audit.key';
const KEY_SHAPE = /^[0-9a-f]{64}$/;

export function entryMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`${seq}:${hash}`).digest('hex');
}

/** The key, or null when there is no key file. A file that is there but not a key is an error, never replaced. */
export function readAuditKey(dir: string): Buffer | null {
  const file = join(dir, AUDIT_KEY_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AirlockError('AIRLOCK_E_AUDIT_KEY', `cannot read the audit key ${file}: ${(err as Error).message}`, { path: file });
  }
  if (!KEY_SHAPE.test(text)) throw new AirlockError('AIRLOCK_E_AUDIT_KEY', `the audit key ${file} is damaged (not 64 hex digits)`, { path: file });
  return Buffer.from(text, 'hex');
}

/** The existing key, or a new one written with O_EXCL (two starting daemons cannot write different keys). */
export function ensureAuditKey(dir: string): Buffer {
  const file = join(dir, AUDIT_KEY_FILE);
  const existing = readAuditKey(dir);
  if (existing) {
    chmodSync(file, 0o600);
    return existing;
  }
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readAuditKey(dir)!;
    throw err;
  }
  const key = randomBytes(32);
  try {
    writeSync(fd, `${key.toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return key;
}
