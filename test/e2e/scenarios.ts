// The editor scenarios of issue 11 in one VS Code session, against whichever Airlock a target names (the source
// checkout, or the installed .vsix with no node: harness/target.ts): airlockd down (banner, a send fails at once
// with the message), connected on the port config.yaml names, Markdown and a code block with working Copy and Insert
// at Cursor, the decision in an editor tab, an error in one sentence, the badges' contrast in light, dark and
// high-contrast themes, and the walkthrough. Takes the README's pictures of these in a light and a dark theme.
import assert from 'node:assert/strict';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { contrastRatio, over, parseRgb, type Rgba } from '../helpers/contrast';
import { codeServerNode, openFile, readmeScreenshots, runCommand, screenshot, setColorTheme, webviewFrame, withEvidence, withVsCode, type Target, type Theme } from './harness/index';
import { startE2eFixture } from './fixture';

const SOURCE = 'i = 0\nwhile i < 10:\n    print(i)\n';
const CODE_PROMPT = `Why does this loop never end?\n\`\`\`python\n${SOURCE}\`\`\``;
const FIXED = 'i = 0\nwhile i < 10:\n    print(i)\n    i += 1\n';
// Every Markdown kind the chat renders, and model HTML that must stay text.
const MARKDOWN_ANSWER = [
  '## The fix', '', 'The loop never changes `i`, so:', '', '- add `i += 1` at the end of the body,', '- or use a [for loop](https://docs.python.org/3/tutorial/controlflow.html).', '',
  `\`\`\`python\n${FIXED}\`\`\``, '', '<img src=x onerror="document.title=\'pwned\'">',
].join('\n');
const PUBLIC_PROMPT = 'What is the difference between TCP and UDP?';
const WALKTHROUGH = 'Get started with Airlock';

async function send(chat: FrameLocator, text: string): Promise<void> {
  const input = chat.locator('.composer-input textarea');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

interface BadgeSample { route: string; color: string; layers: string[]; text: string }

/** Contrast of every route badge in the Chat view as rendered now: the text colour over its composited background. */
async function badgeContrast(chat: FrameLocator): Promise<{ route: string; text: string; ratio: number }[]> {
  const samples: BadgeSample[] = await chat.locator('body').evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.route-badge')).map((e) => {
    const layers: string[] = [];
    for (let n: HTMLElement | null = e; n; n = n.parentElement) layers.push(getComputedStyle(n).backgroundColor);
    layers.push(getComputedStyle(document.documentElement).backgroundColor);
    return { route: Array.from(e.classList).find((c) => /^route-(?!badge)/.test(c)) ?? '', color: getComputedStyle(e).color, layers, text: e.textContent ?? '' };
  }));
  return samples.map((s) => {
    const parsed = s.layers.map(parseRgb);
    const opaque = parsed.findIndex((c) => c[3] === 1);
    let bg: Rgba = [255, 255, 255, 1];
    for (const layer of parsed.slice(0, opaque === -1 ? parsed.length : opaque + 1).reverse()) bg = over(layer, bg);
    return { route: s.route, text: s.text, ratio: contrastRatio(parseRgb(s.color), bg) };
  });
}

/** Opens the Airlock container and returns the Chat view's frame. */
async function openChat(page: Page): Promise<FrameLocator> {
  // The icon toggles its container, and a reloaded window may restore Airlock's side bar on its own: look first, then
  // click, and click once more if that click closed what the restore had opened (each wait bounded).
  const icon = page.locator('.activitybar [aria-label="Airlock"]').first();
  for (const wait of [5_000, 20_000, 20_000]) {
    try {
      return await webviewFrame(page, 'Chat', wait);
    } catch {
      // Not open (yet): the click below opens it, or closes what a late restore opened and the next round reopens it.
    }
    await icon.click({ timeout: 30_000 });
  }
  return webviewFrame(page, 'Chat', 30_000);
}

/**
 * The Chat view's frame once its banner says connected. After a window reload VS Code may restore the view into one
 * webview host and then replace that host: a frame found too early points at a host that is gone (seen once in CI, the
 * view connected on screen while the wait on the old host ran out). So the frame is found again between short waits,
 * until the deadline.
 */
async function connectedChat(page: Page, timeoutMs: number): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const chat = await webviewFrame(page, 'Chat', Math.max(1_000, deadline - Date.now()));
    const left = deadline - Date.now();
    try {
      await chat.locator('.banner[data-state="connected"]').waitFor({ state: 'attached', timeout: Math.max(1_000, Math.min(10_000, left)) });
      return chat;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
  }
}

export async function runMainScenarios(t: TestContext, target: Target, name: string): Promise<void> {
  const fixture = await startE2eFixture(name, { 'src/loop.py': SOURCE });
  t.after(() => fixture.close());
  assert.notEqual(fixture.port, 47611, 'the configured port is not the extension\'s default');
  const { ollama, openai, anthropic } = fixture.sims;
  // No airlock.daemonPort: the extension must find the daemon from config.yaml's port. A Node path that does not
  // exist keeps airlockd from starting until the setting is fixed and the window reloaded, as a user would.
  // No empty secondary side bar in the pictures.
  const settings = { 'airlock.nodePath': join(fixture.home, 'no-such-node'), 'workbench.secondarySideBar.defaultVisibility': 'hidden' };
  await withVsCode({ name, ...target, workspace: fixture.workspace, env: fixture.env, settings }, async ({ server, page }) => {
    let chat = await openChat(page);

    await t.test('airlockd down: the banner offers Start, Open Log and Open Settings, and a send fails at once with the message', withEvidence(page, `${name}-down`, async () => {
      const banner = chat.locator('.banner[data-state="down"]');
      await banner.waitFor({ timeout: 60_000 });
      assert.match(await banner.locator('.banner-text').innerText(), /^airlockd is not running: /);
      for (const label of ['Start airlockd', 'Open the daemon log', 'Open Airlock settings']) await banner.locator(`vscode-button[aria-label="${label}"]`).waitFor();
      await readmeScreenshots(page, 'banner-daemon-down', { webviews: [chat] });

      const sent = Date.now();
      await send(chat, 'Is anyone there?');
      const notice = chat.locator('.turn').first().locator('.notice');
      await notice.waitFor({ timeout: 20_000 });
      const elapsed = Date.now() - sent;
      assert.match(await notice.innerText(), /airlockd is not running/);
      await notice.locator('vscode-button', { hasText: 'Start airlockd' }).waitFor();
      // The issue's bound is 2 s; measured and reported, not asserted (a loaded machine would make it flaky).
      t.diagnostic(`send while airlockd is down: the message showed ${elapsed} ms after Enter`);
    }));

    await t.test('with the Node path fixed and the window reloaded, airlockd starts on the port config.yaml names and the view connects', withEvidence(page, `${name}-port`, async () => {
      const file = JSON.parse(readFileSync(server.settingsPath, 'utf8')) as Record<string, unknown>;
      delete file['airlock.nodePath'];
      writeFileSync(server.settingsPath, JSON.stringify(file, null, 2));
      await runCommand(page, 'Developer: Reload Window');
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await openChat(page);
      chat = await connectedChat(page, 90_000);
      const state = JSON.parse(readFileSync(join(fixture.home, 'airlockd.json'), 'utf8')) as { port: number };
      assert.equal(state.port, fixture.port, 'airlockd listens on the configured port');
      if (target.kind === 'vsix') {
        // The package's daemon, on VS Code's own runtime: no other node exists where it runs.
        const pid = Number(readFileSync(join(fixture.home, 'airlockd.pid'), 'utf8').trim());
        assert.equal(realpathSync(`/proc/${pid}/exe`), realpathSync(codeServerNode()), 'airlockd runs on the Node code-server runs on');
      }
      // The failed send of the step before stays in the transcript: a new conversation for the pictures that follow.
      await runCommand(page, 'Airlock: New Conversation');
      await chat.locator('.turn').first().waitFor({ state: 'detached', timeout: 15_000 });
    }));

    await t.test('an answer renders Markdown and a highlighted code block whose Copy and Insert at Cursor work; model HTML stays text', withEvidence(page, `${name}-markdown`, async () => {
      ollama.setDefault({ kind: 'ok', text: MARKDOWN_ANSWER });
      await openFile(page, 'src/loop.py');
      await send(chat, CODE_PROMPT);
      const turn = chat.locator('.turn').last();
      await turn.locator('.code-block').waitFor({ timeout: 60_000 });
      await turn.locator('.route-badge', { hasText: /^local · llama3\.2/ }).waitFor();
      const answer = turn.locator('.answer-text');
      assert.equal(await answer.locator('h2').innerText(), 'The fix');
      assert.equal(await answer.locator('li').count(), 2);
      assert.equal(await answer.locator('a[href^="https://docs.python.org/"]').count(), 1);
      assert.ok(await answer.locator('p code').count() >= 1, 'inline code');
      assert.ok(await answer.locator('pre code span[class^="hljs"]').count() >= 1, 'the python block is highlighted');
      assert.equal(await answer.locator('img').count(), 0, 'model HTML is not in the DOM');
      assert.match(await answer.innerText(), /<img src=x onerror=/, 'model HTML is shown as text');
      assert.equal(openai.receivedBytes().length + anthropic.receivedBytes().length, 0, 'code stayed local');

      await turn.locator('vscode-button[aria-label="Copy code"]').click();
      await turn.locator('.code-status', { hasText: 'Copied.' }).waitFor({ timeout: 10_000 });
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), FIXED);

      // The cursor at the end of loop.py, then Insert at Cursor: the block lands in the editor (unsaved).
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      await turn.locator('vscode-button[aria-label="Insert code at the cursor"]').click();
      await turn.locator('.code-status', { hasText: 'Inserted.' }).waitFor({ timeout: 10_000 });
      await page.locator('.editor-group-container.active .view-line', { hasText: /i\s\+=\s1/ }).first().waitFor({ timeout: 10_000 });
      await readmeScreenshots(page, 'chat-markdown', { webviews: [chat] });
    }));

    await t.test('a decision opens in an editor tab', withEvidence(page, `${name}-decision`, async () => {
      const turn = chat.locator('.turn').last();
      await turn.locator('.route-badge').first().click();
      await turn.locator('.detail vscode-button[aria-label="Open this decision in an editor tab"]').click();
      await page.locator('.tab.active', { hasText: /^Decision / }).waitFor({ timeout: 20_000 });
      const tab = await webviewFrame(page, 'Decision', 30_000);
      const detail = tab.locator('.detail-tab .detail');
      await detail.waitFor({ timeout: 20_000 });
      assert.match(await detail.innerText(), /code-stays-local/);
    }));

    await t.test('a public question every provider refuses the key for fails in one sentence with Set API Key…, and its badge says failed', withEvidence(page, `${name}-error`, async () => {
      // Every candidate refuses (the local one too, else it answers as the fallback): the error is about keys. Keys
      // left out of the config instead would send airlockd to the OS keychain, which a bare e2e run may not have.
      for (const sim of [openai, anthropic, ollama]) sim.setDefault({ kind: 'status', status: 401, message: 'Incorrect API key provided' });
      t.after(() => ollama.setDefault({ kind: 'ok' }));
      // The picture shows this turn after one answered locally: the decision tab closed, a fresh conversation.
      await runCommand(page, 'View: Close Editor');
      await runCommand(page, 'Airlock: New Conversation');
      await chat.locator('.turn').first().waitFor({ state: 'detached', timeout: 15_000 });
      ollama.script({ kind: 'ok', text: 'Add `i += 1` at the end of the loop body.' });
      await send(chat, CODE_PROMPT);
      await chat.locator('.turn').first().locator('.route-badge', { hasText: /^local/ }).waitFor({ timeout: 60_000 });
      await send(chat, PUBLIC_PROMPT);
      const turn = chat.locator('.turn').last();
      const notice = turn.locator('.notice');
      await notice.waitFor({ timeout: 60_000 });
      await notice.locator('vscode-button', { hasText: 'Set API Key…' }).waitFor();
      const sentence = (await notice.innerText()).replace('Set API Key…', '').trim();
      assert.equal(sentence.match(/[.!?](\s|$)/g)?.length, 1, `one sentence: ${sentence}`);
      assert.doesNotMatch(sentence, /\{|401|Incorrect API key/, 'the providers\' raw replies are under Details, not in the sentence');
      assert.match((await turn.locator('.route-badge').first().textContent()) ?? '', /failed/);
      await notice.scrollIntoViewIfNeeded();
      await readmeScreenshots(page, 'chat-error-one-sentence', { webviews: [chat] });
    }));

    await t.test('every route badge meets WCAG AA contrast in light, dark and high-contrast themes', withEvidence(page, `${name}-contrast`, async () => {
      for (const theme of ['light', 'dark', 'hc'] as Theme[]) {
        await setColorTheme(page, theme, [chat]);
        const badges = await badgeContrast(chat);
        assert.ok(badges.length >= 2, `${theme}: badges on screen: ${badges.length}`);
        const low = badges.filter((b) => b.ratio < 4.5).map((b) => `${b.route} "${b.text}" ${b.ratio.toFixed(2)}:1`);
        assert.deepEqual(low, [], `${theme}: below AA`);
        t.diagnostic(`${theme}: ${badges.map((b) => `${b.route} ${b.ratio.toFixed(1)}:1`).join(', ')}`);
      }
      await setColorTheme(page, 'dark', [chat]);
    }));

    await t.test('the walkthrough opens with its steps', withEvidence(page, `${name}-walkthrough`, async () => {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: WALKTHROUGH }).first();
      await row.waitFor({ timeout: 20_000 });
      await row.click();
      const walkthrough = page.locator('.gettingStartedContainer');
      await walkthrough.locator('h2', { hasText: WALKTHROUGH }).first().waitFor({ timeout: 20_000 });
      await walkthrough.getByText('Start Ollama and pull a model').first().waitFor();
      await screenshot(page, `${name}-walkthrough`);
    }));
  });
}
