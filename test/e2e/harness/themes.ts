// Colour themes in a running workbench, and the README's screenshots taken in a light and a dark one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { runCommand, screenshot } from './workbench';

export type Theme = 'light' | 'dark' | 'hc';

/** `label`: as the theme picker lists it (its settings id is "Default <label>"). */
const THEMES: Record<Theme, { label: string; workbench: string; webview: string }> = {
  light: { label: 'Light Modern', workbench: 'vs', webview: 'vscode-light' },
  dark: { label: 'Dark Modern', workbench: 'vs-dark', webview: 'vscode-dark' },
  hc: { label: 'Dark High Contrast', workbench: 'hc-black', webview: 'vscode-high-contrast' },
};

/** The workbench's theme now, from the class VS Code puts on it. */
export async function currentTheme(page: Page): Promise<Theme> {
  const classes = ((await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '').split(/\s+/);
  return (Object.keys(THEMES) as Theme[]).find((t) => classes.includes(THEMES[t].workbench)) ?? 'dark';
}

/**
 * Switches the theme as a user does (Preferences: Color Theme; a changed settings.json is applied too, but on a loaded
 * machine its file watcher can take tens of seconds) and waits until the workbench and each given webview have it.
 */
export async function setColorTheme(page: Page, theme: Theme, webviews: FrameLocator[] = []): Promise<void> {
  const { label } = THEMES[theme];
  await runCommand(page, 'Preferences: Color Theme');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').fill(label);
  const exact = new RegExp(`^${label}$`);
  await widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first().click({ timeout: 20_000 });
  await page.locator(`.monaco-workbench.${THEMES[theme].workbench}`).first().waitFor({ timeout: 20_000 });
  for (const view of webviews) await view.locator(`body.${THEMES[theme].webview}`).waitFor({ state: 'attached', timeout: 20_000 });
}

/** docs/screenshots with AIRLOCK_UPDATE_SCREENSHOTS=1 (a deliberate refresh), else test/e2e/artifacts. */
export const README_SCREENSHOTS = process.env.AIRLOCK_UPDATE_SCREENSHOTS === '1' ? resolve(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots') : undefined;

/**
 * One README picture in both themes: `<name>-dark.png` and `<name>-light.png`, then the theme it found. `redo` runs
 * after each switch, for what a theme change takes away (a notification toast that timed out, a hover);
 * `beforeSwitch` before it, for what would keep the command palette from opening (an open drop-down list).
 */
export async function readmeScreenshots(page: Page, name: string, options: { webviews?: FrameLocator[]; redo?: () => Promise<void>; beforeSwitch?: () => Promise<void> } = {}): Promise<void> {
  const was = await currentTheme(page);
  for (const theme of ['dark', 'light'] as const) {
    if (theme !== (await currentTheme(page))) {
      await options.beforeSwitch?.();
      await setColorTheme(page, theme, options.webviews);
      await options.redo?.();
    }
    const path = await screenshot(page, `${name}-${theme}`);
    if (README_SCREENSHOTS) {
      mkdirSync(README_SCREENSHOTS, { recursive: true });
      writeFileSync(join(README_SCREENSHOTS, `${name}-${theme}.png`), readFileSync(path));
    }
  }
  if ((await currentTheme(page)) !== was) {
    await options.beforeSwitch?.();
    await setColorTheme(page, was, options.webviews);
  }
}
