// Who still needs a daemon the extension started. Each window holds a lease file (`leases/window-<pid>`) in the
// Airlock home; the launcher leaves a marker with the pid it spawned. When a window closes it drops its lease, and if
// no live window holds one and the running daemon is the one an extension started, it stops it. A daemon the user
// started (CLI, `npm start`) has no marker, or a marker naming another pid, and is never stopped from here.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive, PID_FILE, readPidFile } from '../../protocol/node/home';

export { isAlive };

/** Written by the launcher: the pid of the daemon this extension spawned. */
export const LAUNCH_MARKER = 'airlockd.launched-by-extension';
const LEASES = 'leases';

const leaseFile = (home: string, windowPid: number) => path.join(home, LEASES, `window-${windowPid}`);

export function markLaunched(home: string, daemonPid: number): void {
  writeFileSync(path.join(home, LAUNCH_MARKER), `${daemonPid}\n`, { mode: 0o600 });
}

/** This window uses the daemon. */
export function takeLease(home: string, windowPid = process.pid): void {
  mkdirSync(path.join(home, LEASES), { recursive: true, mode: 0o700 });
  writeFileSync(leaseFile(home, windowPid), `${windowPid}\n`, { mode: 0o600 });
}

/** Windows (pids) still holding a lease; leases of windows that died without closing are removed. */
export function liveLeases(home: string): number[] {
  let names: string[];
  try {
    names = readdirSync(path.join(home, LEASES));
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = /^window-(\d+)$/.exec(name)?.[1];
    if (pid && isAlive(Number(pid))) live.push(Number(pid));
    else rmSync(path.join(home, LEASES, name), { force: true });
  }
  return live;
}

export type Release = { stopped: false; reason: 'others' | 'user-started' } | { stopped: true; pid: number };

/**
 * Drops this window's lease; when it was the last and the running daemon is the one an extension launched, sends it
 * SIGTERM (airlockd shuts down cleanly on it) and forgets the marker.
 */
export function releaseLease(home: string, windowPid = process.pid): Release {
  rmSync(leaseFile(home, windowPid), { force: true });
  if (liveLeases(home).length > 0) return { stopped: false, reason: 'others' };
  const marker = path.join(home, LAUNCH_MARKER);
  const launched = readPidFile(marker);
  const running = readPidFile(path.join(home, PID_FILE));
  // `airlock daemon run` writes its own pid file: the marker counts only while it names the daemon running now.
  if (launched === null || running !== launched || !isAlive(launched)) {
    rmSync(marker, { force: true });
    return { stopped: false, reason: 'user-started' };
  }
  process.kill(launched, 'SIGTERM');
  rmSync(marker, { force: true });
  return { stopped: true, pid: launched };
}
