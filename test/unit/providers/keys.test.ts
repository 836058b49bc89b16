// The key store against the REAL Secret Service. Run under scripts/with-keyring.sh (npm test does):
//   bash scripts/with-keyring.sh npx tsx --test test/unit/providers/keys.test.ts
// Without a D-Bus session the keychain tests fail (not skip) unless AIRLOCK_SKIP_KEYCHAIN_TESTS=1.
// Failure modes (no bus, dead bus, no Secret Service, locked keyring) run in child processes with their own bus:
// libsecret binds to the bus once per process.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AirlockError } from '../../../protocol';
import { createKeyStore } from '../../../daemon/providers/keys';
import type { KeychainStatus, KeytarLike } from '../../../daemon/providers/keys';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SERVICE = `airlock-test-${process.pid}`;
const KEY = 'sk-test-Zq8vN3kLmP0aRw7TgYb2';
const ENV_KEY = 'sk-env-H4dJ9sQxW1cVe6UfRt5o';
const SKIP_KEYCHAIN = process.env.AIRLOCK_SKIP_KEYCHAIN_TESTS === '1';

/** A test that needs the Secret Service of the session this process runs in. */
function keychainTest(name: string, fn: () => Promise<void>): void {
  if (SKIP_KEYCHAIN) {
    test(name, { skip: 'AIRLOCK_SKIP_KEYCHAIN_TESTS=1' }, () => {});
    return;
  }
  test(name, async () => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
      assert.fail('No D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset): run the tests under `bash scripts/with-keyring.sh ...` (npm test does), or set AIRLOCK_SKIP_KEYCHAIN_TESTS=1 to skip the keychain tests.');
    }
    await fn();
  });
}

const scratch = mkdtempSync(path.join(tmpdir(), 'airlock-keys-test-'));
after(async () => {
  rmSync(scratch, { recursive: true, force: true });
  if (SKIP_KEYCHAIN || !process.env.DBUS_SESSION_BUS_ADDRESS) return;
  const store = createKeyStore({ service: SERVICE, env: {} });
  for (const { provider, source } of await store.list()) if (source === 'keychain') await store.delete(provider);
});

async function rejectsWith(work: Promise<unknown>, code: string, secret?: string): Promise<AirlockError> {
  const err = await work.then(() => assert.fail(`expected ${code}`), (e: unknown) => e);
  assert.ok(err instanceof AirlockError, `expected an AirlockError, got ${String(err)}`);
  assert.equal(err.code, code);
  if (secret) assert.ok(!err.message.includes(secret) && !JSON.stringify(err.details ?? {}).includes(secret), 'the key leaked into the error');
  return err;
}

// ---- Against the session's keyring -------------------------------------------------------------------------------

keychainTest('status is ok on an unlocked keyring, and the probe leaves nothing behind', async () => {
  const store = createKeyStore({ service: SERVICE, env: {} });
  assert.deepEqual(await store.status(), { state: 'ok' });
  assert.deepEqual(await store.list(), []);
});

keychainTest('set, get, list, delete round trip through gnome-keyring', async () => {
  const store = createKeyStore({ service: SERVICE, env: {} });
  await store.set('openai', KEY);
  await store.set('azure-eu', `${KEY}-azure`);
  assert.deepEqual(await store.get('openai'), { key: KEY, source: 'keychain' });
  assert.deepEqual(await store.get('azure-eu'), { key: `${KEY}-azure`, source: 'keychain' });
  assert.deepEqual(await store.list(), [{ provider: 'azure-eu', source: 'keychain' }, { provider: 'openai', source: 'keychain' }]);
  // A second store reading the same service sees the same keys: they are in the keyring, not in memory.
  assert.deepEqual(await createKeyStore({ service: SERVICE, env: {} }).get('openai'), { key: KEY, source: 'keychain' });
  await store.set('openai', `${KEY}-rotated`);
  assert.deepEqual(await store.get('openai'), { key: `${KEY}-rotated`, source: 'keychain' });
  assert.equal(await store.delete('openai'), true);
  assert.equal(await store.delete('openai'), false);
  assert.equal(await store.get('openai'), null);
  assert.equal(await store.delete('azure-eu'), true);
  assert.deepEqual(await store.list(), []);
});

keychainTest('services are separate: a key filed under one service is not visible under another', async () => {
  await createKeyStore({ service: SERVICE, env: {} }).set('anthropic', KEY);
  assert.equal(await createKeyStore({ service: `${SERVICE}-other`, env: {} }).get('anthropic'), null);
  assert.equal(await createKeyStore({ service: SERVICE, env: {} }).delete('anthropic'), true);
});

keychainTest('the environment is the fallback: Airlock name first, then the provider\'s usual one, then apiKeyEnv', async () => {
  const env = {
    OPENAI_API_KEY: ENV_KEY,
    AIRLOCK_ANTHROPIC_API_KEY: `${ENV_KEY}-airlock`,
    ANTHROPIC_API_KEY: `${ENV_KEY}-usual`,
    AZURE_OPENAI_API_KEY: `${ENV_KEY}-azure`,
    AIRLOCK_MY_GATEWAY_API_KEY: `  ${ENV_KEY}-gw\n`,
    CUSTOM_VAR: `${ENV_KEY}-custom`,
    OPENROUTER_API_KEY: '   ',
  };
  const store = createKeyStore({ service: SERVICE, env });
  assert.deepEqual(await store.get('openai'), { key: ENV_KEY, source: 'env' });
  assert.deepEqual(await store.get('anthropic'), { key: `${ENV_KEY}-airlock`, source: 'env' });
  assert.deepEqual(await store.get('azure'), { key: `${ENV_KEY}-azure`, source: 'env' });
  assert.deepEqual(await store.get('my-gateway'), { key: `${ENV_KEY}-gw`, source: 'env' }, 'surrounding whitespace is trimmed');
  assert.deepEqual(await store.get('custom', { envVar: 'CUSTOM_VAR' }), { key: `${ENV_KEY}-custom`, source: 'env' });
  assert.equal(await store.get('openrouter'), null, 'a whitespace-only variable counts as unset');
  assert.equal(await store.get('mistral'), null);
  assert.deepEqual(await store.list(), [
    { provider: 'anthropic', source: 'env' },
    { provider: 'azure', source: 'env' },
    { provider: 'azure-openai', source: 'env' },
    { provider: 'my-gateway', source: 'env' },
    { provider: 'openai', source: 'env' },
  ]);
});

keychainTest('the keychain wins over the environment when both have a key', async () => {
  const store = createKeyStore({ service: SERVICE, env: { OPENAI_API_KEY: ENV_KEY, AIRLOCK_OPENAI_API_KEY: ENV_KEY } });
  await store.set('openai', KEY);
  assert.deepEqual(await store.get('openai'), { key: KEY, source: 'keychain' });
  assert.deepEqual(await store.list(), [{ provider: 'openai', source: 'keychain' }]);
  await store.delete('openai');
  assert.deepEqual(await store.get('openai'), { key: ENV_KEY, source: 'env' }, 'after delete the environment shows through');
});

// ---- Input validation (no keychain call is made for bad input) ---------------------------------------------------

test('invalid provider names and keys are AIRLOCK_E_INPUT, and the message never echoes them', async () => {
  let calls = 0;
  const counting = new Proxy({}, { get: () => () => { calls++; return Promise.resolve(null); } }) as KeytarLike;
  const store = createKeyStore({ service: SERVICE, env: {}, loadKeytar: () => counting });
  const badNames = ['', 'OpenAI', '-openai', 'open_ai', 'open ai', 'a'.repeat(65), 'sk-proj-abc\n', '../x', 'ключ'];
  for (const name of badNames) {
    await rejectsWith(store.set(name, KEY), 'AIRLOCK_E_INPUT');
    await rejectsWith(store.get(name), 'AIRLOCK_E_INPUT');
    await rejectsWith(store.delete(name), 'AIRLOCK_E_INPUT');
  }
  // A key pasted where the provider goes is not repeated back.
  const err = await rejectsWith(store.set('sk-live-SecretValue-4f9a', KEY), 'AIRLOCK_E_INPUT');
  assert.ok(!err.message.includes('SecretValue'));
  await rejectsWith(store.set(42 as unknown as string, KEY), 'AIRLOCK_E_INPUT');
  for (const key of ['', `${KEY}\n`, `${KEY}\r\nmore`, `line1\nline2`, `${KEY}\u0000`, ` ${KEY}`, 'x'.repeat(9000)]) {
    await rejectsWith(store.set('openai', key), 'AIRLOCK_E_INPUT', key.trim() || undefined);
  }
  assert.equal(calls, 0, 'bad input must be refused before touching the keychain');
  assert.equal(await store.get('a'.repeat(64)), null, '64 characters is the limit, not 63');
  assert.equal(await store.get('x'), null, 'one character is a valid name');
});

// ---- keytar errors are mapped, never thrown raw (fakes throw the messages measured on this machine) -------------

/** The status, which must be a problem: fails on ok, and narrows the type for the checks that follow. */
function problem(status: KeychainStatus): Exclude<KeychainStatus, { state: 'ok' }> {
  if (status.state === 'ok') assert.fail('expected a keychain problem, got ok');
  return status;
}

function throwingKeytar(message: string): KeytarLike {
  const fail = () => Promise.reject(new Error(message));
  return { getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail };
}

test('keytar messages map to keychain states and codes', async () => {
  const cases: [string, 'unavailable' | 'locked', RegExp][] = [
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unavailable', /no D-Bus session bus/i],
    ['Could not connect: No such file or directory', 'unavailable', /does not answer/],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'unavailable', /No Secret Service/],
    ['Cannot create an item in a locked collection', 'locked', /locked/],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked', /no unlocked default keyring/],
    ['Something nobody has seen before', 'unavailable', /Something nobody has seen before/],
  ];
  for (const [message, state, says] of cases) {
    const store = createKeyStore({ service: SERVICE, env: {}, loadKeytar: () => throwingKeytar(message) });
    const status = problem(await store.status());
    assert.equal(status.state, state, message);
    assert.equal(status.code, state === 'locked' ? 'AIRLOCK_E_KEYCHAIN_LOCKED' : 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE');
    assert.match(status.message, says);
    assert.match(status.message, /OPENAI_API_KEY/, 'every problem names the environment fallback');
    await rejectsWith(store.set('openai', KEY), status.code, KEY);
    await rejectsWith(store.delete('openai'), status.code);
  }
});

test('a key echoed in a keytar error is redacted', async () => {
  const echoing: KeytarLike = { ...throwingKeytar('x'), setPassword: (_s, _a, password) => Promise.reject(new Error(`bad secret ${password} here`)) };
  const store = createKeyStore({ service: SERVICE, env: {}, loadKeytar: () => echoing });
  const err = await rejectsWith(store.set('openai', KEY), 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE', KEY);
  assert.match(err.message, /\[redacted\]/);
});

test('keytar that cannot load (libsecret missing) makes the keychain unavailable, and the environment still works', async () => {
  let loads = 0;
  const store = createKeyStore({
    service: SERVICE,
    env: { ANTHROPIC_API_KEY: ENV_KEY },
    loadKeytar: () => {
      loads++;
      throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
    },
  });
  const status = problem(await store.status());
  assert.equal(status.state, 'unavailable');
  assert.match(status.message, /libsecret/);
  assert.deepEqual(await store.get('anthropic'), { key: ENV_KEY, source: 'env' });
  await rejectsWith(store.get('openai'), 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE');
  assert.deepEqual(await store.list(), [{ provider: 'anthropic', source: 'env' }]);
  assert.ok(loads >= 1);
});

test('a keychain call that hangs (an invisible prompt) times out as unavailable', async () => {
  const hanging: KeytarLike = { ...throwingKeytar('x'), setPassword: () => new Promise(() => {}) };
  const store = createKeyStore({ service: SERVICE, env: {}, loadKeytar: () => hanging, timeoutMs: 50 });
  const status = problem(await store.status());
  assert.equal(status.state, 'unavailable');
  assert.match(status.message, /did not answer within 50 ms/);
});

// ---- Real failure modes, each in a child process with its own (broken) session ---------------------------------

interface ChildReport {
  status: { state: string; code?: string; message?: string };
  set: string | { code: string; message: string };
  get: unknown;
}

/** Runs the key store in a child: status, set(openai), get(openai) with OPENAI_API_KEY set in its environment. */
function childReport(env: NodeJS.ProcessEnv, wrap: string[] = []): ChildReport {
  const code = `
    import { createKeyStore } from ${JSON.stringify(path.join(ROOT, 'daemon/providers/keys.ts'))};
    const store = createKeyStore({ service: ${JSON.stringify(SERVICE)} });
    const report = { status: await store.status() };
    report.set = await store.set('openai', process.env.TEST_KEY).then(() => 'ok', (e) => ({ code: e.code, message: e.message }));
    report.get = await store.get('openai').catch((e) => ({ code: e.code }));
    process.stdout.write('REPORT' + JSON.stringify(report));
  `;
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', code];
  const argv = [...wrap, ...node];
  const run = spawnSync(argv[0]!, argv.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH, TEST_KEY: KEY, OPENAI_API_KEY: ENV_KEY, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const json = run.stdout.split('REPORT')[1];
  assert.ok(json, `child printed no report (exit ${run.status}): ${run.stderr}`);
  assert.ok(!run.stdout.includes(KEY) && !run.stderr.includes(KEY), 'the key was echoed');
  return JSON.parse(json) as ChildReport;
}

function assertKeychainProblem(report: ChildReport, code: string, says: RegExp): void {
  assert.equal(report.status.code, code, JSON.stringify(report.status));
  assert.match(report.status.message ?? '', says);
  assert.match(report.status.message ?? '', /OPENAI_API_KEY/);
  assert.ok(typeof report.set === 'object' && report.set.code === code, `set: ${JSON.stringify(report.set)}`);
  assert.ok(!report.set.message.includes(KEY), 'the key leaked into the error');
}

keychainTest('no D-Bus session at all: unavailable, says how to get one, and the environment key still serves', async () => {
  const report = childReport({});
  assertKeychainProblem(report, 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE', /no D-Bus session bus.*dbus-run-session/i);
  assert.deepEqual(report.get, { key: ENV_KEY, source: 'env' });
});

keychainTest('DBUS_SESSION_BUS_ADDRESS pointing at a dead socket: unavailable, with the fix', async () => {
  const report = childReport({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(scratch, 'no-such-bus')}` });
  assertKeychainProblem(report, 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE', /session bus .* does not answer.*gnome-keyring/);
  assert.equal(report.status.state, 'unavailable');
  assert.deepEqual(report.get, { key: ENV_KEY, source: 'env' });
});

keychainTest('a bus without any Secret Service: unavailable, says to install gnome-keyring', async () => {
  // A bus with no service directories, so nothing can be auto-started on it.
  const busDir = mkdtempSync(path.join(scratch, 'bus-'));
  const config = path.join(busDir, 'session.conf');
  writeFileSync(config, `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir=${busDir}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`);
  const report = childReport({}, ['dbus-run-session', `--config-file=${config}`, '--']);
  assertKeychainProblem(report, 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE', /No Secret Service.*gnome-keyring/);
});

/** Isolated keyring dirs for a child session; never the user's. */
function keyringEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(scratch, 'keyring-'));
  return { HOME: dir, XDG_DATA_HOME: path.join(dir, 'data'), XDG_CACHE_HOME: path.join(dir, 'cache') };
}

/**
 * argv prefix: a fresh D-Bus session running gnome-keyring as `daemon` says, then the command. As in
 * scripts/with-keyring.sh it waits for the Secret Service's bus name and stops the daemon afterwards (one that had
 * not noticed the bus yet would outlive it).
 */
function keyringSession(daemon: string): string[] {
  const busCall = (method: string) =>
    `dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.${method} string:org.freedesktop.secrets 2>/dev/null`;
  const script = `${daemon} >/dev/null || exit 1
    i=0
    until ${busCall('NameHasOwner')} | grep -q 'boolean true'; do i=$((i + 1)); [ "$i" -lt 200 ] || exit 1; sleep 0.05; done
    pid=$(${busCall('GetConnectionUnixProcessID')} | awk '/uint32/ { print $2 }')
    rc=0; "$@" || rc=$?
    [ -z "$pid" ] || kill "$pid" 2>/dev/null
    exit "$rc"`;
  return ['dbus-run-session', '--', 'sh', '-c', script, 'sh'];
}

const START_LOCKED = 'gnome-keyring-daemon --start --components=secrets';

keychainTest('a locked keyring: status says locked (reads alone would look empty), set fails, env still serves', async () => {
  const env = keyringEnv();
  // First session: create the login keyring with a password. Second: start the daemon without unlocking it.
  const [cmd, ...args] = [...keyringSession('printf %s pw-for-test | gnome-keyring-daemon --unlock --components=secrets'), 'true'];
  const create = spawnSync(cmd!, args, { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(create.status, 0, create.stderr);
  const report = childReport(env, keyringSession(START_LOCKED));
  assertKeychainProblem(report, 'AIRLOCK_E_KEYCHAIN_LOCKED', /keychain is locked.*Unlock it/);
  assert.equal(report.status.state, 'locked');
  assert.deepEqual(report.get, { key: ENV_KEY, source: 'env' }, 'a locked keychain reads as empty, so the environment key serves');
});

keychainTest('a Secret Service with no keyring yet (never unlocked, no prompt possible): locked, with the fix', async () => {
  const report = childReport(keyringEnv(), keyringSession(START_LOCKED));
  assertKeychainProblem(report, 'AIRLOCK_E_KEYCHAIN_LOCKED', /no unlocked default keyring.*gnome-keyring-daemon --unlock/);
});

// ---- Through the daemon's runner: the reason reaches the user, coded, instead of "no API key" ---------------------

const RUNNER_CONFIG = `policy: balanced
retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 20 }
providers:
  # .invalid never resolves: were a request sent, it would fail as AIRLOCK_E_PROVIDER, not with the keychain's code.
  - { name: openai, kind: openai, baseUrl: "https://api.openai.invalid/v1" }
models:
  - { id: openai/gpt-4o-mini, provider: openai, model: gpt-4o-mini, class: hosted, capabilities: [tools, json], contextWindow: 128000, price: { inputPerMTok: 0.15, outputPerMTok: 0.6 }, latencyMs: 400, tier: 4, terms: { region: us, retentionDays: 30, noTraining: true } }
`;

interface RunnerReport {
  chat: { code: string; message: string } | 'ok';
  health: { name: string; hasKey: boolean; keyError?: { code: string; message: string } }[];
}

/** A real daemon (real runner, real key store) in a child with `env`'s session: chat/send and health/get. */
function runnerReport(env: NodeJS.ProcessEnv, wrap: string[] = []): RunnerReport {
  const home = mkdtempSync(path.join(scratch, 'home-'));
  writeFileSync(path.join(home, 'config.yaml'), RUNNER_CONFIG);
  const code = `
    import { startDaemon } from ${JSON.stringify(path.join(ROOT, 'daemon/server/daemon.ts'))};
    import { connect } from ${JSON.stringify(path.join(ROOT, 'daemon/server/client.ts'))};
    import { createKeyStore } from ${JSON.stringify(path.join(ROOT, 'daemon/providers/keys.ts'))};
    const env = { AIRLOCK_HOME: ${JSON.stringify(home)} };
    const d = await startDaemon({ port: 0, env, keys: createKeyStore({ service: ${JSON.stringify(SERVICE)}, env: {} }), log: { info() {}, error() {} } });
    const c = await connect({ home: env.AIRLOCK_HOME, port: d.port });
    const report = {};
    report.chat = await c.request('chat/send', { requestId: 'r1', text: 'What is a monad?', facts: { source: 'cli', interactive: true } })
      .then(() => 'ok', (e) => ({ code: e.code, message: e.message }));
    report.health = (await c.request('health/get', {})).providers;
    c.close();
    await d.stop();
    process.stdout.write('REPORT' + JSON.stringify(report));
    process.exit(0);
  `;
  const argv = [...wrap, process.execPath, '--import', 'tsx', '--input-type=module', '-e', code];
  const run = spawnSync(argv[0]!, argv.slice(1), { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 60_000 });
  const json = run.stdout.split('REPORT')[1];
  assert.ok(json, `child printed no report (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(json) as RunnerReport;
}

keychainTest('through the runner, a locked keyring is AIRLOCK_E_KEYCHAIN_LOCKED ("unlock it"), not "no API key"', async () => {
  const env = keyringEnv();
  const [cmd, ...args] = [...keyringSession('printf %s pw-for-test | gnome-keyring-daemon --unlock --components=secrets'), 'true'];
  assert.equal(spawnSync(cmd!, args, { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000 }).status, 0);
  const report = runnerReport(env, keyringSession(START_LOCKED));
  assert.ok(report.chat !== 'ok', 'nothing could be sent without a key');
  assert.equal(report.chat.code, 'AIRLOCK_E_KEYCHAIN_LOCKED', report.chat.message);
  assert.match(report.chat.message, /keychain is locked.*Unlock it/);
  assert.doesNotMatch(report.chat.message, /no API key/);
  assert.deepEqual(report.health.map((p) => [p.name, p.hasKey, p.keyError?.code]), [['openai', false, 'AIRLOCK_E_KEYCHAIN_LOCKED']]);
});

keychainTest('through the runner, no D-Bus session is AIRLOCK_E_KEYCHAIN_UNAVAILABLE, in chat and in health/get', async () => {
  const report = runnerReport({});
  assert.ok(report.chat !== 'ok');
  assert.equal(report.chat.code, 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE', report.chat.message);
  assert.match(report.chat.message, /no D-Bus session bus/i);
  assert.equal(report.health[0]?.hasKey, false);
  assert.equal(report.health[0]?.keyError?.code, 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE');
});
