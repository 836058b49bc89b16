// The extension's launcher (with real child processes standing in for dist/airlock.js), the log follower and the
// token reader.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { LAUNCH_MARKER } from '../../../extension/daemon/lease';
import { DaemonLauncher } from '../../../extension/daemon/launcher';
import { LogFollower } from '../../../extension/daemon/log-follower';
import { readToken } from '../../../protocol/node/home';
import { tempHome } from '../../helpers/daemon';

/** An extension folder whose dist/airlock.js runs `body` (and counts its runs in `runs`). */
function fakeExtension(t: TestContext, body: string): { extensionPath: string; runs: () => number } {
  const extensionPath = tempHome(t);
  const counter = path.join(extensionPath, 'runs');
  writeFileSync(counter, '');
  mkdirSync(path.join(extensionPath, 'dist'));
  writeFileSync(path.join(extensionPath, 'dist', 'airlock.js'), `require('node:fs').appendFileSync(${JSON.stringify(counter)}, 'x');\n${body}\n`);
  return { extensionPath, runs: () => readFileSync(counter, 'utf8').length };
}

function launcher(extensionPath: string, home: string, lines: string[] = [], nodePath = process.execPath): DaemonLauncher {
  return new DaemonLauncher({ extensionPath, nodePath, home, log: (l) => lines.push(l), settleMs: 60_000 });
}

test('a daemon that dies at once is explained, and the next call tries again', async (t) => {
  const { extensionPath, runs } = fakeExtension(t, "console.error('Error: listen EADDRINUSE: address already in use 127.0.0.1:47611'); process.exit(1);");
  const home = path.join(tempHome(t), 'home');
  const lines: string[] = [];
  const l = launcher(extensionPath, home, lines);
  const first = await l.ensureStarted();
  assert.deepEqual(first, { started: false, problem: 'airlockd could not start: its port is taken by another program; set `port` in ~/.airlock/config.yaml to a free one (the extension finds the daemon through its socket and state file)' });
  assert.ok(lines.includes(first.started ? '' : first.problem));
  assert.equal((await l.ensureStarted()).started, false);
  assert.equal(runs(), 2, 'a failure is not cached');
});

test('concurrent calls share one launch; a success is kept', async (t) => {
  const { extensionPath, runs } = fakeExtension(t, 'process.exit(0);');
  const l = launcher(extensionPath, path.join(tempHome(t), 'home'));
  const [a, b] = await Promise.all([l.ensureStarted(), l.ensureStarted()]);
  assert.equal(a, b);
  assert.equal(a.started, true);
  assert.equal((await l.ensureStarted()).started, true);
  assert.equal(runs(), 1);
});

test('a home that cannot be created, a missing Node or a missing bundle is an outcome, never a rejection', async (t) => {
  const { extensionPath } = fakeExtension(t, 'process.exit(0);');
  const blocker = path.join(tempHome(t), 'file');
  writeFileSync(blocker, '');
  const unmakeable = await launcher(extensionPath, path.join(blocker, 'home')).ensureStarted();
  assert.equal(unmakeable.started, false);
  assert.match(unmakeable.started ? '' : unmakeable.problem, /^airlockd could not start: ENOTDIR/);
  const noNode = await launcher(extensionPath, path.join(tempHome(t), 'home'), [], '/nonexistent/node').ensureStarted();
  assert.match(noNode.started ? '' : noNode.problem, /^no Node\.js at "\/nonexistent\/node"/);
  const noBundle = await launcher(tempHome(t), path.join(tempHome(t), 'home')).ensureStarted();
  assert.match(noBundle.started ? '' : noBundle.problem, /dist\/airlock\.js is missing/);
});

test('the log follower shows the tail of an existing log, then what is appended, and starts over after truncation', (t) => {
  const file = path.join(tempHome(t), 'airlockd.log');
  writeFileSync(file, `${'old line\n'.repeat(10)}recent\n`);
  const seen: string[] = [];
  const follower = new LogFollower([file, path.join(tempHome(t), 'missing.log')], (text) => seen.push(text), 7);
  follower.start(3_600_000);
  t.after(() => follower.dispose());
  assert.deepEqual(seen, ['recent\n']);
  appendFileSync(file, 'next\n');
  follower.poll();
  assert.deepEqual(seen, ['recent\n', 'next\n']);
  follower.poll();
  assert.equal(seen.length, 2, 'nothing new, nothing shown');
  truncateSync(file, 0);
  appendFileSync(file, 'after rotation\n');
  follower.poll();
  assert.deepEqual(seen.at(-1), 'after rotation\n');
});

test('the token reader: missing means no daemon ran (a refusal the launcher can fix); damaged is named', (t) => {
  const home = tempHome(t);
  assert.throws(() => readToken(home), (err: Error & { code?: string; details?: { refused?: boolean } }) =>
    err.code === 'AIRLOCK_E_DAEMON_UNREACHABLE' && err.details?.refused === true && /airlock daemon start/.test(err.message));
  writeFileSync(path.join(home, 'token'), 'not-a-token\n');
  assert.throws(() => readToken(home), (err: Error & { code?: string }) => err.code === 'AIRLOCK_E_UNAUTHORIZED' && /damaged/.test(err.message));
  const token = 'ab'.repeat(32);
  writeFileSync(path.join(home, 'token'), `${token}\n`);
  assert.equal(readToken(home), token);
});

test('the daemon it starts gets VS Code\'s http.proxy, http.noProxy and http.proxyStrictSSL as HTTPS_PROXY, NO_PROXY…', async (t) => {
  const seen = path.join(tempHome(t), 'env.json');
  const { extensionPath } = fakeExtension(t, `const e = process.env; require('node:fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ HTTPS_PROXY: e.HTTPS_PROXY, HTTP_PROXY: e.HTTP_PROXY, NO_PROXY: e.NO_PROXY, AIRLOCK_PROXY_STRICT_SSL: e.AIRLOCK_PROXY_STRICT_SSL })); process.exit(0);`);
  const start = (proxy: ConstructorParameters<typeof DaemonLauncher>[0]['proxy'], env: NodeJS.ProcessEnv = {}) => new DaemonLauncher({
    extensionPath, nodePath: process.execPath, home: path.join(tempHome(t), 'home'), log: () => undefined, settleMs: 60_000, proxy, env: { PATH: process.env.PATH, ...env },
  }).ensureStarted();
  assert.equal((await start({ proxy: 'http://proxy.corp:3128', noProxy: ['internal.corp', ' .lan '], strictSSL: false })).started, true);
  assert.deepEqual(JSON.parse(readFileSync(seen, 'utf8')), { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'internal.corp,.lan', AIRLOCK_PROXY_STRICT_SSL: 'false' });
  // Unset settings leave the user's own environment alone.
  await start({ noProxy: [], strictSSL: true }, { HTTPS_PROXY: 'http://from-shell:8080' });
  assert.deepEqual(JSON.parse(readFileSync(seen, 'utf8')), { HTTPS_PROXY: 'http://from-shell:8080' });
});

test('the daemon it starts gets the daemon environment (two malloc arenas), unless the user set it', async (t) => {
  const seen = path.join(tempHome(t), 'env.json');
  const { extensionPath } = fakeExtension(t, `require('node:fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX })); process.exit(0);`);
  const start = (env: NodeJS.ProcessEnv) => new DaemonLauncher({
    extensionPath, nodePath: process.execPath, home: path.join(tempHome(t), 'home'), log: () => undefined, settleMs: 60_000, env: { PATH: process.env.PATH, ...env },
  }).ensureStarted();
  await start({});
  assert.deepEqual(JSON.parse(readFileSync(seen, 'utf8')), { MALLOC_ARENA_MAX: '2' });
  await start({ MALLOC_ARENA_MAX: '8' });
  assert.deepEqual(JSON.parse(readFileSync(seen, 'utf8')), { MALLOC_ARENA_MAX: '8' });
});

test('a daemon that outlives the settle time is marked as launched by the extension (its pid), one that exits is not', async (t) => {
  const { extensionPath } = fakeExtension(t, 'setInterval(() => {}, 1 << 30);');
  const home = path.join(tempHome(t), 'home');
  const l = new DaemonLauncher({ extensionPath, nodePath: process.execPath, home, log: () => undefined, settleMs: 50 });
  const outcome = await l.ensureStarted();
  t.after(() => outcome.started && process.kill(outcome.pid, 'SIGKILL'));
  assert.equal(outcome.started, true);
  assert.equal(readFileSync(path.join(home, LAUNCH_MARKER), 'utf8').trim(), String(outcome.started ? outcome.pid : 0));

  const { extensionPath: quick } = fakeExtension(t, 'process.exit(0);');
  const otherHome = path.join(tempHome(t), 'home');
  assert.equal((await launcher(quick, otherHome).ensureStarted()).started, true);
  assert.equal(existsSync(path.join(otherHome, LAUNCH_MARKER)), false, 'exit 0 means another daemon answers: not ours to stop');
});
