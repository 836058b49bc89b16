// The machine-wide config in a real airlockd, with a temp folder standing in for /etc/airlock: the keys it sets win
// over the user's ~/.airlock/config.yaml (lockPolicy with its policy, requireSignedPolicy with its allowedSigners,
// policyDirs), at start and on reload of either file; a broken machine file stops the start and, on reload, keeps
// the last good settings.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { loadLayeredConfig } from '../../../daemon/config';
import { startDaemon } from '../../../daemon/server/daemon';
import { AirlockError, type DaemonNotifications } from '../../../protocol';
import { envOnlyKeys, startTestDaemon, tempHome } from '../../helpers/daemon';

const refused = (code: string, reason?: RegExp) => (e: unknown) => e instanceof AirlockError && e.code === code && (!reason || reason.test(e.message));
const OPEN_PRESET = 'name: open\nversion: "1.0.0"\ndescription: everything hosted\nclasses: { local: {}, hosted: {} }\nrules: []\ndefault: { route: hosted }\n';

/** A temp folder standing in for /etc/airlock, holding `config.yaml` with `text`. */
function etc(t: TestContext, text: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-etc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'config.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

function changed(client: { onNotification: (m: 'policy/changed', f: (n: DaemonNotifications['policy/changed']) => void) => () => void }) {
  return new Promise<DaemonNotifications['policy/changed']>((resolve) => {
    const off = client.onNotification('policy/changed', (n) => {
      off();
      resolve(n);
    });
  });
}

test("a machine-wide lock wins over the user's config, and only the machine file can lift it", { timeout: 30_000 }, async (t) => {
  const machine = etc(t, 'policy: strict\nlockPolicy: true\n');
  const home = tempHome(t, 'policy: cost-saver\nlockPolicy: false\n');
  const d = await startTestDaemon(t, { home, env: { AIRLOCK_MACHINE_CONFIG: machine.file } });
  const client = await d.client();
  const active = await client.request('policy/get', {});
  assert.equal(active.name, 'strict');
  assert.equal(active.locked, true);
  assert.deepEqual(active.managed, { file: machine.file, keys: ['lockPolicy', 'policy', 'policySource'] });
  await assert.rejects(client.request('policy/set', { policy: 'cost-saver' }), refused('AIRLOCK_E_POLICY_LOCKED', new RegExp(machine.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))));

  // The user edits their own config to unlock and to name another policy: nothing changes.
  let note = changed(client);
  writeFileSync(path.join(home, 'config.yaml'), 'policy: local-only\nlockPolicy: false\n# edited\n');
  let n = await note;
  assert.ok('policy' in n && n.policy.name === 'strict' && n.policy.locked === true, JSON.stringify(n));
  await assert.rejects(client.request('policy/set', { policy: 'local-only' }), refused('AIRLOCK_E_POLICY_LOCKED'));

  // A broken machine file keeps the last good settings, with the coded error.
  note = changed(client);
  writeFileSync(machine.file, 'lockPolicy: maybe\n');
  n = await note;
  assert.ok('error' in n && n.error.code === 'AIRLOCK_E_CONFIG_INVALID' && n.error.message.includes(machine.file), JSON.stringify(n));
  await assert.rejects(client.request('policy/set', { policy: 'local-only' }), refused('AIRLOCK_E_POLICY_LOCKED'));

  // The administrator lifts the lock: the user's own policy applies again.
  note = changed(client);
  writeFileSync(machine.file, 'lockPolicy: false\n');
  n = await note;
  assert.ok('policy' in n && n.policy.name === 'local-only' && n.policy.locked === false, JSON.stringify(n));
  assert.equal((await client.request('policy/set', { policy: 'cost-saver' })).name, 'cost-saver');
});

test('lockPolicy in the machine file without a policy locks the default, not the policy the user names', async (t) => {
  const machine = etc(t, 'lockPolicy: true\n');
  const d = await startTestDaemon(t, { config: 'policy: cost-saver\n', env: { AIRLOCK_MACHINE_CONFIG: machine.file } });
  const client = await d.client();
  assert.equal((await client.request('policy/get', {})).name, 'balanced');
  await assert.rejects(client.request('policy/set', { policy: 'cost-saver' }), refused('AIRLOCK_E_POLICY_LOCKED'));
});

test("the machine's requireSignedPolicy cannot be switched off by the user: an unsigned policy does not start", async (t) => {
  const machine = etc(t, 'requireSignedPolicy: true\nallowedSigners: ./allowed_signers\n');
  writeFileSync(path.join(machine.dir, 'allowed_signers'), '');
  const home = tempHome(t, 'requireSignedPolicy: false\npolicy: cost-saver\n');
  const env = { AIRLOCK_HOME: home, AIRLOCK_MACHINE_CONFIG: machine.file };
  const start = startDaemon({ port: 0, keys: envOnlyKeys(env), log: { info() {}, error() {} }, env }).then(async (d) => {
    await d.stop();
    throw new Error('the daemon started');
  });
  await assert.rejects(start, refused('AIRLOCK_E_POLICY_SIGNATURE', /cost-saver.*no signature/));
  // The user's own allowedSigners does not replace the machine's either.
  writeFileSync(path.join(home, 'config.yaml'), 'allowedSigners: ./mine\n');
  const config = loadLayeredConfig(path.join(home, 'config.yaml'), machine.file);
  assert.equal(config.allowedSigners, path.join(machine.dir, 'allowed_signers'));
  assert.equal(config.requireSignedPolicy, true);
});

test("the machine's policyDirs replace the user's; keys it does not set stay the user's", async (t) => {
  const machine = etc(t, 'policyDirs: [./team]\n');
  mkdirSync(path.join(machine.dir, 'team'));
  writeFileSync(path.join(machine.dir, 'team', 'team.yaml'), OPEN_PRESET.replace('name: open', 'name: team'));
  const home = tempHome(t, 'policyDirs: [./mine]\nstorePrompts: none\n');
  mkdirSync(path.join(home, 'mine'));
  writeFileSync(path.join(home, 'mine', 'open.yaml'), OPEN_PRESET);
  const d = await startTestDaemon(t, { home, env: { AIRLOCK_MACHINE_CONFIG: machine.file } });
  const client = await d.client();
  const active = await client.request('policy/get', {});
  assert.ok(active.available.includes('team') && !active.available.includes('open'), active.available.join(', '));
  await assert.rejects(client.request('policy/set', { policy: 'open' }), (e) => e instanceof AirlockError && /no preset 'open'/.test(e.message));
  assert.equal((await client.request('policy/set', { policy: 'team' })).name, 'team');
  assert.equal(loadLayeredConfig(path.join(home, 'config.yaml'), machine.file).storePrompts, 'none');
});

test('a broken machine file stops airlockd from starting, naming the file', async (t) => {
  const machine = etc(t, 'lockPolicy: [\n');
  const home = tempHome(t);
  const env = { AIRLOCK_HOME: home, AIRLOCK_MACHINE_CONFIG: machine.file };
  const start = startDaemon({ port: 0, keys: envOnlyKeys(env), log: { info() {}, error() {} }, env }).then(async (d) => {
    await d.stop();
    throw new Error('the daemon started');
  });
  await assert.rejects(start, refused('AIRLOCK_E_CONFIG_PARSE', new RegExp(path.basename(machine.dir))));
});
