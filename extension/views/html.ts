// The HTML shell of every Airlock webview: a strict CSP with a fresh nonce, the one bundle, and which view to mount.
import { randomBytes } from 'node:crypto';
import type { PageId } from '../../protocol/webview';

export interface ShellAssets {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  cspSource: string;
  scriptUri: string;
  /** Absent when the bundle has no stylesheet. */
  styleUri?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * No 'unsafe-inline': scripts need the nonce; styles come from the extension's own files, the CSSOM (the toolkit's
 * adoptedStyleSheets) or a <style> carrying the nonce (FAST probes :focus-visible with one, reading the nonce from
 * <meta property="csp-nonce">; without it every view logged a CSP violation).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function renderShell(view: PageId, assets: ShellAssets, nonce = makeNonce()): string {
  const style = assets.styleUri ? `<link rel="stylesheet" href="${escapeAttr(assets.styleUri)}">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(assets.cspSource, nonce))}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${style}
<title>Airlock ${view}</title>
</head>
<body data-view="${view}">
<main id="root"></main>
<script nonce="${nonce}" src="${escapeAttr(assets.scriptUri)}"></script>
</body>
</html>`;
}
