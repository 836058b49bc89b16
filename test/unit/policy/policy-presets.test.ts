import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { compileGlob, globProblem } from '../../../daemon/policy/glob';
import { policyJsonSchemaText, SCHEMA_FILE } from '../../../daemon/policy/export-schema';
import { listPresets, loadPolicy } from '../../../daemon/policy/load';
import { lintPreset } from '../../../daemon/policy/lint';
import { formatResults } from '../../../daemon/policy/reporters';
import { runPresetTests } from '../../../daemon/policy/test-runner';
import { scan } from '../../../daemon/detect';

const SHIPPED = ['balanced', 'cost-saver', 'local-only', 'strict'];

test('the committed JSON Schema equals the one generated from the zod schema', () => {
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), policyJsonSchemaText(), 'run: npx tsx scripts/policy-schema.ts');
});

test('the four presets ship, load, lint clean and point editors at the schema', () => {
  assert.deepEqual(listPresets(), SHIPPED);
  for (const name of SHIPPED) {
    const file = path.join('presets', `${name}.yaml`);
    assert.equal(readFileSync(file, 'utf8').split('\n')[0], '# yaml-language-server: $schema=./policy.schema.json');
    assert.equal(loadPolicy(name).ref.name, name);
    assert.deepEqual(lintPreset(file), []);
  }
});

// The cases themselves run through the real detectors in presets.test.ts; here: that they cover every rule.
test('every preset\'s test cases cover every rule and the default', () => {
  for (const name of SHIPPED) {
    const cases = (parse(readFileSync(`presets/${name}.test.yaml`, 'utf8')) as { cases: { expect: { rule: string; matched?: string[] } }[] }).cases;
    assert.ok(cases.length >= 8, `${name}: ${cases.length} cases`);
    const covered = new Set(cases.flatMap((c) => [c.expect.rule, ...(c.expect.matched ?? [])]));
    const ids = ['default', ...loadPolicy(name).rules.map((r) => r.id)];
    assert.deepEqual(ids.filter((id) => !covered.has(id)), [], `${name}: rules without a test case`);
  }
});

test('a failing case shows a readable diff', async () => {
  // A scan blind to the text (the real one, given nothing to read): the AWS case must then fail, and say how.
  const results = await runPresetTests(['presets/balanced.yaml'], (_text, facts) => scan('', facts));
  const failed = results.find((r) => r.name === 'AWS credentials in a config paste stay local');
  assert.equal(failed?.passed, false);
  assert.deepEqual(failed?.diff, ['target: expected "local", got "hosted"', 'rule: expected "secrets-stay-local", got "default"']);
  assert.match(formatResults(results), /FAIL balanced › AWS credentials in a config paste stay local {2}\(.*balanced\.test\.yaml:\d+\)\n {7}target: expected "local", got "hosted"/);
});

test('a preset without a test file or with a broken one fails with the reason', async () => {
  const [missing] = await runPresetTests(['presets/policy.schema.json'], scan);
  assert.equal(missing?.passed, false);
  assert.match(missing?.diff[0] ?? '', /^AIRLOCK_E_POLICY_NOT_FOUND: /);
});

test('globs: segments, dotfiles, braces, classes, Windows separators', () => {
  const m = (glob: string, p: string) => compileGlob(glob).test(p);
  assert.ok(m('**/.env', '.env') && m('**/.env', 'a/b/.env') && m('**/.env', '/home/u/app/.env'));
  assert.ok(!m('**/.env', 'a/.envrc') && m('**/.env.*', 'a/.env.local'));
  assert.ok(m('**/secrets/**', 'infra/secrets/db/pass.txt') && !m('**/secrets/**', 'infra/secrets.txt'));
  assert.ok(m('*.pem', 'deep/dir/server.PEM'), 'no slash: matches a file name anywhere, any case');
  assert.ok(m('src/*.ts', 'src/a.ts') && !m('src/*.ts', 'src/x/a.ts'));
  assert.ok(m('**/id_{rsa,ed25519}*', 'home/.ssh/id_ed25519.pub') && m('**/key[0-9].txt', 'k/key7.txt') && !m('**/key[!0-9].txt', 'k/key7.txt'));
  assert.equal(globProblem('a/**b'), "'**' must be a whole path segment in 'a/**b'");
  assert.equal(globProblem('[abc'), "unclosed '[' in '[abc'");
  assert.equal(globProblem('a}'), "unmatched '}' in 'a}'");
  assert.equal(globProblem(' '), 'empty glob');
});
