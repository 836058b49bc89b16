// The e2e harness: a real VS Code (code-server) in headless Chromium. `withVsCode` is the usual entry point.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openWorkbench } from './browser';
import { ARTIFACTS_DIR } from './paths';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './server';
import { screenshot } from './workbench';

export { startCodeServer, type CodeServer, type CodeServerOptions } from './server';
export { freePort } from '../../helpers/net';
export { openWorkbench, type Workbench } from './browser';
export { runCommand, openFile, selectAll, selectLines, selectedCharCount, webviewFrame, screenshot, withEvidence } from './workbench';
export { extensionId, installedFolderName, packageVsix } from './extensions';
export { findStrays } from './processes';
export { currentTheme, readmeScreenshots, setColorTheme, README_SCREENSHOTS, type Theme } from './themes';
export { codeServerNode, codeServerWithoutNode, extensionUnderTest, packageForCodeServer, vsixTarget, VSIX_UNAVAILABLE, type Target } from './target';
export { codeServerBinary, ARTIFACTS_DIR, INSTALL_HINT } from './paths';

export interface VsCodeContext {
  server: CodeServer;
  browser: Browser;
  page: Page;
}

export interface WithVsCodeOptions extends CodeServerOptions {
  /** Names the failure screenshot and log copied to test/e2e/artifacts/ when `body` throws. */
  name?: string;
}

/** Starts code-server and a browser on it, runs `body`, and always tears both down, also when `body` throws. */
export async function withVsCode<T>(options: WithVsCodeOptions, body: (ctx: VsCodeContext) => Promise<T>): Promise<T> {
  const server = await startCodeServer(options);
  let workbench: Awaited<ReturnType<typeof openWorkbench>> | undefined;
  try {
    workbench = await openWorkbench(server.url);
    return await body({ server, browser: workbench.browser, page: workbench.page });
  } catch (err) {
    await saveFailureEvidence(options.name ?? 'vscode', server, workbench?.page);
    throw err;
  } finally {
    await workbench?.close().catch(() => undefined);
    await server.stop();
  }
}

async function saveFailureEvidence(name: string, server: CodeServer, page: Page | undefined): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  if (page) await screenshot(page, `${name}-failure`).catch(() => undefined);
  try {
    copyFileSync(server.logPath, join(ARTIFACTS_DIR, `${name}-failure-code-server.log`));
  } catch {
    // No log written yet.
  }
}
