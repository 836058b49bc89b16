// Window leases on a daemon the extension started (extension/daemon/lease.ts), with real processes standing in for
// airlockd and for other windows' extension hosts.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { LAUNCH_MARKER, liveLeases, markLaunched, releaseLease, takeLease } from '../../../extension/daemon/lease';
import { PID_FILE } from '../../../protocol/node/home';
import { tempHome } from '../../helpers/daemon';

/** A process that runs until killed; killed at the end of the test whatever happens. */
function sleeper(t: TestContext): ChildProcess & { pid: number } {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  t.after(() => child.kill('SIGKILL'));
  return child as ChildProcess & { pid: number };
}

/** A stand-in daemon: a live process with its pid in the home's pid file, as `airlock daemon run` writes it. */
function fakeDaemon(t: TestContext, home: string): ChildProcess & { pid: number } {
  const daemon = sleeper(t);
  writeFileSync(path.join(home, PID_FILE), `${daemon.pid}\n`);
  return daemon;
}

test('the last window to close stops the daemon an extension launched; earlier ones leave it running', async (t) => {
  const home = tempHome(t);
  const daemon = fakeDaemon(t, home);
  markLaunched(home, daemon.pid);
  const otherWindow = sleeper(t);
  takeLease(home, otherWindow.pid);
  takeLease(home, process.pid);
  assert.deepEqual(liveLeases(home).sort(), [otherWindow.pid, process.pid].sort());

  assert.deepEqual(releaseLease(home, process.pid), { stopped: false, reason: 'others' });
  assert.equal(daemon.exitCode, null);
  assert.equal(daemon.signalCode, null, 'still running while another window holds a lease');

  const exited = once(daemon, 'exit');
  assert.deepEqual(releaseLease(home, otherWindow.pid), { stopped: true, pid: daemon.pid });
  const [, signal] = await exited;
  assert.equal(signal, 'SIGTERM');
  assert.equal(existsSync(path.join(home, LAUNCH_MARKER)), false);
});

test('a window that died without closing does not keep the daemon alive', async (t) => {
  const home = tempHome(t);
  const daemon = fakeDaemon(t, home);
  markLaunched(home, daemon.pid);
  const crashed = sleeper(t);
  takeLease(home, crashed.pid);
  crashed.kill('SIGKILL');
  await once(crashed, 'exit');
  takeLease(home, process.pid);
  const exited = once(daemon, 'exit');
  assert.deepEqual(releaseLease(home, process.pid), { stopped: true, pid: daemon.pid });
  await exited;
  assert.deepEqual(liveLeases(home), []);
});

test('a daemon the user started is never stopped by a closing window', (t) => {
  const home = tempHome(t);
  const daemon = fakeDaemon(t, home);
  takeLease(home, process.pid);
  assert.deepEqual(releaseLease(home, process.pid), { stopped: false, reason: 'user-started' });
  assert.equal(daemon.signalCode, null);

  // A stale marker from an earlier extension-started daemon does not count for the user's new one.
  const earlier = sleeper(t);
  markLaunched(home, earlier.pid);
  takeLease(home, process.pid);
  assert.deepEqual(releaseLease(home, process.pid), { stopped: false, reason: 'user-started' });
  assert.equal(daemon.signalCode, null);
  assert.equal(earlier.signalCode, null);
  assert.equal(existsSync(path.join(home, LAUNCH_MARKER)), false, 'the stale marker is forgotten');
});
