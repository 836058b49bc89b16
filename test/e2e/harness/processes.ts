// Process-group management so no code-server (or its extension host, pty host, file watcher) outlives a test.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readdirSync, readFileSync } from 'node:fs';

/** Every process the harness starts carries this variable; descendants inherit it, which lets us find strays. */
export const RUN_MARKER_VAR = 'AIRLOCK_E2E_RUN_DIR';

/** Live process groups, each with what to do synchronously if the test process dies before stopping it. */
const liveGroups = new Map<number, () => void>();
let exitHookInstalled = false;

/**
 * Starts `command` as the leader of its own process group, output appended to `logPath`. `onForcedExit` runs
 * (synchronously) after the group is killed if this process exits or is signalled before killGroup ran.
 */
export function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv, logPath: string, onForcedExit: () => void = () => undefined): ChildProcess {
  installExitHook();
  const logFd = openSync(logPath, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', logFd, logFd], env });
    if (child.pid !== undefined) liveGroups.set(child.pid, onForcedExit);
    return child;
  } finally {
    closeSync(logFd);
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

/** SIGTERM the whole group, SIGKILL whatever is left after `graceMs`, then sweep strays that left the group. */
export async function killGroup(pgid: number, markerValue: string, graceMs = 3000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
  while (groupAlive(pgid)) await sleep(20);
  liveGroups.delete(pgid);
  killStrays(markerValue);
}

/** Processes that called setsid (terminals) leave the group; find them by the inherited marker variable. */
export function findStrays(markerValue: string): number[] {
  const needle = `${RUN_MARKER_VAR}=${markerValue}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(needle)) found.push(pid);
    } catch {
      // Exited meanwhile, or not ours to read.
    }
  }
  return found;
}

export function killStrays(markerValue: string): void {
  for (const pid of findStrays(markerValue)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/** Last resort when the test process dies before cleanup ran: synchronous, so it works inside 'exit'. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const [pgid, onForcedExit] of liveGroups) {
      signalGroup(pgid, 'SIGKILL');
      try {
        onForcedExit();
      } catch {
        // Best effort while exiting.
      }
    }
    liveGroups.clear();
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
