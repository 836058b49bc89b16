import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runAirlock } from '../../helpers/cli';

// Built at run time so no literal credential sits in the repository.
const awsSecret = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYz9q2Lm4KEY'].join('/');
const ghToken = 'ghp_' + 'R8kq2ZtV7mN4xW9pL3sB6yH1cJ5dF0gA2eQ7';

const scratch = mkdtempSync(path.join(tmpdir(), 'airlock-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('explain --json: a secret keeps the prompt local, names the rule and never holds the value', async () => {
  const prompt = `Why does the upload fail?\nAWS_SECRET_ACCESS_KEY=${awsSecret}\n`;
  const run = await runAirlock(['explain', '--json', '--policy', 'balanced', prompt]);
  assert.equal(run.code, 0, run.stderr);
  const record = JSON.parse(run.stdout);
  assert.equal(record.route.target, 'local');
  assert.equal(record.rule.id, 'secrets-stay-local');
  assert.match(record.explanation, /line 2/);
  assert.ok(record.signals.some((s: { kind: string; line: number }) => s.kind === 'secret' && s.line === 2));
  assert.ok(!run.stdout.includes(awsSecret), 'the record must not contain the secret');
  assert.ok(!run.stdout.includes('bPxRfiCYz9q2'), 'not even a fragment of it');
});

test('explain (human): public text goes hosted and the text says why', async () => {
  const run = await runAirlock(['explain', 'What is the difference between TCP and UDP?']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Route: +hosted/);
  assert.match(run.stdout, /Rule: +default \(preset balanced/);
});

test('explain reads stdin and --file; --file is a path fact, so path rules apply', async () => {
  const env = path.join(scratch, '.env');
  writeFileSync(env, 'FEATURE_FLAG=true\nLOG_LEVEL=debug\n');
  const run = await runAirlock(['explain', '--json', '--file', env]);
  assert.equal(run.code, 0, run.stderr);
  const record = JSON.parse(run.stdout);
  assert.equal(record.rule.id, 'sensitive-paths-stay-local');
  assert.equal(record.route.target, 'local');
  const fromStdin = await runAirlock(['explain', '--json'], 'How do I centre a div?');
  assert.equal(JSON.parse(fromStdin.stdout).route.target, 'hosted');
});

test('bad input: invalid UTF-8, unknown flags, unknown presets get stable codes and exit 2', async () => {
  const binary = await runAirlock(['explain'], Buffer.from([0x68, 0x69, 0xff, 0xfe, 0x00]));
  assert.equal(binary.code, 2);
  assert.match(binary.stderr, /AIRLOCK_E_INPUT: standard input is not valid UTF-8/);
  const flag = await runAirlock(['explain', '--frobnicate', 'x']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /AIRLOCK_E_USAGE/);
  const preset = await runAirlock(['explain', '--policy', 'no-such-preset', 'x']);
  assert.equal(preset.code, 2);
  assert.match(preset.stderr, /AIRLOCK_E_POLICY_NOT_FOUND: no preset 'no-such-preset'/);
  const none = await runAirlock([]);
  assert.equal(none.code, 2);
  assert.match(none.stdout, /Usage: airlock/);
});

test('empty prompt is answered, not refused', async () => {
  const run = await runAirlock(['explain', '--json'], '');
  assert.equal(run.code, 0, run.stderr);
  const record = JSON.parse(run.stdout);
  assert.equal(record.prompt.chars, 0);
  assert.deepEqual(record.signals, []);
});

test('scan --jsonl keeps the contract: one line out per line in, same order, errors per line', async () => {
  const lines = [
    JSON.stringify({ id: 'a', text: `token: ${ghToken}` }),
    '{not json',
    JSON.stringify({ id: 'b', text: 'Write a haiku about autumn.' }),
    JSON.stringify({ id: 'c', text: 42 }),
    JSON.stringify({ id: 'd', text: 'Mail me at jane.doe@example.org please' }),
    JSON.stringify({ id: 'e', text: 'def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n' }),
  ];
  const input = Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from([0xc3, 0x28, 0x0a])]);
  const run = await runAirlock(['scan', '--jsonl'], input);
  assert.equal(run.code, 0, run.stderr);
  const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 7);
  assert.deepEqual(out.map((o) => o.id), ['a', null, 'b', 'c', 'd', 'e', null]);
  const [a, bad, b, c, d, e, utf] = out;
  assert.equal(a.findings[0].kind, 'secret');
  assert.equal(lines[0]!.length > 0 && JSON.parse(lines[0]!).text.slice(a.findings[0].start, a.findings[0].end), ghToken);
  assert.equal(a.route.target, 'local');
  assert.deepEqual(a.code, { isCode: false, language: null, share: 0 });
  assert.deepEqual(e.code, { isCode: true, language: 'python', share: 1 });
  assert.equal(e.route.rule, 'code-stays-local');
  assert.equal(bad.error.code, 'AIRLOCK_E_INPUT');
  assert.deepEqual(b.findings, []);
  assert.equal(b.route.target, 'hosted');
  assert.equal(c.error.code, 'AIRLOCK_E_INPUT');
  assert.equal(d.findings[0].type, 'email');
  assert.equal(utf.error.code, 'AIRLOCK_E_INPUT');
  assert.ok(!run.stdout.includes(ghToken));
});

test('a broken preset is reported with file:line:col and exit 1, nothing half-loaded', async () => {
  const file = path.join(scratch, 'broken.yaml');
  writeFileSync(file, 'name: broken\nversion: 1.0.0\nrules:\n  - id: x\n    when: { signal: { kind: secret }\n    route: local\n');
  const lint = await runAirlock(['policy', 'lint', file]);
  assert.equal(lint.code, 1);
  assert.match(lint.stderr, /broken\.yaml:\d+:\d+/);
  const explain = await runAirlock(['explain', '--policy', file, 'hello']);
  assert.equal(explain.code, 1);
  assert.match(explain.stderr, /AIRLOCK_E_POLICY_PARSE: .*broken\.yaml:\d+:\d+/);
});

test('the real command exits with the documented status', () => {
  const cli = path.resolve(import.meta.dirname, '../../../daemon/cli/airlock.ts');
  const tsx = path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
  const ok = spawnSync(tsx, [cli, 'policy', 'list'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(ok.stdout.trim().split('\n').sort(), ['balanced', 'cost-saver', 'local-only', 'strict']);
  const usage = spawnSync(tsx, [cli, 'nope'], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /AIRLOCK_E_USAGE: unknown command 'nope'/);
});
