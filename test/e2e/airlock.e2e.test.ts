// Airlock in a real VS Code (code-server + headless Chromium): the extension starts airlockd itself (AIRLOCK_HOME is a
// temp folder whose config.yaml points every provider at the simulators in test/sim/), and a user drives the Chat view,
// the Decisions view and the commands. The simulators record every byte, so "nothing left" is checked, not assumed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ConsoleMessage, FrameLocator, Page } from 'playwright-core';
import { extensionUnderTest, openFile, readmeScreenshots, runCommand, screenshot, selectLines, webviewFrame, withVsCode } from './harness/index';
import type { SimHandle } from '../sim/index';
import { startE2eFixture, type E2eFixture } from './fixture';

// A GitHub token shaped like a real one (not a documented example, which the detectors treat as a placeholder).
const SECRET_PROMPT = 'Why does the deploy fail? The CI has GITHUB_TOKEN=ghp_R8x2Lq9ZtY4mWc7NvB3kHs6JdP1fGa5EuQ0o set';
const PUBLIC_PROMPT = 'What is the difference between TCP and UDP?';
const HOSTED_ANSWER = 'TCP is connection-oriented; UDP sends datagrams without a handshake.';
const LOCAL_ANSWER = 'The token in your CI settings is probably expired; rotate it.';

let sims: { ollama: SimHandle; openai: SimHandle; anthropic: SimHandle };
let workspace: string;
let port: number;

let fixture: E2eFixture;

before(async () => {
  fixture = await startE2eFixture('ext', {
    '.env': 'DATABASE_URL=postgres://app@db.internal:5432/app\nDB_PASSWORD=Vx8#qL2m!pR7zT4w\nLOG_LEVEL=debug\n',
    'src/app.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  });
  ({ sims, workspace, port } = fixture);
});

after(async () => {
  await fixture.close();
});

const generations = (sim: SimHandle) => sim.received.filter((r) => r.method === 'POST');

async function openAirlock(page: Page): Promise<void> {
  await page.locator('.activitybar [aria-label="Airlock"]').first().click({ timeout: 30_000 });
}

/** Errors our webview bundle logs (a CSP violation, a failed mount): kept to fail the run with their text. */
function collectWebviewErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && message.location().url.endsWith('/dist/webview.js')) errors.push(message.text());
  });
  return errors;
}

/** Types into the Chat view's composer and sends with Enter; returns the new turn. */
async function ask(chat: FrameLocator, text: string, turnIndex: number) {
  const input = chat.locator('.composer-input textarea');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  return chat.locator('.turn').nth(turnIndex);
}

test('Airlock in VS Code: local, hosted, explain, fail closed', { timeout: 240_000 }, async (t) => {
  const env = fixture.env;
  await withVsCode({ name: 'airlock', ...(await extensionUnderTest()), workspace, env, settings: { 'airlock.daemonPort': port, 'workbench.secondarySideBar.defaultVisibility': 'hidden' } }, async ({ page }) => {
    const webviewErrors = collectWebviewErrors(page);
    await openAirlock(page);
    const chat = await webviewFrame(page, 'Chat', 30_000);
    // The extension found no daemon and started one; the Chat view heard that it is connected (the banner is hidden
    // from the start, so its visibility alone proves nothing).
    await chat.locator('.banner[data-state="connected"]').waitFor({ state: 'attached', timeout: 30_000 });

    await t.test('a prompt with a secret is answered by the local model and its record names the secret and rule', async () => {
      sims.ollama.setDefault({ kind: 'ok', text: LOCAL_ANSWER });
      const turn = await ask(chat, SECRET_PROMPT, 0);
      await turn.locator('.answer-text', { hasText: LOCAL_ANSWER }).waitFor({ timeout: 30_000 });
      const badge = (await turn.locator('.route-badge').first().textContent()) ?? '';
      assert.match(badge, /^local · llama3\.2/, `badge: ${badge}`);
      assert.equal(generations(sims.ollama).length, 1);
      assert.equal(sims.openai.receivedBytes().length, 0, 'OpenAI simulator received bytes');
      assert.equal(sims.anthropic.receivedBytes().length, 0, 'Anthropic simulator received bytes');
      await screenshot(page, '1-secret-local-chat');

      // Decisions starts collapsed; the command opens it, the way a user would.
      await runCommand(page, 'Airlock: Show Decision Log');
      const decisions = await webviewFrame(page, 'Decisions');
      const row = decisions.locator('.decision-row', { hasText: 'secrets-stay-local' }).first();
      await row.waitFor({ timeout: 15_000 });
      await row.click();
      const detail = decisions.locator('.detail');
      await detail.waitFor({ timeout: 10_000 });
      const text = (await detail.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /github-token/, 'detail names the secret type');
      assert.match(text, /secrets-stay-local/, 'detail names the rule');
      assert.ok(!text.includes('ghp_R8x2Lq9ZtY4mWc7NvB3kHs6JdP1fGa5EuQ0o'), 'the record shows no raw secret');
      await screenshot(page, '1-secret-local-decision');
      // The README's picture: the record in its editor tab, beside the chat (the sidebar's detail is cramped).
      await detail.locator('vscode-button[aria-label="Open this decision in an editor tab"]').click();
      await page.locator('.tab.active', { hasText: /^Decision / }).waitFor({ timeout: 20_000 });
      const tab = await webviewFrame(page, 'Decision', 30_000);
      await tab.locator('.detail-tab .detail').waitFor({ timeout: 20_000 });
      await readmeScreenshots(page, 'decision-secret-local', { webviews: [chat, tab] });
      await runCommand(page, 'View: Close Editor');
    });

    await t.test('a public question is answered by the hosted model', async () => {
      sims.openai.setDefault({ kind: 'ok', text: HOSTED_ANSWER });
      const before = generations(sims.ollama).length;
      const turn = await ask(chat, PUBLIC_PROMPT, 1);
      await turn.locator('.answer-text', { hasText: HOSTED_ANSWER }).waitFor({ timeout: 30_000 });
      const badge = (await turn.locator('.route-badge').first().textContent()) ?? '';
      assert.match(badge, /^hosted · gpt-4o-mini/, `badge: ${badge}`);
      assert.equal(generations(sims.openai).length, 1);
      assert.match(generations(sims.openai)[0]?.body.toString('utf8') ?? '', /TCP and UDP/);
      assert.equal(generations(sims.ollama).length, before, 'the local model was not asked');
      await screenshot(page, '2-public-hosted-chat');
      await readmeScreenshots(page, 'chat-hosted', { webviews: [chat] });
    });

    await t.test('Explain Routing for Selection on a .env file explains without sending a byte', async () => {
      for (const sim of Object.values(sims)) sim.reset();
      await openFile(page, '.env');
      await selectLines(page, 1, 3);
      await runCommand(page, 'Airlock: Explain Routing for Selection');
      const toast = page.locator('.notification-toast', { hasText: 'Would route' });
      await toast.waitFor({ timeout: 15_000 });
      const text = (await toast.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /Would route: local · llama3\.2/, text);
      assert.match(text, /Nothing was sent/);
      await screenshot(page, '3-explain-env');
      // The toast may have timed out by the time the theme changed: explained again (still nothing sent).
      const redo = async () => {
        if (await toast.isVisible()) return;
        await runCommand(page, 'Airlock: Explain Routing for Selection');
        await toast.waitFor({ timeout: 15_000 });
      };
      await readmeScreenshots(page, 'explain-env', { webviews: [chat], redo });
      for (const [name, sim] of Object.entries(sims)) assert.equal(generations(sim).length, 0, `${name} got a generation request`);
      for (const [name, sim] of Object.entries(sims).filter(([n]) => n !== 'ollama')) assert.equal(sim.receivedBytes().length, 0, `${name} received bytes`);
    });

    await t.test('with the local model down, a sensitive prompt is blocked with a clear message', async () => {
      await page.keyboard.press('Escape'); // closes the notification toast
      await sims.ollama.down();
      for (const sim of Object.values(sims)) sim.reset();
      const turn = await ask(chat, `Is this key still valid? ${SECRET_PROMPT}`, 2);
      const notice = turn.locator('.notice');
      await notice.waitFor({ timeout: 30_000 });
      const text = await notice.innerText();
      assert.match(text, /ollama serve/i, text);
      assert.match(text, /nothing was sent to a hosted model/i, text);
      assert.equal(sims.openai.receivedBytes().length, 0, 'OpenAI simulator received bytes');
      assert.equal(sims.anthropic.receivedBytes().length, 0, 'Anthropic simulator received bytes');
      await screenshot(page, '4-local-down-blocked');
      await readmeScreenshots(page, 'chat-local-down-blocked', { webviews: [chat] });
      await sims.ollama.up();
    });

    assert.deepEqual(webviewErrors, [], 'the webviews logged errors');
  });
});
