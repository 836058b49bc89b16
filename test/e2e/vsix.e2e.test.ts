// The package a user installs: `node scripts/package.mjs` builds the linux-x64 .vsix, code-server installs it with
// --install-extension into a fresh extensions dir, and there is no `node` on the PATH code-server and the extension
// host see. The extension must start airlockd on VS Code's own runtime (its process.execPath, ELECTRON_RUN_AS_NODE=1)
// with the native modules the package carries, and a prompt must get a decision and an answer.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { codeServerBinary, webviewFrame, withVsCode } from './harness/index';
import { startE2eFixture, type E2eFixture } from './fixture';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const SECRET_PROMPT = 'Why does the deploy fail? The CI has GITHUB_TOKEN=ghp_R8x2Lq9ZtY4mWc7NvB3kHs6JdP1fGa5EuQ0o set';
const LOCAL_ANSWER = 'Rotate the token; it is probably expired.';

let fixture: E2eFixture;
let work: string;

before(async () => {
  fixture = await startE2eFixture('vsix', { 'notes.md': '# notes\n' });
  work = mkdtempSync(join(tmpdir(), 'airlock-e2e-vsix-'));
});

after(async () => {
  delete process.env.AIRLOCK_CODE_SERVER;
  await fixture.close();
  rmSync(work, { recursive: true, force: true });
});

/** The Node code-server runs on (its wrapper script execs it): VS Code's runtime here, so the one to package for. */
function codeServerNode(): string {
  const match = /exec "([^"]+)"/.exec(readFileSync(codeServerBinary(), 'utf8'));
  assert.ok(match?.[1], 'the code-server wrapper names its node');
  return match[1];
}

/**
 * A code-server launcher for a machine with VS Code and no Node: code-server runs in its own mount namespace where
 * every `node` on this PATH is covered by /dev/null (a PATH trick is not enough: VS Code's server takes the extension
 * host's PATH from a login shell). It refuses to start if `node` still runs there.
 */
function codeServerWithoutNode(dir: string): string {
  const nodes = new Set<string>();
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (existsSync(join(folder, 'node'))) nodes.add(realpathSync(join(folder, 'node')));
  }
  const masks = [...nodes].map((n) => `mount --bind /dev/null '${n}' || exit 98`).join('\n');
  const script = join(dir, 'code-server-without-node');
  writeFileSync(script, `#!/bin/sh
# Runs code-server where no node exists: a private mount namespace, each node binary covered by /dev/null.
exec unshare -m sh -c '
${masks}
if command -v node >/dev/null && node -v >/dev/null 2>&1; then echo "node still runs" >&2; exit 97; fi
exec "$0" "$@"' '${codeServerBinary()}' "$@"
`, { mode: 0o755 });
  return script;
}

// Masking node needs a mount namespace (unshare -m, bind mounts): root, as on this machine and in CI.
const NEEDS_ROOT = process.getuid?.() === 0 ? false : 'masking node needs root (unshare -m and bind mounts)';

test('the packaged .vsix installs into code-server and runs airlockd on VS Code\'s Node, with every other node masked', { timeout: 900_000, skip: NEEDS_ROOT }, async () => {
  const node = codeServerNode();
  const vsix = join(work, 'airlock-linux-x64.vsix');
  // Compiling better-sqlite3 for a new ABI takes about 2 minutes the first time (then cached).
  await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts', 'package.mjs'), '--node', node, '--out', vsix, '--stage', join(work, 'stage')], { cwd: repoRoot, timeout: 600_000 });
  const sizeMb = statSync(vsix).size / 1e6;
  assert.ok(sizeMb < 15, `the .vsix is ${sizeMb.toFixed(1)} MB`);

  const wrapper = codeServerWithoutNode(work);
  // The wrapper exits 97 when `node` still runs inside its namespace, so a version here means code-server runs without one.
  const { stdout } = await promisify(execFile)(wrapper, ['--version']);
  assert.match(stdout, /4\.104\.0/);
  process.env.AIRLOCK_CODE_SERVER = wrapper;
  const env = fixture.env;
  await withVsCode({ name: 'vsix', vsixPath: vsix, workspace: fixture.workspace, env, settings: { 'airlock.daemonPort': fixture.port } }, async ({ server, page }) => {
    // Installed by code-server itself, not linked: the folder holds the package's files.
    const installed = readdirSync(join(server.runDir, 'extensions')).find((name) => name.startsWith('airlock.airlock-'));
    assert.ok(installed, 'code-server installed the extension');
    await page.locator('.activitybar [aria-label="Airlock"]').first().click({ timeout: 30_000 });
    const chat = await webviewFrame(page, 'Chat', 30_000);
    await chat.locator('.banner[data-state="connected"]').waitFor({ state: 'attached', timeout: 60_000 });

    // The daemon the extension started runs VS Code's runtime as Node.
    const pid = Number(readFileSync(join(fixture.home, 'airlockd.pid'), 'utf8').trim());
    assert.equal(realpathSync(`/proc/${pid}/exe`), realpathSync(node), 'airlockd runs on the Node code-server runs on');
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    assert.ok(environ.includes('ELECTRON_RUN_AS_NODE=1'), 'started as plain Node');
    // The daemon lives in the namespace where node is masked (its mount namespace is not the test's).
    assert.notEqual(readlinkSync(`/proc/${pid}/ns/mnt`), readlinkSync('/proc/self/ns/mnt'), 'the daemon runs where node is masked');

    fixture.sims.ollama.setDefault({ kind: 'ok', text: LOCAL_ANSWER });
    const input = chat.locator('.composer-input textarea');
    await input.click();
    await input.fill(SECRET_PROMPT);
    await input.press('Enter');
    const turn = chat.locator('.turn').first();
    await turn.locator('.answer-text', { hasText: LOCAL_ANSWER }).waitFor({ timeout: 60_000 });
    assert.match((await turn.locator('.route-badge').first().textContent()) ?? '', /^local · llama3\.2/);
    assert.equal(fixture.sims.openai.receivedBytes().length, 0, 'nothing reached the hosted simulator');
  });
});
