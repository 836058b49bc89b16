// Finding, starting and stopping the background airlockd from the CLI. `start` re-runs this same program
// (node + its loader flags + entry: tsx in a clone, dist/airlock.js when bundled) as `daemon run`, detached.
import { spawn } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import path from 'node:path';
import { AirlockError } from '../../protocol/errors';
import { DAEMON_ENV, DAEMON_NODE_ARGS, type ClientResults } from '../../protocol/methods';
import { isAlive, readPidFile } from '../../protocol/node/home';
import { airlockHome } from '../config';
import { connect, type DaemonClient } from '../server/client';
import { ensureHome, LOG_FILE, PID_FILE } from '../server/home';

export type Health = ClientResults['health/get'];

export function homeOf(env: NodeJS.ProcessEnv): string {
  return airlockHome(env);
}

/**
 * The running daemon's health, or null when none answers. Something that answers but fails the handshake (an
 * impostor on the port, a token that is not the daemon's) is an error: starting a daemon would not fix it.
 */
export async function probe(home: string, env: NodeJS.ProcessEnv = process.env): Promise<Health | null> {
  let client: DaemonClient | undefined;
  try {
    client = await connect({ home, env, timeoutMs: 2000 });
    return await client.request('health/get', {});
  } catch (err) {
    if (err instanceof AirlockError && (err.code === 'AIRLOCK_E_DAEMON_IMPOSTOR' || err.code === 'AIRLOCK_E_UNAUTHORIZED')) throw err;
    return null;
  } finally {
    client?.close();
  }
}

export function readPid(home: string): number | null {
  return readPidFile(path.join(home, PID_FILE));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function logTail(home: string): string {
  try {
    return readFileSync(path.join(home, LOG_FILE), 'utf8').split('\n').slice(-8).join('\n');
  } catch {
    return '';
  }
}

/** Starts airlockd in the background unless one answers; resolves with its health and whether it was started. */
export async function ensureDaemon(env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<{ health: Health; started: boolean }> {
  const home = ensureHome(homeOf(env));
  const running = await probe(home, env);
  if (running) return { health: running, started: false };
  const entry = process.argv[1];
  if (!entry) throw new AirlockError('AIRLOCK_E_INTERNAL', 'cannot tell which program to run as the daemon');
  const log = openSync(path.join(home, LOG_FILE), 'a', 0o600);
  const child = spawn(process.execPath, [...DAEMON_NODE_ARGS, ...process.execArgv, entry, 'daemon', 'run'], {
    detached: true, stdio: ['ignore', log, log], env: { ...DAEMON_ENV, ...env }, cwd: process.cwd(),
  });
  closeSync(log);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  child.unref();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await sleep(150);
    const health = await probe(home, env);
    if (health) return { health, started: true };
    if (exited !== null) break;
  }
  throw new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `airlockd did not start${exited !== null ? ` (exit ${exited})` : ''}; the end of ${path.join(home, LOG_FILE)}:\n${logTail(home)}`);
}

/** Asks the daemon to shut down, then SIGTERM via the pid file; resolves once the process is gone. */
export async function stopDaemon(home: string, timeoutMs = 10_000, env: NodeJS.ProcessEnv = process.env): Promise<{ wasRunning: boolean }> {
  const pid = readPid(home);
  let asked = false;
  try {
    const client = await connect({ home, env, timeoutMs: 2000 });
    await client.request('daemon/shutdown', {}).finally(() => client.close());
    asked = true;
  } catch {
    // Not reachable over the socket: fall back to the signal.
  }
  if (!pid || !isAlive(pid)) return { wasRunning: asked };
  const deadline = Date.now() + timeoutMs;
  let signalled = false;
  while (isAlive(pid)) {
    if (!asked || (Date.now() > deadline - timeoutMs / 2 && !signalled)) {
      process.kill(pid, 'SIGTERM');
      signalled = true;
      asked = true;
    }
    if (Date.now() > deadline) throw new AirlockError('AIRLOCK_E_INTERNAL', `airlockd (pid ${pid}) did not stop within ${timeoutMs} ms`);
    await sleep(100);
  }
  return { wasRunning: true };
}
