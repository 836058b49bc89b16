// Proves the e2e harness against a throwaway fixture extension: real code-server, real Chromium, no mocks.
// Needs code-server installed (bash scripts/install-code-server.sh); without it these tests fail, saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ARTIFACTS_DIR,
  findStrays,
  installedFolderName,
  openFile,
  packageVsix,
  runCommand,
  screenshot,
  selectLines,
  selectedCharCount,
  startCodeServer,
  webviewFrame,
  withVsCode,
} from './harness/index';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'hello-ext');
const E2E_TIMEOUT = { timeout: 120_000 };

function makeWorkspace(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'airlock-e2e-ws-'));
  mkdirSync(join(workspace, 'src'));
  writeFileSync(join(workspace, 'src', 'sample.js'), 'const a = 1;\nconst b = 2;\nconst c = 3;\nconsole.log(a + b + c);\n');
  return workspace;
}

test('fixture extension: palette command opens its webview, a click round-trips through the extension host, webviews found by title', E2E_TIMEOUT, async () => {
  const workspace = makeWorkspace();
  const envToken = `token-${process.pid}-${Date.now()}`;
  let runDir = '';
  try {
    await withVsCode({ name: 'hello-ext', extensionDevelopmentPath: FIXTURE, workspace, env: { HELLO_FIXTURE_ENV: envToken } }, async ({ server, page }) => {
      runDir = server.runDir;
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\//);

      await openFile(page, 'src/sample.js');
      await selectLines(page, 2, 3);
      // "const b = 2;\nconst c = 3;" is 25 characters.
      await page.locator('#status\\.editor\\.selection', { hasText: '(25 selected)' }).waitFor();
      assert.equal(await selectedCharCount(page), 25);

      await runCommand(page, 'Hello: Show Webview');
      assert.equal(await selectedCharCount(page), 25, 'running a command keeps the editor selection');
      const view = await webviewFrame(page, 'Hello View');
      await view.getByText('Hello from the fixture webview').waitFor();
      assert.equal(await view.locator('#env').textContent(), `HELLO_FIXTURE_ENV=${envToken}`);

      await view.locator('#ping').click();
      await view.locator('#result', { hasText: /^pong #1 from pid \d+$/ }).waitFor();

      const selectionShot = await screenshot(page, 'hello-ext-view-and-selection');
      assert.ok(existsSync(selectionShot));

      await runCommand(page, 'Hello: Open Panel');
      const panel = await webviewFrame(page, 'Hello Panel');
      assert.equal(await panel.locator('#greeting').textContent(), 'Hello from the panel');
      assert.equal(await (await webviewFrame(page, 'Hello View')).locator('#greeting').textContent(), 'Hello from the fixture webview');

      const shot = await screenshot(page, 'hello-ext-panel');
      assert.ok(existsSync(shot), `screenshot written to ${shot}`);
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  assert.notEqual(runDir, '');
  assert.deepEqual(findStrays(runDir), [], 'no process of that code-server run survives stop()');
  assert.equal(existsSync(runDir), false, 'run folder removed');
});

test('withVsCode tears everything down and keeps evidence when the body throws', E2E_TIMEOUT, async () => {
  const evidence = ['deliberate-failure-failure.png', 'deliberate-failure-failure-code-server.log'].map((f) => join(ARTIFACTS_DIR, f));
  for (const file of evidence) rmSync(file, { force: true });
  let runDir = '';
  await assert.rejects(
    withVsCode({ name: 'deliberate-failure', extensionDevelopmentPath: FIXTURE }, async ({ server }) => {
      runDir = server.runDir;
      throw new Error('deliberate failure inside the test body');
    }),
    /deliberate failure inside the test body/,
  );
  assert.notEqual(runDir, '');
  assert.deepEqual(findStrays(runDir), []);
  for (const file of evidence) assert.ok(existsSync(file), `${file} written`);
});

test('a .vsix is installed with code-server --install-extension into the fresh extensions dir', E2E_TIMEOUT, async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'airlock-e2e-vsix-'));
  try {
    const vsixPath = await packageVsix(FIXTURE, join(outDir, 'hello-ext.vsix'));
    const server = await startCodeServer({ vsixPath });
    try {
      const installed = join(server.runDir, 'extensions', installedFolderName(FIXTURE));
      assert.ok(lstatSync(installed).isDirectory(), `${installed} is a real folder, unpacked from the .vsix`);
      assert.ok(existsSync(join(installed, 'extension.cjs')));
      const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      assert.equal(health.status, 200);
    } finally {
      await server.stop();
    }
    assert.deepEqual(findStrays(server.runDir), []);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

test('a missing code-server install is reported with the command that installs it', async () => {
  const saved = process.env.AIRLOCK_CODE_SERVER;
  process.env.AIRLOCK_CODE_SERVER = join(tmpdir(), 'airlock-no-such-dir', 'code-server');
  try {
    await assert.rejects(startCodeServer({}), /not installed.*bash scripts\/install-code-server\.sh/);
  } finally {
    if (saved === undefined) delete process.env.AIRLOCK_CODE_SERVER;
    else process.env.AIRLOCK_CODE_SERVER = saved;
  }
});
