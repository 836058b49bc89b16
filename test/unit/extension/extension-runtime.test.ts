// Which Node runs the daemon the extension starts: VS Code's own runtime in an installed package whose native modules
// match its ABI, a clear refusal when they do not, `node` in a source checkout, and the setting above all.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DaemonLauncher } from '../../../extension/daemon/launcher';
import { chooseRuntime, readNativeManifest } from '../../../extension/daemon/runtime';
import { tempHome } from '../../helpers/daemon';

const packaged = { target: 'linux-x64', abis: [115, 127], runtimes: ['node v20.20.2 (ABI 115)', 'node v22.23.5 (ABI 127)'] };
const vscodeRuntime = { execPath: '/opt/vscode/code', abi: '127' };

test('an installed package runs the daemon on VS Code\'s runtime as plain Node', () => {
  const choice = chooseRuntime({ nodePath: undefined, native: packaged, ...vscodeRuntime });
  assert.deepEqual(choice.ok && { command: choice.runtime.command, runAsNode: choice.runtime.runAsNode }, { command: '/opt/vscode/code', runAsNode: true });
});

test('a package built for other ABIs is refused with both ABIs named, before anything is spawned', () => {
  const choice = chooseRuntime({ nodePath: undefined, native: packaged, execPath: '/opt/vscode/code', abi: '136' });
  assert.equal(choice.ok, false);
  assert.match(choice.ok ? '' : choice.problem, /node v22\.23\.5 \(ABI 127\).*this VS Code runs ABI 136.*airlock\.nodePath/);
});

test('airlock.nodePath wins; a source checkout uses node on PATH; neither runs as Electron', () => {
  const set = chooseRuntime({ nodePath: '/usr/local/bin/node', native: packaged, ...vscodeRuntime });
  assert.deepEqual(set.ok && [set.runtime.command, set.runtime.runAsNode], ['/usr/local/bin/node', false]);
  const checkout = chooseRuntime({ nodePath: undefined, native: undefined, ...vscodeRuntime });
  assert.deepEqual(checkout.ok && [checkout.runtime.command, checkout.runtime.runAsNode], ['node', false]);
});

test('dist/native.json is read as scripts/package.mjs writes it; absent or damaged means a source checkout', (t) => {
  const ext = tempHome(t);
  assert.equal(readNativeManifest(ext), undefined);
  mkdirSync(path.join(ext, 'dist'));
  writeFileSync(path.join(ext, 'dist', 'native.json'), '{ not json');
  assert.equal(readNativeManifest(ext), undefined);
  writeFileSync(path.join(ext, 'dist', 'native.json'), JSON.stringify(packaged));
  assert.deepEqual(readNativeManifest(ext), packaged);
});

test('the launcher passes ELECTRON_RUN_AS_NODE=1 only for VS Code\'s runtime, and an unavailable runtime spawns nothing', async (t) => {
  const ext = tempHome(t);
  const seen = path.join(ext, 'seen');
  mkdirSync(path.join(ext, 'dist'));
  writeFileSync(path.join(ext, 'dist', 'airlock.js'), `require('node:fs').writeFileSync(${JSON.stringify(seen)}, String(process.env.ELECTRON_RUN_AS_NODE)); process.exit(0);`);
  const start = (options: Partial<ConstructorParameters<typeof DaemonLauncher>[0]>) => new DaemonLauncher({
    extensionPath: ext, nodePath: process.execPath, home: path.join(tempHome(t), 'home'), log: () => undefined, settleMs: 60_000,
    env: { PATH: process.env.PATH, ELECTRON_RUN_AS_NODE: '1' }, ...options,
  }).ensureStarted();
  assert.equal((await start({ runAsNode: true })).started, true);
  assert.equal(readFileSync(seen, 'utf8'), '1');
  assert.equal((await start({})).started, true);
  assert.equal(readFileSync(seen, 'utf8'), 'undefined', 'another Node does not inherit the variable');
  writeFileSync(seen, 'untouched');
  const refused = await start({ unavailable: 'no runtime fits' });
  assert.deepEqual(refused, { started: false, problem: 'airlockd cannot start: no runtime fits' });
  assert.equal(readFileSync(seen, 'utf8'), 'untouched');
});
