// Driving the VS Code workbench the way a user does: command palette, quick open, editor selection, webviews.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './paths';
import { sleep } from './processes';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} input`;
const QUICK_INPUT_ROW = `${QUICK_INPUT} .monaco-list-row`;

/**
 * Escape only when the widget is open (it has the focus then): pressed in the editor, Escape would clear the
 * selection the command may be about to use. Reopening, not re-typing, is what refreshes the list.
 */
async function openQuickInput(page: Page, key: string): Promise<void> {
  if (await page.locator(QUICK_INPUT_BOX).isVisible()) {
    await page.keyboard.press('Escape');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  }
  await page.keyboard.press(key);
  await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible' });
}

/**
 * Picks the row whose label is `label` exactly. Contributed commands and search results arrive after the widget
 * opens (commands about 1.5 s after the workbench), so the query is re-typed until the row shows up.
 */
async function pickRow(page: Page, key: string, query: string, label: string | RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const row = page.locator(QUICK_INPUT_ROW).filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  for (;;) {
    await openQuickInput(page, key);
    await page.locator(QUICK_INPUT_BOX).fill(query);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(1000, Math.max(1, deadline - Date.now())) });
    } catch (err) {
      if (Date.now() >= deadline) {
        await page.keyboard.press('Escape');
        throw new Error(`quick input: no entry "${String(label)}" for "${query}" within ${timeoutMs} ms`, { cause: err });
      }
      await sleep(250);
      continue;
    }
    await row.click();
    await paletteGone(page, query);
    return;
  }
}

/**
 * After a pick the palette closes, but a command may at once open a quick pick or input box of its own in the same
 * widget, which then never hides: so "gone" is the widget hidden or no longer holding our query. Never retried:
 * clicking again would run the command twice (or Escape the command's own input).
 */
async function paletteGone(page: Page, query: string): Promise<void> {
  await page.waitForFunction(
    ([selector, typed]) => {
      const input = document.querySelector<HTMLInputElement>(selector);
      return !input || input.offsetParent === null || input.value !== typed;
    },
    [QUICK_INPUT_BOX, query] as const,
  );
}

/** Runs a command by its palette title, e.g. 'Hello: Show Webview' (category and title as shown in the palette). */
export async function runCommand(page: Page, title: string, timeoutMs = 20_000): Promise<void> {
  await pickRow(page, 'F1', `>${title}`, exactly(title), timeoutMs);
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor to be active. */
export async function openFile(page: Page, relPath: string, timeoutMs = 20_000): Promise<void> {
  const name = relPath.split('/').pop() ?? relPath;
  await pickRow(page, 'Control+P', relPath, exactly(name), timeoutMs);
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: timeoutMs });
  await activeEditor(page).waitFor({ state: 'visible' });
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

function activeEditor(page: Page) {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

async function focusEditor(page: Page): Promise<void> {
  await activeEditor(page).locator('.view-lines').click();
}

export async function selectAll(page: Page): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+A');
}

/** Selects whole lines `from`..`to` (1-based, inclusive) in the active editor, via Go to Line. */
export async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  await page.locator(QUICK_INPUT_BOX).fill(`:${from}:1`);
  await page.keyboard.press('Enter');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  for (let line = from; line < to; line++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
}

/** The status bar's "(N selected)" count, or 0; lets a test check what an action is about to send. */
export async function selectedCharCount(page: Page): Promise<number> {
  const text = (await page.locator('#status\\.editor\\.selection').textContent()) ?? '';
  const match = /\((\d+) selected\)/.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * Runs in the page. Webviews do not live inside their view: VS Code lays an overlay element (with a generated id)
 * over the view's area. So the view is found by title (a side-bar view's section header, or an editor tab), and the
 * visible overlay whose centre lies inside that area is the one. Without a title there must be exactly one.
 * No nested named functions here: the body is serialised into the page as is.
 */
function findWebviewHostId(title: string | null): string | null {
  const hosts = [...document.querySelectorAll('iframe.webview.ready')]
    .map((frame) => frame.parentElement)
    .filter((host): host is HTMLElement => !!host && !!host.id && getComputedStyle(host).visibility !== 'hidden' && host.getBoundingClientRect().width > 0);
  if (title === null) return hosts.length === 1 && hosts[0] ? hosts[0].id : null;
  const header = [...document.querySelectorAll('.pane-header')].find((h) => h.getAttribute('aria-label') === `${title} Section`);
  const tab = [...document.querySelectorAll('.tab.active')].find((t) => (t.getAttribute('aria-label') ?? '').startsWith(title));
  const region = header?.closest('.pane')?.querySelector('.pane-body') ?? tab?.closest('.editor-group-container')?.querySelector('.editor-container');
  if (!region) return null;
  const area = region.getBoundingClientRect();
  const hit = hosts.find((host) => {
    const box = host.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    return x >= area.left && x <= area.right && y >= area.top && y <= area.bottom;
  });
  return hit ? hit.id : null;
}

/**
 * The DOM inside a webview, two iframes down: VS Code's host frame (`iframe.webview.ready`), then the extension's
 * content (`iframe#active-frame`). Waits until the webview is ready. With several webviews visible, pass the title of
 * the view (as in its section header) or of the editor tab.
 */
export async function webviewFrame(page: Page, viewTitle?: string, timeoutMs = 20_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hostId = await page.evaluate(findWebviewHostId, viewTitle ?? null);
    if (hostId) return page.frameLocator(`[id="${hostId}"] > iframe.webview.ready`).frameLocator('iframe#active-frame');
    if (Date.now() >= deadline) {
      const which = viewTitle ? `titled "${viewTitle}"` : '(exactly one visible; pass a title when there are several)';
      throw new Error(`no ready webview ${which} within ${timeoutMs} ms`);
    }
    await sleep(100);
  }
}

/** Saves a full-window PNG as test/e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path });
  return path;
}

/** A subtest that leaves a screenshot when it fails: withVsCode saves one only when its whole body throws. */
export function withEvidence(page: Page, name: string, body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (err) {
      await screenshot(page, `${name}-failure`).catch(() => undefined);
      throw err;
    }
  };
}
