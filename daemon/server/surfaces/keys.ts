// Endpoint keys: what other tools (Continue, Cline, Aider, Zed, the OpenAI/Anthropic/Ollama SDKs) present to the
// HTTP surfaces. They are not the daemon token: a key goes into settings files and environments, so it can only send
// model requests, is named (one per tool) and revocable, and only its SHA-256 is stored, in `<home>/endpoint-keys.json`
// (0600). Keys are 32 random bytes, so a plain hash is enough: there is nothing to brute-force.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AirlockError } from '../../../protocol/errors';

export const ENDPOINT_KEYS_FILE = 'endpoint-keys.json';
const PREFIX = 'airlock-';

export interface EndpointKey {
  name: string;
  /** sha256 of the key, hex. */
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

interface KeysFile {
  version: 1;
  keys: EndpointKey[];
}

const hashOf = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** A key's shape, checked before hashing so junk is refused cheaply and a key is recognisable in a URL path. */
export const KEY_SHAPE = /^airlock-[A-Za-z0-9_-]{43}$/;

function readKeys(file: string): KeysFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, keys: [] };
    throw err;
  }
  const parsed = JSON.parse(text) as KeysFile;
  if (parsed?.version !== 1 || !Array.isArray(parsed.keys)) throw new AirlockError('AIRLOCK_E_INPUT', `${file} is not an endpoint key file; move it away and create keys again`);
  return parsed;
}

function writeKeys(file: string, data: KeysFile): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Creation, listing and revocation: the CLI edits the file directly (the daemon notices the change). */
export function endpointKeyFile(home: string) {
  const file = path.join(home, ENDPOINT_KEYS_FILE);
  return {
    file,
    list(): EndpointKey[] {
      return readKeys(file).keys;
    },
    /** Makes a new key named `name`, returns it in the clear (the only time it exists outside the client). */
    create(name: string, now: Date): string {
      if (!NAME.test(name)) throw new AirlockError('AIRLOCK_E_USAGE', `a key name is 1-64 letters, digits, '.', '_' or '-', not '${name}'`);
      const data = readKeys(file);
      if (data.keys.some((k) => k.name === name && !k.revokedAt)) throw new AirlockError('AIRLOCK_E_USAGE', `a key named '${name}' exists; revoke it first or pick another name`);
      const key = PREFIX + randomBytes(32).toString('base64url');
      data.keys.push({ name, hash: hashOf(key), createdAt: now.toISOString() });
      writeKeys(file, data);
      return key;
    },
    revoke(name: string, now: Date): boolean {
      const data = readKeys(file);
      const live = data.keys.filter((k) => k.name === name && !k.revokedAt);
      for (const k of live) k.revokedAt = now.toISOString();
      if (live.length) writeKeys(file, data);
      return live.length > 0;
    },
  };
}

/** The daemon's view: which client, if any, a presented key belongs to. Re-reads the file when it changes. */
export function endpointKeyVerifier(home: string): (presented: string) => string | null {
  const file = path.join(home, ENDPOINT_KEYS_FILE);
  let stamp = '';
  let live: { name: string; hash: Buffer }[] = [];
  const refresh = () => {
    let now = 'absent';
    try {
      const st = statSync(file);
      now = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      // No file: no keys.
    }
    if (now === stamp) return;
    stamp = now;
    try {
      live = readKeys(file).keys.filter((k) => !k.revokedAt).map((k) => ({ name: k.name, hash: Buffer.from(k.hash, 'hex') }));
    } catch {
      // A damaged file admits nobody (fail closed).
      live = [];
    }
  };
  return (presented) => {
    if (!KEY_SHAPE.test(presented)) return null;
    refresh();
    const hash = createHash('sha256').update(presented, 'utf8').digest();
    let found: string | null = null;
    // Compare against every key so the time does not depend on which one matched.
    for (const k of live) if (k.hash.length === hash.length && timingSafeEqual(k.hash, hash)) found = k.name;
    return found;
  };
}
