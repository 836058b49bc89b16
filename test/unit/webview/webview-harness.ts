// Runs the real webview bundle in headless Chromium against the fake extension host (webview-fake-host.ts),
// served from 127.0.0.1. Bundles are built into a temp folder, so dist/ is left alone.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../../..');
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

/** VS Code's Light Modern and High Contrast (dark) values for the same variables (?theme=light|hc; dark by default). */
const LIGHT_THEME = `
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
  --vscode-foreground: #3b3b3b; --vscode-descriptionForeground: #3b3b3b; --vscode-errorForeground: #f85149;
  --vscode-focusBorder: #005fb8; --vscode-sideBar-background: #f8f8f8; --vscode-editor-background: #ffffff;
  --vscode-panel-border: #e5e5e5; --vscode-input-background: #ffffff; --vscode-input-foreground: #3b3b3b; --vscode-input-border: #cecece;
  --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #0258a8;
  --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #3b3b3b; --vscode-button-secondaryHoverBackground: #cccccc;
  --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b; --vscode-charts-blue: #1a85ff;
  --vscode-testing-iconPassed: #388a34; --vscode-editorWarning-foreground: #bf8803;
  --vscode-list-hoverBackground: #f2f2f2; --vscode-list-activeSelectionBackground: #e8e8e8; --vscode-list-activeSelectionForeground: #000000;
  --vscode-inputValidation-infoBackground: #d6ecf2; --vscode-inputValidation-infoBorder: #007acc;
  --vscode-inputValidation-errorBackground: #f2dede; --vscode-inputValidation-errorBorder: #be1100;
  --vscode-textCodeBlock-background: #f2f2f2; --vscode-textLink-foreground: #005fb8;`;
const HC_THEME = `
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
  --vscode-foreground: #ffffff; --vscode-descriptionForeground: #ffffffb3; --vscode-errorForeground: #f48771;
  --vscode-focusBorder: #f38518; --vscode-contrastBorder: #6fc3df; --vscode-sideBar-background: #000000; --vscode-editor-background: #000000;
  --vscode-panel-border: #6fc3df; --vscode-input-background: #000000; --vscode-input-foreground: #ffffff; --vscode-input-border: #6fc3df;
  --vscode-button-background: #000000; --vscode-button-foreground: #ffffff; --vscode-button-secondaryBackground: #000000; --vscode-button-secondaryForeground: #ffffff;
  --vscode-badge-background: #000000; --vscode-badge-foreground: #ffffff; --vscode-charts-blue: #3794ff;
  --vscode-testing-iconPassed: #73c991; --vscode-editorWarning-foreground: #fff500;
  --vscode-inputValidation-infoBackground: #000000; --vscode-inputValidation-infoBorder: #6fc3df;
  --vscode-inputValidation-errorBackground: #000000; --vscode-inputValidation-errorBorder: #6fc3df;
  --vscode-textCodeBlock-background: #000000; --vscode-textLink-foreground: #21a6ff;`;
const THEMES: Record<string, string> = { dark: DARK_THEME, light: LIGHT_THEME, hc: HC_THEME };

function page(view: string, theme = 'dark'): string {
  return `<!doctype html><html style="${(THEMES[theme] ?? DARK_THEME).replace(/\s+/g, ' ')}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/webview.css"></head>
<body data-view="${view}"><script src="/host.js"></script><script src="/webview.js"></script></body></html>`;
}

export interface WebviewHarness {
  browser: Browser;
  /** A fresh page (own sessionStorage) showing `view` with the fake host configured by `params`. */
  open(view: 'chat' | 'decisions' | 'policy' | 'detail', params?: Record<string, string | number>, viewport?: { width: number; height: number }): Promise<Page>;
  url(view: string, params?: Record<string, string | number>): string;
  close(): Promise<void>;
}

async function bundle(out: string): Promise<void> {
  const common = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning' } as const;
  await build({ ...common, entryPoints: [path.join(root, 'webview/main.ts')], outfile: path.join(out, 'webview.js') });
  await build({ ...common, entryPoints: [path.join(root, 'test/unit/webview/webview-fake-host.ts')], outfile: path.join(out, 'host.js') });
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
    res.writeHead(200, { 'content-type': 'text/html' }).end(page(u.searchParams.get('view') ?? 'chat', u.searchParams.get('theme') ?? 'dark'));
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
