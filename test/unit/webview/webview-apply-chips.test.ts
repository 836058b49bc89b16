// The editor side of the chat and the decisions in the real webview bundle (headless Chromium, fake host): Apply to
// File on a code block (with the file its fence names), attachment chips that show what a prompt carries and remove
// it, keyboard navigation of the decision list, and the decision detail as its own page (the editor tab).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { attachmentChip } from '../../../webview/chat/attachment';
import { fileFromInfo } from '../../../webview/chat/markdown';
import { ARTIFACTS, startWebviewHarness, type WebviewHarness } from './webview-harness';

let h: WebviewHarness;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await startWebviewHarness();
});
after(async () => h?.close());

type Logged = { method?: string; params?: Record<string, unknown> };
const sent = (page: Page, method: string) => page.evaluate((m) => (window as unknown as { __host: { log: Logged[] } }).__host.log
  .filter((e) => e.method === m).map((e) => e.params), method);
const push = (page: Page, event: string, payload: unknown) => page.evaluate(([e, p]) => (window as unknown as { __host: { push(e: string, p: unknown): void } }).__host.push(e as string, p), [event, payload] as const);

test('fileFromInfo: the file a fence names in the usual spellings; a bare language or a URL names none', () => {
  assert.equal(fileFromInfo('ts src/app.ts'), 'src/app.ts');
  assert.equal(fileFromInfo('typescript:src/app.ts'), 'src/app.ts');
  assert.equal(fileFromInfo('python title="tools/run.py"'), 'tools/run.py');
  assert.equal(fileFromInfo('go file=main.go'), 'main.go');
  for (const info of ['', 'ts', 'python3', 'js https://example.com/x.js', 'text some words here']) assert.equal(fileFromInfo(info), undefined, info);
});

test('attachmentChip: a chip only for what would really be attached', () => {
  const ctx = { file: { name: 'app.ts', path: '/w/src/app.ts' }, selection: { startLine: 12, endLine: 40, chars: 800 } };
  assert.equal(attachmentChip('selection', ctx)?.label, 'app.ts:12–40');
  assert.equal(attachmentChip('selection', { ...ctx, selection: { startLine: 3, endLine: 3, chars: 5 } })?.label, 'app.ts:3');
  assert.equal(attachmentChip('file', ctx)?.label, 'app.ts');
  assert.equal(attachmentChip('selection', { ...ctx, selection: null }), null, 'no selection: nothing attached, nothing shown');
  assert.equal(attachmentChip('none', ctx), null);
  assert.equal(attachmentChip('file', { file: null, selection: null }), null);
});

const ANSWER = ['Change it like this:', '', '```ts src/app.ts', 'export const add = (a: number, b: number) => a + b;', '```', '', 'and maybe:', '', '```python', 'print(1)', '```', ''].join('\n');

test('Apply to File: the block that names a file applies to it, a block that names none to the active editor', async () => {
  const page = await h.open('chat', { chunkMs: 5, answer: ANSWER });
  await page.locator('vscode-text-area textarea').fill('how do I add?');
  await page.locator('vscode-text-area textarea').press('Enter');
  await page.locator('.turn[data-status="done"]').waitFor();
  const blocks = page.locator('.turn .code-block');
  assert.equal(await blocks.count(), 2);
  assert.equal(await blocks.nth(0).locator('.code-file').innerText(), 'src/app.ts');
  await blocks.nth(0).locator('vscode-button[aria-label="Apply code to src/app.ts"]').click();
  await blocks.nth(0).locator('.code-status').filter({ hasText: 'Applied to src/app.ts (unsaved).' }).waitFor();
  await blocks.nth(1).locator('vscode-button[aria-label="Apply code to the active editor"]').click();
  await blocks.nth(1).locator('.code-status').filter({ hasText: 'Applied to the active editor' }).waitFor();
  assert.deepEqual(await sent(page, 'editor/apply'), [
    { code: 'export const add = (a: number, b: number) => a + b;\n', file: 'src/app.ts' },
    { code: 'print(1)\n' },
  ]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'webview-chat-apply-dark.png') });
  await page.context().close();
});

test('attachment chips: the selection shows as a chip, × removes it and the prompt goes without it; none shows none', async () => {
  const page = await h.open('chat', { chunkMs: 5 });
  const chips = page.locator('.attachment-chips');
  await push(page, 'settings', { attachByDefault: true });
  await push(page, 'editor/context', { file: { name: 'app.ts', path: '/w/src/app.ts' }, selection: null });
  assert.equal(await chips.isVisible(), false, 'attach-by-default with no selection attaches nothing and shows nothing');
  await push(page, 'editor/context', { file: { name: 'app.ts', path: '/w/src/app.ts' }, selection: { startLine: 12, endLine: 40, chars: 800 } });
  const chip = chips.locator('.attachment-chip');
  await chip.waitFor();
  assert.equal(await chip.locator('.chip-label').innerText(), 'Selection · app.ts:12–40');
  await page.screenshot({ path: path.join(ARTIFACTS, 'webview-chat-chip-dark.png') });

  await page.locator('vscode-text-area textarea').fill('first, with the selection');
  await page.locator('vscode-text-area textarea').press('Enter');
  await page.locator('.turn[data-status="done"]').first().waitFor();
  await chip.locator('button[aria-label="Remove attachment app.ts:12–40"]').click();
  await chip.waitFor({ state: 'detached' });
  assert.equal(await chips.isVisible(), false);
  await page.locator('vscode-text-area textarea').fill('second, without');
  await page.locator('vscode-text-area textarea').press('Enter');
  await page.locator('.turn[data-status="done"]').nth(1).waitFor();
  assert.deepEqual((await sent(page, 'chat/send')).map((p) => p?.attach), ['selection', 'none']);
  // Removed stays removed: a later settings push does not bring the default back.
  await push(page, 'settings', { attachByDefault: true });
  assert.equal(await chips.isVisible(), false);
  await page.context().close();
});

test('decision list: arrow keys move the active row (listbox/option, aria-activedescendant), Enter opens it', async () => {
  const page = await h.open('decisions');
  const list = page.locator('.vlist[role="listbox"]');
  await list.locator('[role="option"]').first().waitFor();
  await list.focus();
  await page.keyboard.press('ArrowDown'); // from none to the first
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const active = await list.getAttribute('aria-activedescendant');
  const second = list.locator('[role="option"][data-index="1"]');
  assert.equal(active, await second.getAttribute('id'));
  assert.equal(await second.getAttribute('aria-selected'), 'true');
  const id = await second.getAttribute('data-id');
  await page.keyboard.press('Enter');
  const detail = page.locator('.detail');
  await detail.waitFor();
  assert.equal(await detail.getAttribute('data-record-id'), id);
  // Escape returns to the list with the focus on it.
  await page.keyboard.press('Escape');
  await list.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('vlist')), true);
  await page.context().close();
});

test('decision detail: "Open in Editor" asks for a tab; the tab page shows the record and keeps its id across a reload', async () => {
  const page = await h.open('decisions');
  await page.locator('.vlist [role="option"]').first().click();
  const detail = page.locator('.detail');
  await detail.waitFor();
  const id = await detail.getAttribute('data-record-id');
  await detail.locator('vscode-button[aria-label="Open this decision in an editor tab"]').click();
  await page.waitForFunction(() => (window as unknown as { __host: { log: Logged[] } }).__host.log.some((e) => e.method === 'decision/openTab'));
  assert.deepEqual(await sent(page, 'decision/openTab'), [{ id }]);
  await page.context().close();

  const tab = await h.open('detail', {}, { width: 900, height: 900 });
  const first = await tab.evaluate(() => (window as unknown as { __host: { records(): { id: string }[] } }).__host.records()[3]!.id);
  await push(tab, 'decision/show', { id: first });
  const shown = tab.locator(`.detail-tab .detail[data-record-id="${first}"]`);
  await shown.waitFor();
  assert.equal(await shown.locator('vscode-button[aria-label="Open this decision in an editor tab"]').count(), 0, 'no "open in tab" inside the tab');
  await tab.screenshot({ path: path.join(ARTIFACTS, 'webview-detail-tab-dark.png') });
  await tab.reload();
  await tab.locator(`.detail-tab .detail[data-record-id="${first}"]`).waitFor();
  await tab.context().close();
});
