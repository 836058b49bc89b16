// The package a user installs: `node scripts/package.mjs` builds the linux-x64 .vsix, code-server installs it with
// --install-extension into a fresh extensions dir, and there is no `node` on the PATH code-server and the extension
// host see. The extension must start airlockd on VS Code's own runtime (its process.execPath, ELECTRON_RUN_AS_NODE=1)
// with the native modules the package carries, and a prompt must get a decision and an answer.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { codeServerNode, packageForCodeServer, vsixTarget, VSIX_UNAVAILABLE, webviewFrame, withVsCode, type Target } from './harness/index';
import { startE2eFixture, type E2eFixture } from './fixture';
import { runMainScenarios } from './scenarios';

const SECRET_PROMPT = 'Why does the deploy fail? The CI has GITHUB_TOKEN=ghp_R8x2Lq9ZtY4mWc7NvB3kHs6JdP1fGa5EuQ0o set';
const LOCAL_ANSWER = 'Rotate the token; it is probably expired.';

let fixture: E2eFixture;
let work: string;
/** The package, built once for both tests of this file. */
let packaged: Promise<Target> | undefined;
const target = () => (packaged ??= packageForCodeServer(work).then((vsix) => vsixTarget(vsix, work)));

before(async () => {
  fixture = await startE2eFixture('vsix', { 'notes.md': '# notes\n' });
  work = mkdtempSync(join(tmpdir(), 'airlock-e2e-vsix-'));
});

after(async () => {
  await fixture.close();
  rmSync(work, { recursive: true, force: true });
});

test('the packaged .vsix installs into code-server and runs airlockd on VS Code\'s Node, with every other node masked', { timeout: 900_000, skip: VSIX_UNAVAILABLE }, async () => {
  const node = codeServerNode();
  // Compiling better-sqlite3 for a new ABI takes about 2 minutes the first time (then cached).
  const vsix = await target();
  const sizeMb = statSync(vsix.vsixPath!).size / 1e6;
  assert.ok(sizeMb < 15, `the .vsix is ${sizeMb.toFixed(1)} MB`);

  // The wrapper exits 97 when `node` still runs inside its namespace, so a version here means code-server runs without one.
  const { stdout } = await promisify(execFile)(vsix.codeServerBin!, ['--version']);
  assert.match(stdout, /4\.104\.0/);
  await withVsCode({ name: 'vsix', ...vsix, workspace: fixture.workspace, env: fixture.env, settings: { 'airlock.daemonPort': fixture.port } }, async ({ server, page }) => {
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

test('the editor scenarios against the installed .vsix, with every node masked', { timeout: 900_000, skip: VSIX_UNAVAILABLE }, async (t) => {
  await runMainScenarios(t, await target(), 'vsix-scenarios');
});
