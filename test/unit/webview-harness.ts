// Runs the real webview bundle in headless Chromium against the fake extension host (webview-fake-host.ts),
// served from 127.0.0.1. Bundles are built into a temp folder, so dist/ is left alone.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(root, 'test/e2e/artifacts');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A dark theme's worth of the variables VS Code sets on a webview's <html>. */
const DARK_THEME = `
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-errorForeground: #f48771;
  --vscode-focusBorder: #0078d4; --vscode-sideBar-background: #181818; --vscode-editor-background: #1f1f1f;
  --vscode-panel-border: #2b2b2b; --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
  --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc; --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8; --vscode-charts-blue: #3794ff;
  --vscode-testing-iconPassed: #73c991; --vscode-editorWarning-foreground: #cca700;
  --vscode-list-hoverBackground: #2a2d2e; --vscode-list-activeSelectionBackground: #04395e; --vscode-list-activeSelectionForeground: #ffffff;
  --vscode-inputValidation-infoBackground: #063b49; --vscode-inputValidation-infoBorder: #1b80b2;
  --vscode-inputValidation-errorBackground: #5a1d1d; --vscode-inputValidation-errorBorder: #be1100;
  --vscode-textCodeBlock-background: #2b2b2b; --vscode-editor-findMatchHighlightBackground: #623315; --vscode-diffEditor-removedTextBackground: #72201d;
  --vscode-dropdown-background: #313131; --vscode-dropdown-border: #3c3c3c; --vscode-dropdown-foreground: #cccccc;
  --vscode-checkbox-background: #313131; --vscode-checkbox-border: #3c3c3c; --vscode-settings-checkboxBackground: #313131;`;

function page(view: string): string {
  return `<!doctype html><html style="${DARK_THEME.replace(/\s+/g, ' ')}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/webview.css"></head>
<body data-view="${view}"><script src="/host.js"></script><script src="/webview.js"></script></body></html>`;
}

export interface WebviewHarness {
  browser: Browser;
  /** A fresh page (own sessionStorage) showing `view` with the fake host configured by `params`. */
  open(view: 'chat' | 'decisions' | 'policy', params?: Record<string, string | number>, viewport?: { width: number; height: number }): Promise<Page>;
  url(view: string, params?: Record<string, string | number>): string;
  close(): Promise<void>;
}

async function bundle(out: string): Promise<void> {
  const common = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning' } as const;
  await build({ ...common, entryPoints: [path.join(root, 'webview/main.ts')], outfile: path.join(out, 'webview.js') });
  await build({ ...common, entryPoints: [path.join(root, 'test/unit/webview-fake-host.ts')], outfile: path.join(out, 'host.js') });
}

function serve(out: string): Promise<Server> {
  const files: Record<string, string> = { '/webview.js': 'text/javascript', '/webview.css': 'text/css', '/host.js': 'text/javascript' };
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const type = files[u.pathname];
    if (type) {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(path.join(out, u.pathname)));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(page(u.searchParams.get('view') ?? 'chat'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function startWebviewHarness(): Promise<WebviewHarness> {
  const out = mkdtempSync(path.join(tmpdir(), 'airlock-webview-'));
  await bundle(out);
  const server = await serve(out);
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const url = (view: string, params: Record<string, string | number> = {}) =>
    `http://127.0.0.1:${port}/?${new URLSearchParams({ view, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`;
  return {
    browser,
    url,
    async open(view, params = {}, viewport = { width: 380, height: 760 }) {
      const context = await browser.newContext({ viewport });
      const p = await context.newPage();
      p.on('pageerror', (err) => console.error(`[${view}] page error:`, err));
      await p.goto(url(view, params));
      return p;
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
      rmSync(out, { recursive: true, force: true });
    },
  };
}
