// The daemon config: defaults, positioned errors, models naming declared providers, and reload keeping the last good.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AirlockError } from '../../../protocol';
import { defaultConfig, parseConfig } from '../../../daemon/config';
import type { DaemonNotifications } from '../../../protocol';
import { startTestDaemon } from '../../helpers/daemon';
import { within } from '../../helpers/bounded';

const SIM_CATALOGUE = `providers:
  - name: local
    kind: ollama
    baseUrl: http://127.0.0.1:11434
models:
  - id: local/llama
    provider: local
    model: llama3.2
    class: local
    capabilities: [tools]
    contextWindow: 8192
    price: { inputPerMTok: 0, outputPerMTok: 0 }
    latencyMs: 100
    tier: 2
    terms: { region: local, retentionDays: 0, noTraining: true }
`;

function thrown(fn: () => unknown): AirlockError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AirlockError);
    return err;
  }
  assert.fail('expected an error');
}

test('no file: port 47611, balanced, redacted prompts, the built-in catalogue', () => {
  const c = defaultConfig('/nowhere/config.yaml');
  assert.equal(c.port, 47611);
  assert.equal(c.policy, 'balanced');
  assert.equal(c.storePrompts, 'redacted');
  assert.ok(c.catalogue.models.some((m) => m.id === 'ollama/llama3.2'));
  assert.equal(c.exists, false);
});

test('a catalogue from the config; a relative policy path resolves next to the config', () => {
  const c = parseConfig(`port: 48000\npolicy: ./team.yaml\nstorePrompts: none\n${SIM_CATALOGUE}`, '/etc/airlock/config.yaml');
  assert.equal(c.port, 48000);
  assert.equal(c.policy, '/etc/airlock/team.yaml');
  assert.equal(c.storePrompts, 'none');
  assert.deepEqual(c.catalogue.models.map((m) => m.id), ['local/llama']);
});

test('errors name file:line:col: YAML syntax, unknown field, bad kind, model naming an undeclared provider', () => {
  const parse = thrown(() => parseConfig('port: [1\n', 'c.yaml'));
  assert.equal(parse.code, 'AIRLOCK_E_CONFIG_PARSE');
  assert.match(parse.message, /^c\.yaml:\d+:\d+: /);
  const unknown = thrown(() => parseConfig('port: 48000\nprot: 1\n', 'c.yaml'));
  assert.equal(unknown.code, 'AIRLOCK_E_CONFIG_INVALID');
  assert.match(unknown.message, /c\.yaml:2:1: prot: unknown field/);
  const kind = thrown(() => parseConfig(SIM_CATALOGUE.replace('kind: ollama', 'kind: watsonx'), 'c.yaml'));
  assert.match(kind.message, /c\.yaml:3:11: providers\[0\]\.kind/);
  const undeclared = thrown(() => parseConfig(SIM_CATALOGUE.replace('provider: local', 'provider: elsewhere'), 'c.yaml'));
  assert.match(undeclared.message, /c\.yaml:7:15: models\[0\]\.provider: provider 'elsewhere' is not declared/);
  const url = thrown(() => parseConfig(SIM_CATALOGUE.replace('http://127.0.0.1:11434', 'not a url'), 'c.yaml'));
  assert.match(url.message, /providers\[0\]\.baseUrl/);
});

test('a broken start-up config stops the daemon with the positioned error', async (t) => {
  await assert.rejects(startTestDaemon(t, { config: 'storePrompts: everything\n' }), (err: AirlockError) => err.code === 'AIRLOCK_E_CONFIG_INVALID' && /config\.yaml:1:15/.test(err.message));
});

test('reload: a good edit applies, a broken edit keeps the last good one and says why', async (t) => {
  const d = await startTestDaemon(t, { config: 'policy: balanced\n' });
  const client = await d.client();
  const changes: DaemonNotifications['policy/changed'][] = [];
  let wake: () => void = () => undefined;
  client.onNotification('policy/changed', (n) => {
    changes.push(n);
    wake();
  });
  // Bounded: an fs.watch event that never comes fails the test instead of hanging the suite.
  const next = () => within(new Promise<void>((resolve) => (wake = resolve)), 'policy/changed after editing config.yaml');
  const file = path.join(d.home, 'config.yaml');

  let changed = next();
  writeFileSync(file, 'policy: strict\n');
  await changed;
  assert.equal((await client.request('policy/get', {})).name, 'strict');
  assert.ok('policy' in changes[0]! && changes[0].policy.name === 'strict');

  changed = next();
  writeFileSync(file, 'policy: strict\nstorePrompts: [\n');
  await changed;
  const broken = changes[1]!;
  assert.ok('error' in broken && broken.error.code === 'AIRLOCK_E_CONFIG_PARSE');
  assert.equal((await client.request('policy/get', {})).name, 'strict', 'the last good config stays');

  changed = next();
  writeFileSync(file, 'policy: no-such-preset\n');
  await changed;
  assert.ok('error' in changes[2]! && changes[2].error.code === 'AIRLOCK_E_POLICY_NOT_FOUND');
  assert.equal((await client.request('policy/get', {})).name, 'strict');

  changed = next();
  writeFileSync(file, 'policy: local-only\n');
  await changed;
  assert.equal((await client.request('policy/get', {})).name, 'local-only');
});

test('a preset file edited in place reloads; a broken edit keeps the previous rules', async (t) => {
  const d = await startTestDaemon(t, { config: 'policyDirs: [./policies]\n' });
  mkdirSync(path.join(d.home, 'policies'));
  const presetFile = path.join(d.home, 'policies', 'team.yaml');
  const preset = (route: string) => `name: team\nversion: "1"\ndescription: test preset\nclasses: { local: {}, hosted: {} }\nrules: []\ndefault: { route: ${route} }\n`;
  writeFileSync(presetFile, preset('hosted'));
  const client = await d.client();
  await client.request('policy/set', { policy: presetFile });
  const explain = async () => (await client.request('explain/run', { text: 'What is a monad?', facts: { source: 'cli', interactive: true } })).record.route.target;
  assert.equal(await explain(), 'hosted');
  const changed = () => within(new Promise<DaemonNotifications['policy/changed']>((resolve) => {
    const off = client.onNotification('policy/changed', (n) => {
      off();
      resolve(n);
    });
  }), 'policy/changed after editing the preset');
  let wait = changed();
  writeFileSync(presetFile, preset('local'));
  assert.ok('policy' in (await wait));
  assert.equal(await explain(), 'local');
  wait = changed();
  writeFileSync(presetFile, preset('sideways'));
  const bad = await wait;
  assert.ok('error' in bad && bad.error.code === 'AIRLOCK_E_POLICY_INVALID');
  assert.equal(await explain(), 'local');
});

test('port 0 means any free port (the daemon reports it); other ports stay within 1024..65535', () => {
  assert.equal(parseConfig('port: 0\n', 'c.yaml').port, 0);
  assert.equal(thrown(() => parseConfig('port: 80\n', 'c.yaml')).code, 'AIRLOCK_E_CONFIG_INVALID');
  assert.equal(thrown(() => parseConfig('port: 70000\n', 'c.yaml')).code, 'AIRLOCK_E_CONFIG_INVALID');
});
