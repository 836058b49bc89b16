// Headless Chromium (Debian's, through playwright-core) pointed at a code-server workbench.
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumBinary } from './paths';

export interface Workbench {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `url` must be http://127.0.0.1:…: any other plain-http origin is insecure, which breaks webviews (no crypto.subtle). */
export async function openWorkbench(url: string, options: { timeoutMs?: number } = {}): Promise<Workbench> {
  const browser = await chromium.launch({ executablePath: chromiumBinary(), args: CHROMIUM_ARGS });
  try {
    // Clipboard access: a code block's Copy writes with navigator.clipboard, and a test reads back what it wrote.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: options.timeoutMs ?? 30_000 });
    return { browser, page, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
