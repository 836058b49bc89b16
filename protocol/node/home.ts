// The Airlock home and what lives in it, for every Node-side reader (daemon, CLI, extension): one rule for where the
// home is, one token format, one list of file names. Node only: the webview never imports protocol/node/.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AirlockError } from '../errors';

export const TOKEN_FILE = 'token';
export const LOG_FILE = 'airlockd.log';
export const PID_FILE = 'airlockd.pid';
export const STATE_FILE = 'airlockd.json';
export const SOCKET_FILE = 'airlockd.sock';
export const CONFIG_FILE = 'config.yaml';

/** 32 random bytes, hex. */
export const TOKEN_SHAPE = /^[0-9a-f]{64}$/;

/** `$AIRLOCK_HOME` or `~/.airlock`. */
export function airlockHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.AIRLOCK_HOME ? path.resolve(env.AIRLOCK_HOME) : path.join(os.homedir(), '.airlock');
}

/** `$AIRLOCK_CONFIG` or `<home>/config.yaml`. */
export function configFile(env: NodeJS.ProcessEnv = process.env, home = airlockHome(env)): string {
  return env.AIRLOCK_CONFIG ? path.resolve(env.AIRLOCK_CONFIG) : path.join(home, CONFIG_FILE);
}

// sun_path holds 104 (macOS) to 108 (Linux) bytes including the terminating NUL.
const MAX_SOCKET_PATH = 100;

/**
 * The Unix domain socket in the 0700 home, the default transport on Linux and macOS: only this user can reach it.
 * Null on Windows (TCP with the challenge–response there) and when the home path is too long for a socket name.
 */
export function socketPath(home: string, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') return null;
  const file = path.join(home, SOCKET_FILE);
  return Buffer.byteLength(file) <= MAX_SOCKET_PATH ? file : null;
}

/** The daemon token, checked for shape; a missing file means no daemon has ever run with this home. */
export function readToken(home: string): string {
  const file = path.join(home, TOKEN_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    // As good as nothing listening (`refused`): no daemon has run with this home, so starting one is the fix.
    throw new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `no token at ${file} (airlockd has not run with this home yet); start it with \`airlock daemon start\``, { file, refused: true });
  }
  if (!TOKEN_SHAPE.test(text)) throw new AirlockError('AIRLOCK_E_UNAUTHORIZED', `the token file ${file} is damaged: delete it and restart airlockd`);
  return text;
}

/** The pid a file holds (airlockd.pid, the extension's launch marker), or null when it is missing or not a pid. */
export function readPidFile(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
