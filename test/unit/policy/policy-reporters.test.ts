// `airlock policy test --reporter junit|tap|json`: a passing and a failing case, names with XML and TAP specials.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runAirlock } from '../../helpers/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'airlock-reporters-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const preset = path.join(dir, 'team.yaml');
copyFileSync(path.join(import.meta.dirname, '../../../presets/strict.yaml'), preset);
writeFileSync(path.join(dir, 'team.test.yaml'), `cases:
  - name: a token stays local
    prompt: "token ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u"
    expect: { target: local, rule: secrets-stay-local }
  - name: "wrong on purpose <&\\"> # not a directive"
    prompt: What does a CDN do?
    expect: { target: hosted, rule: default }
`);

test('junit: one suite per preset, the failure with its difference, specials escaped', async () => {
  const run = await runAirlock(['policy', 'test', preset, '--reporter', 'junit']);
  assert.equal(run.code, 1);
  // No XML parser among the dependencies: the document is checked by its exact lines.
  const lines = run.stdout.split('\n');
  assert.equal(lines[0], '<?xml version="1.0" encoding="UTF-8"?>');
  assert.equal(lines[1], '<testsuites name="airlock policy test" tests="2" failures="1">');
  assert.equal(lines[2], '  <testsuite name="team" tests="2" failures="1">');
  assert.equal(lines[3], `    <testcase classname="team" name="a token stays local" file="${path.join(dir, 'team.test.yaml')}" line="2"/>`);
  assert.equal(lines[4], `    <testcase classname="team" name="wrong on purpose &lt;&amp;&quot;&gt; # not a directive" file="${path.join(dir, 'team.test.yaml')}" line="5">`);
  assert.equal(lines[5], '      <failure message="target: expected &quot;hosted&quot;, got &quot;private&quot;">target: expected &quot;hosted&quot;, got &quot;private&quot;</failure>');
  assert.deepEqual(lines.slice(6), ['    </testcase>', '  </testsuite>', '</testsuites>', '']);
  assert.match(run.stderr, /^Config:/, 'the config line stays off stdout');
});

test('tap: plan, ok / not ok, the difference in YAML, # escaped', async () => {
  const run = await runAirlock(['policy', 'test', preset, '--reporter', 'tap']);
  assert.equal(run.code, 1);
  const lines = run.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, 4), ['TAP version 13', '1..2', 'ok 1 - team › a token stays local', 'not ok 2 - team › wrong on purpose <&"> \\# not a directive']);
  assert.ok(lines.includes('    - "target: expected \\"hosted\\", got \\"private\\""'), run.stdout);
});

test('json and an unknown reporter', async () => {
  const json = await runAirlock(['policy', 'test', preset, '--reporter', 'json']);
  assert.deepEqual(JSON.parse(json.stdout).map((r: { passed: boolean }) => r.passed), [true, false]);
  const bad = await runAirlock(['policy', 'test', preset, '--reporter', 'xml']);
  assert.match(bad.stderr, /AIRLOCK_E_USAGE.*--reporter takes text, junit, tap, json/);
});

test('golden set: each NAME.expect.yaml checks the prompt file beside it; a stray or broken one fails by name', async () => {
  const golden = path.join(dir, 'golden');
  mkdirSync(golden);
  writeFileSync(path.join(golden, 'token.txt'), 'deploy fails: token ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u');
  writeFileSync(path.join(golden, 'token.expect.yaml'), 'expect: { target: local }\n');
  writeFileSync(path.join(golden, 'env-file.md'), 'What does this setting do?');
  writeFileSync(path.join(golden, 'env-file.expect.yaml'), 'facts: { filePath: deploy/.env }\nexpect: { target: local, rule: sensitive-paths-stay-local }\n');
  writeFileSync(path.join(golden, 'cdn.txt'), 'What does a CDN do?');
  writeFileSync(path.join(golden, 'cdn.expect.yaml'), 'expect: { target: local }\n');
  writeFileSync(path.join(golden, 'orphan.expect.yaml'), 'expect: { target: hosted }\n');
  const run = await runAirlock(['policy', 'test', '--golden', golden, '--policy', 'strict', '--reporter', 'json']);
  assert.equal(run.code, 1);
  const results = JSON.parse(run.stdout) as { name: string; passed: boolean; diff: string[] }[];
  assert.deepEqual(results.map((r) => [r.name, r.passed]), [['cdn', false], ['env-file', true], ['orphan', false], ['token', true]]);
  assert.deepEqual(results[0]!.diff, ['target: expected "local", got "private"']);
  assert.match(results[2]!.diff[0]!, /AIRLOCK_E_POLICY_NOT_FOUND: orphan: no prompt file/);
});
