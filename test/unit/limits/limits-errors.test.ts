// Issue 15 §4: bad preset input gets a coded error naming what was expected, never EISDIR or a stack overflow; a
// store that cannot take a record stops a chat before any provider is paid for an answer nobody would see.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { AirlockError } from '../../../protocol';
import { loadPolicy } from '../../../daemon/policy/load';
import { lintPreset } from '../../../daemon/policy/lint';
import { parseYamlSource } from '../../../daemon/policy/yaml-source';
import { startDaemon } from '../../../daemon/server/daemon';
import { checkWritable } from '../../../daemon/store';
import { runAirlock } from '../../helpers/cli';
import { envOnlyKeys, startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const scratch = mkdtempSync(path.join(tmpdir(), 'airlock-limits-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const folder = path.join(scratch, 'a-folder');
mkdirSync(folder);

test('a folder where a preset file is expected: AIRLOCK_E_POLICY_NOT_FOUND saying a preset file was expected', () => {
  assert.throws(() => loadPolicy(folder), (err: unknown) => {
    assert.ok(err instanceof AirlockError);
    assert.equal(err.code, 'AIRLOCK_E_POLICY_NOT_FOUND');
    assert.match(err.message, /a preset file \(\.yaml\) was expected/);
    return true;
  });
  assert.deepEqual(lintPreset(folder), [`${folder} is not a file: a preset file (.yaml) was expected`]);
});

test('explain --policy DIR and policy lint DIR: a coded error, no EISDIR, no stack', async () => {
  const env = { AIRLOCK_HOME: path.join(scratch, 'home') };
  const explain = await runAirlock(['explain', '--policy', folder, 'hello'], '', env);
  assert.equal(explain.code, 2);
  assert.match(explain.stderr, /^airlock: AIRLOCK_E_POLICY_NOT_FOUND: .*a preset file \(\.yaml\) was expected\n$/);
  const lint = await runAirlock(['policy', 'lint', folder], '', env);
  assert.equal(lint.code, 1);
  assert.match(lint.stderr, /a preset file \(\.yaml\) was expected/);
  for (const out of [explain.stderr, lint.stderr]) assert.doesNotMatch(out, /EISDIR|INTERNAL|\n\s+at /);
});

test('a config naming a folder as its policy: the daemon refuses to start with the same coded error', async () => {
  const home = mkdtempSync(path.join(scratch, 'home-'));
  writeFileSync(path.join(home, 'config.yaml'), `policy: ${folder}\n`);
  const env = { AIRLOCK_HOME: home };
  await assert.rejects(startDaemon({ port: 0, env, keys: envOnlyKeys(env), log: { info() {}, error() {} } }), (err: unknown) => {
    assert.ok(err instanceof AirlockError);
    assert.equal(err.code, 'AIRLOCK_E_POLICY_NOT_FOUND');
    assert.match(err.message, /a preset file \(\.yaml\) was expected/);
    return true;
  });
});

const deep = 5000;
const nested = {
  flow: `name: deep\nrules: ${'['.repeat(deep)}${']'.repeat(deep)}\n`,
  block: `name: deep\nrules:\n${Array.from({ length: deep }, (_, i) => `${' '.repeat(i)}- `).join('\n')}x\n`,
  map: `name: deep\n${Array.from({ length: deep }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`,
};

for (const [shape, text] of Object.entries(nested)) {
  test(`a preset nested ${deep} levels deep (${shape}): "nesting too deep" at file:line:col`, () => {
    const file = path.join(scratch, `deep-${shape}.yaml`);
    writeFileSync(file, text);
    const problems = lintPreset(file);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: nesting too deep \\(more than 64 levels\\)$`));
    assert.doesNotMatch(problems[0]!, /call stack/);
  });
}

test('the position is where the nesting passes the limit', () => {
  // The top map is level 1; line 3 starts level 2 at column 1, so level 65 starts on line 66 at column 64.
  assert.throws(() => parseYamlSource(nested.block, 'p.yaml'), /^AirlockError: p\.yaml:66:64: nesting too deep/);
  assert.throws(() => parseYamlSource(`a: ${'['.repeat(70)}${']'.repeat(70)}`, 'q.yaml', 'AIRLOCK_E_CONFIG_PARSE'), (err: unknown) => {
    assert.ok(err instanceof AirlockError);
    assert.equal(err.code, 'AIRLOCK_E_CONFIG_PARSE');
    // The map is level 1, so the 64th `[` (offset 3 + 63) is the 65th level.
    assert.match(err.message, /^q\.yaml:1:67: nesting too deep/);
    return true;
  });
  assert.doesNotThrow(() => parseYamlSource(`a: ${'['.repeat(60)}${']'.repeat(60)}`, 'ok.yaml'));
});

test('a store that cannot be written: chat/send is refused with AIRLOCK_E_STORE before any provider is asked, until it can', async (t) => {
  const sims = await startSims(t);
  let free = 0;
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS, freeBytes: () => free });
  const client = await d.client();
  const facts = { source: 'chat' as const, interactive: true };
  for (const requestId of ['full-1', 'full-2']) {
    await assert.rejects(client.request('chat/send', { requestId, text: 'What is the difference between TCP and UDP?', facts }), (err: unknown) => {
      assert.ok(err instanceof AirlockError);
      assert.equal(err.code, 'AIRLOCK_E_STORE');
      assert.match(err.message, /disk is full/);
      return true;
    });
  }
  assert.deepEqual(sims.all.map((s) => s.received.length), [0, 0, 0, 0], 'no simulator received a byte');
  free = 1024 ** 3;
  const { record } = await client.request('chat/send', { requestId: 'room-again', text: 'What is the difference between TCP and UDP?', facts });
  assert.equal(record.status, 'ok');
  assert.equal(sims.hosted.reduce((n, s) => n + s.received.length, 0), 1);
});

test('checkWritable: a real store folder with room passes; a file that cannot be written is AIRLOCK_E_STORE', () => {
  const dir = mkdtempSync(path.join(scratch, 'store-'));
  const file = path.join(dir, 'decisions.sqlite');
  writeFileSync(file, '');
  assert.doesNotThrow(() => checkWritable(file));
  assert.throws(() => checkWritable(path.join(dir, 'missing', 'decisions.sqlite')), (err: unknown) => err instanceof AirlockError && err.code === 'AIRLOCK_E_STORE' && /ENOENT/.test(err.message));
  assert.throws(() => checkWritable(file, 8, () => 7), /disk is full \(7 bytes free, 8 needed\)/);
});
