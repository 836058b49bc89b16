// The editor experience in a real VS Code (code-server + headless Chromium) with airlockd and the provider simulators:
// the selection shows as a removable chip, a code block's Apply to File opens a diff and writes the file only after
// Apply, a decision opens in its own editor tab, and the Chat view's toolbar starts a new conversation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { extensionUnderTest, openFile, screenshot, selectLines, webviewFrame, withVsCode } from './harness/index';
import { startE2eFixture, type E2eFixture } from './fixture';

const SOURCE = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const NEW_SOURCE = 'export const add = (a: number, b: number): number => a + b;\n';
const ANSWER = `Shorter:\n\n\`\`\`ts src/app.ts\n${NEW_SOURCE}\`\`\`\n`;

let fixture: E2eFixture;

before(async () => {
  fixture = await startE2eFixture('editor', { 'src/app.ts': SOURCE });
});
after(async () => fixture.close());

async function send(chat: FrameLocator, text: string): Promise<void> {
  const input = chat.locator('.composer-input textarea');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

async function toastButton(page: Page, text: RegExp, button: string): Promise<void> {
  const toast = page.locator('.notification-toast', { hasText: text }).first();
  await toast.waitFor({ timeout: 20_000 });
  await toast.locator('.monaco-button', { hasText: button }).click();
}

test('chips, Apply to File, the decision tab and the Chat toolbar in VS Code', { timeout: 300_000 }, async (t) => {
  const env = fixture.env;
  await withVsCode({ name: 'editor', ...(await extensionUnderTest()), workspace: fixture.workspace, env, settings: { 'airlock.daemonPort': fixture.port } }, async ({ page }) => {
    for (const sim of [fixture.sims.ollama, fixture.sims.openai]) sim.setDefault({ kind: 'ok', text: ANSWER });
    await openFile(page, 'src/app.ts');
    await page.locator('.activitybar [aria-label="Airlock"]').first().click({ timeout: 30_000 });
    const chat = await webviewFrame(page, 'Chat', 30_000);
    await chat.locator('.banner[data-state="connected"]').waitFor({ state: 'attached', timeout: 60_000 });

    await t.test('the selection is a chip; × removes it', async () => {
      await openFile(page, 'src/app.ts');
      await selectLines(page, 1, 2);
      const chip = chat.locator('.attachment-chip');
      await chip.waitFor({ timeout: 15_000 });
      assert.equal(await chip.locator('.chip-label').innerText(), 'Selection · app.ts:1–2');
      await screenshot(page, 'editor-chip');
      await chip.locator('.chip-remove').click();
      await chip.waitFor({ state: 'detached' });
    });

    await t.test('Apply to File shows a diff and changes the file only after Apply', async () => {
      await send(chat, 'Can this function be shorter?');
      const turn = chat.locator('.turn').first();
      await turn.locator('.code-block').waitFor({ timeout: 60_000 });
      assert.equal(await turn.locator('.code-file').innerText(), 'src/app.ts');
      assert.equal(fixture.sims.ollama.received.filter((r) => r.method === 'POST').length
        + fixture.sims.openai.received.filter((r) => r.method === 'POST').length, 1);
      await turn.locator('vscode-button[aria-label="Apply code to src/app.ts"]').click();
      await page.locator('.tab', { hasText: 'app.ts ↔ Airlock proposal' }).waitFor({ timeout: 20_000 });
      await page.locator('.monaco-diff-editor').first().waitFor();
      await screenshot(page, 'editor-apply-diff');
      assert.equal(readFileSync(join(fixture.workspace, 'src/app.ts'), 'utf8'), SOURCE, 'nothing written before Apply');
      await toastButton(page, /Apply the proposed change to app\.ts/, 'Apply');
      await turn.locator('.code-status', { hasText: 'Applied to app.ts (unsaved).' }).waitFor({ timeout: 20_000 });
      // The edit is in app.ts's editor (shown, and active: the apply reveals it), not on disk: saved from that editor.
      await page.locator('.tab.active[data-resource-name="app.ts"]').waitFor();
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+S');
      // The write lands a little after the key: wait for it, bounded.
      const file = join(fixture.workspace, 'src/app.ts');
      for (let i = 0; i < 200 && readFileSync(file, 'utf8') !== NEW_SOURCE; i++) await page.waitForTimeout(100);
      assert.equal(readFileSync(file, 'utf8'), NEW_SOURCE);
    });

    await t.test('a decision opens in an editor tab', async () => {
      const turn = chat.locator('.turn').first();
      await turn.locator('.route-badge').first().click();
      await turn.locator('.detail vscode-button[aria-label="Open this decision in an editor tab"]').click();
      await page.locator('.tab.active', { hasText: /^Decision / }).waitFor({ timeout: 20_000 });
      const tab = await webviewFrame(page, 'Decision', 30_000);
      const detail = tab.locator('.detail-tab .detail');
      await detail.waitFor({ timeout: 20_000 });
      assert.match(await detail.innerText(), /Rule/);
      await screenshot(page, 'editor-decision-tab');
    });

    await t.test('the Chat toolbar\'s New Conversation empties the transcript', async () => {
      const header = page.locator('.pane-header[aria-label="Chat Section"]');
      await header.hover();
      await header.locator('.action-label[aria-label="New Conversation"]').click();
      await chat.locator('.turn').first().waitFor({ state: 'detached', timeout: 15_000 });
    });
  });
});
