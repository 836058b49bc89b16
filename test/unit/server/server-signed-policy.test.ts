// requireSignedPolicy in a real airlockd: the policy runs only when the real `ssh-keygen -Y sign` signature next to it
// verifies against the config's allowed_signers; everything else is AIRLOCK_E_POLICY_SIGNATURE, at start, on
// policy/set and on reload (where the last verified policy stays active).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { startDaemon } from '../../../daemon/server/daemon';
import { AirlockError, type DaemonNotifications } from '../../../protocol';
import { envOnlyKeys, startTestDaemon, tempHome } from '../../helpers/daemon';

const refused = (code: string, reason?: RegExp) => (e: unknown) => e instanceof AirlockError && e.code === code && (!reason || reason.test(e.message));
const STRICT = readFileSync(path.join(import.meta.dirname, '../../../presets/strict.yaml'), 'utf8');
const TEAM = STRICT.replace(/^name: .*$/m, 'name: team');
const CONFIG = 'policy: ./team.yaml\nrequireSignedPolicy: true\nallowedSigners: ./allowed_signers\n';

/** A home with a team key, its allowed_signers entry, team.yaml and (when `signed`) team.yaml.sig. */
function teamHome(t: TestContext, signed: boolean, config = CONFIG): string {
  const home = tempHome(t, config);
  const key = path.join(home, 'team-key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'policy@team', '-f', key]);
  writeFileSync(path.join(home, 'allowed_signers'), `policy@team namespaces="airlock-policy" ${readFileSync(`${key}.pub`, 'utf8')}`);
  writeFileSync(path.join(home, 'team.yaml'), TEAM);
  if (signed) execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-n', 'airlock-policy', '-f', key, path.join(home, 'team.yaml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  return home;
}

/** Starts airlockd expecting a refusal; one that starts anyway is stopped, so the failure cannot hang the run. */
function startRefused(home: string) {
  const env = { AIRLOCK_HOME: home };
  return startDaemon({ port: 0, keys: envOnlyKeys(env), log: { info() {}, error() {} }, env }).then(async (d) => {
    await d.stop();
    throw new Error('the daemon started');
  });
}

function changed(client: { onNotification: (m: 'policy/changed', f: (n: DaemonNotifications['policy/changed']) => void) => () => void }) {
  return new Promise<DaemonNotifications['policy/changed']>((resolve) => {
    const off = client.onNotification('policy/changed', (n) => {
      off();
      resolve(n);
    });
  });
}

test('a signed policy runs; an unsigned preset cannot be switched to; a tampered reload keeps the verified one', { timeout: 30_000 }, async (t) => {
  const lines: string[] = [];
  const home = teamHome(t, true);
  const d = await startTestDaemon(t, { home, log: { info: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f)}`), error: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f)}`) } });
  const client = await d.client();
  const active = await client.request('policy/get', {});
  assert.equal(active.file, path.join(home, 'team.yaml'));
  assert.ok(lines.some((l) => l.startsWith('policy signature verified') && l.includes('policy@team')), lines.join('\n'));

  await assert.rejects(client.request('policy/set', { policy: 'cost-saver' }), refused('AIRLOCK_E_POLICY_SIGNATURE', /no signature/));
  await assert.rejects(client.request('chat/send', { requestId: 'c1', text: 'hi', facts: { source: 'chat', interactive: true }, policy: 'cost-saver' }), refused('AIRLOCK_E_POLICY_SIGNATURE'));

  const note = changed(client);
  writeFileSync(path.join(home, 'team.yaml'), TEAM.replace(/default:\n {2}route: \w+/, 'default:\n  route: hosted'));
  const n = await note;
  assert.ok('error' in n && n.error.code === 'AIRLOCK_E_POLICY_SIGNATURE' && /changed after signing/.test(n.error.message), JSON.stringify(n));
  assert.equal((await client.request('policy/get', {})).hash, active.hash, 'the last verified policy stays active');
});

test('an unsigned policy stops the daemon from starting, with the coded error', async (t) => {
  await assert.rejects(startRefused(teamHome(t, false)), refused('AIRLOCK_E_POLICY_SIGNATURE', /team\.yaml.*no signature/));
});

test('requireSignedPolicy without allowedSigners is a config error', async (t) => {
  await assert.rejects(startRefused(teamHome(t, true, 'policy: ./team.yaml\nrequireSignedPolicy: true\n')), refused('AIRLOCK_E_CONFIG_INVALID', /allowedSigners/));
});
