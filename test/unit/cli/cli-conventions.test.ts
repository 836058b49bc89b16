// CLI conventions: `--help` on every command (without running it), `--version`, and a prompt that needs neither
// tree-sitter nor secretlint (`airlock explain 'hello'`) loading neither. One file, one process: the load checks
// look at what this process has loaded, so they run in order, prose first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pkg from '../../../package.json' with { type: 'json' };
import { commands } from '../../../daemon/cli/commands';
import { secretlintLoaded } from '../../../daemon/detect/secrets/secretlint';
import { runAirlock } from '../../helpers/cli';

/** Native addons this process has loaded (file names). */
function addons(): string[] {
  const report = process.report.getReport() as { sharedObjects: string[] };
  return report.sharedObjects.filter((s) => s.endsWith('.node')).map((s) => s.split('/').pop()!);
}

test('explain on prose loads no tree-sitter grammar and not secretlint, and still decides', async () => {
  const run = await runAirlock(['explain', '--json', 'hello']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).route.target, 'hosted');
  assert.deepEqual(addons().filter((a) => a.startsWith('tree')), []);
  assert.equal(secretlintLoaded(), false);
});

test('a prompt that may hold code or a token loads what it needs, and secretlint finds its secret', async () => {
  // Built at run time so no literal credential sits in the repository.
  const slackWebhook = ['https://hooks.slack.com/services/', 'T0A1B2C3D/', 'B0A1B2C3D/', 'aBcDeFgHiJkLmNoPqRsTuVwX'].join('');
  const run = await runAirlock(['explain', '--json', `def post(msg):\n    return requests.post("${slackWebhook}", json={"text": msg})\n`]);
  assert.equal(run.code, 0, run.stderr);
  const record = JSON.parse(run.stdout);
  assert.equal(record.route.target, 'local');
  assert.ok(record.signals.some((s: { type: string; detector: string }) => s.type === 'slack-webhook-url' && s.detector.startsWith('secretlint/')), run.stdout);
  assert.equal(record.code.language, 'python');
  assert.ok(addons().includes('tree_sitter_runtime_binding.node'));
  assert.equal(secretlintLoaded(), true);
});

test('every command answers --help with its usage and exit 0, without running', async () => {
  for (const name of Object.keys(commands)) {
    for (const argv of [[name, '--help'], [name, '-h'], ['help', name]]) {
      // `ask`/`daemon start` would start a daemon and `keys set` would read stdin: --help must do none of it.
      const run = await runAirlock(argv);
      assert.equal(run.code, 0, `${argv.join(' ')}: ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`^Usage: airlock ${name} `), argv.join(' '));
      assert.equal(run.stderr, '');
    }
  }
  const sub = await runAirlock(['keys', 'set', 'openai', '--help']);
  assert.equal(sub.code, 0);
  assert.match(sub.stdout, /^Usage: airlock keys /);
});

test('--help after `--` is prompt text, not a request for help', async () => {
  const run = await runAirlock(['explain', '--json', '--', '--help']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).prompt.chars, '--help'.length);
});

test('--version, -V and version print the package version', async () => {
  for (const flag of ['--version', '-V', 'version']) {
    const run = await runAirlock([flag]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `airlock ${pkg.version}\n`);
  }
});

test('the overview lists every command; help for an unknown command is a usage error', async () => {
  const run = await runAirlock(['--help']);
  assert.equal(run.code, 0);
  for (const name of Object.keys(commands)) assert.match(run.stdout, new RegExp(`^  ${name}\\b`, 'm'));
  assert.match(run.stdout, /--version/);
  const unknown = await runAirlock(['help', 'nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /AIRLOCK_E_USAGE: unknown command 'nope'/);
});
