// The policy is the security team's, not the client's: through a real daemon, a client holding the token cannot
// load a file of its own (per request, by policy/set, by policy/test), can choose presets under the config's
// policyDirs, and with lockPolicy cannot choose at all. Records and the log name a policy by origin and hash.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AirlockError, type DaemonNotifications } from '../../../protocol';
import { startTestDaemon, tempHome } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true };
const SECRET_PROMPT = 'Why does this 401?\ncurl -H "Authorization: token ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u" https://api.github.com/user';
/** What an attacker would load: no rules, everything hosted, and a borrowed name. */
const OPEN_PRESET = 'name: balanced\nversion: "1.0.0"\ndescription: looks like balanced\nclasses: { local: {}, hosted: {} }\nrules: []\ndefault: { route: hosted }\n';

const refused = (code: string) => (e: unknown) => e instanceof AirlockError && e.code === code;

function changed(client: { onNotification: (m: 'policy/changed', f: (n: DaemonNotifications['policy/changed']) => void) => () => void }) {
  return new Promise<DaemonNotifications['policy/changed']>((resolve) => {
    const off = client.onNotification('policy/changed', (n) => {
      off();
      resolve(n);
    });
  });
}

test('a client cannot bring its own policy file: per request, by policy/set or policy/test', async (t) => {
  const sims = await startSims(t);
  const lines: string[] = [];
  const log = { info: (msg: string, f?: object) => lines.push(`${msg} ${JSON.stringify(f ?? {})}`), error: (msg: string, f?: object) => lines.push(`${msg} ${JSON.stringify(f ?? {})}`) };
  const d = await startTestDaemon(t, { config: simConfig(sims, 'balanced'), env: SIM_KEYS, log });
  const evil = path.join(d.home, 'open.yaml');
  writeFileSync(evil, OPEN_PRESET);
  const client = await d.client();

  await assert.rejects(client.request('chat/send', { requestId: 'r1', text: SECRET_PROMPT, facts, policy: evil }), refused('AIRLOCK_E_POLICY_NOT_ALLOWED'));
  await assert.rejects(client.request('explain/run', { text: SECRET_PROMPT, facts, policy: evil }), refused('AIRLOCK_E_POLICY_NOT_ALLOWED'));
  await assert.rejects(client.request('policy/set', { policy: evil }), refused('AIRLOCK_E_POLICY_NOT_ALLOWED'));
  await assert.rejects(client.request('policy/test', { policy: evil }), refused('AIRLOCK_E_POLICY_NOT_ALLOWED'));

  // The shipped preset is still in charge: the secret stays local and no hosted simulator hears a byte.
  const active = await client.request('policy/get', {});
  assert.equal(active.source, 'shipped');
  assert.equal(active.id, `balanced@sha256:${active.hash}`);
  assert.equal(active.choice, 'balanced');
  const res = await client.request('chat/send', { requestId: 'r2', text: SECRET_PROMPT, facts });
  assert.equal(res.record.route.target, 'local');
  assert.equal(res.record.policy.source, 'shipped');
  assert.equal(res.record.policy.id, active.id);
  for (const sim of [...sims.hosted, sims.privateEu]) assert.equal(sim.receivedBytes().length, 0);
  // A shipped preset by name still works per request.
  assert.equal((await client.request('explain/run', { text: 'hello', facts, policy: 'strict' })).record.policy.id?.startsWith('strict@sha256:'), true);
  assert.ok(lines.some((l) => l.startsWith('airlockd started') && l.includes(`"policy":"${active.id}"`) && l.includes('"source":"shipped"')), lines.join('\n'));
});

test('presets under policyDirs may be chosen by name or path, and are recorded as not shipped', async (t) => {
  const sims = await startSims(t);
  const lines: string[] = [];
  const log = { info: (msg: string, f?: object) => lines.push(`${msg} ${JSON.stringify(f ?? {})}`), error() {} };
  const d = await startTestDaemon(t, { config: '', env: SIM_KEYS, log });
  const dir = path.join(d.home, 'policies');
  mkdirSync(dir);
  const team = path.join(dir, 'team.yaml');
  writeFileSync(team, OPEN_PRESET);
  writeFileSync(path.join(d.home, 'outside.yaml'), OPEN_PRESET);
  symlinkSync(path.join(d.home, 'outside.yaml'), path.join(dir, 'linked.yaml'));
  const client = await d.client();
  const reloaded = changed(client);
  writeFileSync(path.join(d.home, 'config.yaml'), simConfig(sims, 'balanced', 'policyDirs: [./policies]\n'));
  await reloaded;

  const summary = await client.request('policy/get', {});
  assert.ok(summary.available.includes('team'), summary.available.join());
  const explained = (await client.request('explain/run', { text: SECRET_PROMPT, facts, policy: 'team' })).record;
  assert.equal(explained.policy.name, 'balanced', 'the file calls itself balanced…');
  assert.equal(explained.policy.source, 'policy-dir', '…but the record says where it came from');
  assert.equal(explained.policy.file, team);
  assert.equal(explained.policy.id, `${team}@sha256:${explained.policy.hash}`);
  await assert.rejects(client.request('policy/set', { policy: path.join(dir, 'linked.yaml') }), refused('AIRLOCK_E_POLICY_NOT_ALLOWED'));
  const set = await client.request('policy/set', { policy: team });
  assert.equal(set.source, 'policy-dir');
  // The switcher selects it by path: its `name: balanced` must not select the shipped preset.
  assert.equal(set.choice, team);
  assert.equal((await client.request('policy/set', { policy: set.choice })).id, set.id);
  assert.ok(lines.some((l) => l.startsWith('policy switched') && l.includes(`"policy":"${set.id}"`) && l.includes('"source":"policy-dir"')), lines.join('\n'));
});

test('lockPolicy: no client can switch or choose the policy; a reload that locks brings the config policy back', async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims, 'balanced'), env: SIM_KEYS });
  const client = await d.client();
  await client.request('policy/set', { policy: 'local-only' });
  const reloaded = changed(client);
  writeFileSync(path.join(d.home, 'config.yaml'), simConfig(sims, 'balanced', 'lockPolicy: true\n'));
  const note = await reloaded;
  assert.ok('policy' in note && note.policy.id.startsWith('balanced@'), 'the locked config policy is back in charge');

  await assert.rejects(client.request('policy/set', { policy: 'strict' }), refused('AIRLOCK_E_POLICY_LOCKED'));
  await assert.rejects(client.request('chat/send', { requestId: 'l1', text: 'hello', facts, policy: 'local-only' }), refused('AIRLOCK_E_POLICY_LOCKED'));
  await assert.rejects(client.request('explain/run', { text: 'hello', facts, policy: '/etc/passwd' }), refused('AIRLOCK_E_POLICY_LOCKED'));
  // Naming the active policy is no switch: a client that always sends its setting keeps working.
  assert.equal((await client.request('policy/set', { policy: 'balanced' })).name, 'balanced');
  const res = await client.request('chat/send', { requestId: 'l2', text: 'What does HTTP 418 mean?', facts, policy: 'balanced' });
  assert.ok(res.record.policy.id?.startsWith('balanced@sha256:'));
  assert.equal((await client.request('policy/get', {})).name, 'balanced');
});

test("the config's policy named from policyDirs follows the folder the config lists", async (t) => {
  const home = tempHome(t, 'policy: team\npolicyDirs: [./a]\n');
  mkdirSync(path.join(home, 'a'));
  writeFileSync(path.join(home, 'a', 'team.yaml'), OPEN_PRESET.replace('name: balanced', 'name: team-a'));
  const d = await startTestDaemon(t, { home });
  const client = await d.client();
  assert.equal((await client.request('policy/get', {})).source, 'policy-dir');
  const before = (await client.request('policy/get', {})).file;
  assert.equal(before, path.join(d.home, 'a', 'team.yaml'));
  mkdirSync(path.join(d.home, 'b'));
  writeFileSync(path.join(d.home, 'b', 'team.yaml'), OPEN_PRESET.replace('name: balanced', 'name: team-b'));
  const reloaded = changed(client);
  writeFileSync(path.join(d.home, 'config.yaml'), 'policy: team\npolicyDirs: [./b]\n');
  const note = await reloaded;
  assert.ok('policy' in note && note.policy.file === path.join(d.home, 'b', 'team.yaml'), JSON.stringify(note));
});
