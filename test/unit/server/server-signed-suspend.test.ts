// The decision on `requireSignedPolicy` switched on (by a config reload) while the running policy is unsigned: fail
// closed. airlockd takes the new config and refuses every request (AIRLOCK_E_POLICY_SIGNATURE) until the policy
// verifies — someone signs it, or a signed policy is chosen — then serves again without a restart.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AirlockError, type DaemonNotifications } from '../../../protocol';
import { within } from '../../helpers/bounded';
import { startTestDaemon, tempHome } from '../../helpers/daemon';

const STRICT = readFileSync(path.join(import.meta.dirname, '../../../presets/strict.yaml'), 'utf8');
const TEAM = STRICT.replace(/^name: .*$/m, 'name: team');
const facts = { source: 'chat' as const, interactive: true };
const refused = (code: string, reason?: RegExp) => (e: unknown) => e instanceof AirlockError && e.code === code && (!reason || reason.test(e.message));

function changed(client: { onNotification: (m: 'policy/changed', f: (n: DaemonNotifications['policy/changed']) => void) => () => void }) {
  return new Promise<DaemonNotifications['policy/changed']>((resolve) => {
    const off = client.onNotification('policy/changed', (n) => {
      off();
      resolve(n);
    });
  });
}

test('requireSignedPolicy turned on over an unsigned policy: no request is served until it is signed', { timeout: 30_000 }, async (t) => {
  const home = tempHome(t, 'policy: ./team.yaml\n');
  writeFileSync(path.join(home, 'team.yaml'), TEAM);
  const key = path.join(home, 'team-key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'policy@team', '-f', key]);
  writeFileSync(path.join(home, 'allowed_signers'), `policy@team namespaces="airlock-policy" ${readFileSync(`${key}.pub`, 'utf8')}`);
  const d = await startTestDaemon(t, { home });
  const client = await d.client();
  assert.equal((await client.request('explain/run', { text: 'hello', facts })).record.policy.name, 'team');

  const note = changed(client);
  writeFileSync(path.join(home, 'config.yaml'), 'policy: ./team.yaml\nrequireSignedPolicy: true\nallowedSigners: ./allowed_signers\n');
  const n = await within(note, 'the reload');
  assert.ok('error' in n && n.error.code === 'AIRLOCK_E_POLICY_SIGNATURE' && /refuses every request/.test(n.error.message), JSON.stringify(n));
  await assert.rejects(client.request('explain/run', { text: 'hello', facts }), refused('AIRLOCK_E_POLICY_SIGNATURE', /no signed policy is loaded/));
  await assert.rejects(client.request('chat/send', { requestId: 's1', text: 'hello', facts }), refused('AIRLOCK_E_POLICY_SIGNATURE'));
  const summary = await client.request('policy/get', {});
  assert.equal(summary.suspended?.code, 'AIRLOCK_E_POLICY_SIGNATURE');

  // The team signs the file: the next request verifies it and is served.
  execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-n', 'airlock-policy', '-f', key, path.join(home, 'team.yaml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  assert.equal((await client.request('explain/run', { text: 'hello', facts })).record.policy.name, 'team');
  assert.equal((await client.request('policy/get', {})).suspended, undefined);
});
