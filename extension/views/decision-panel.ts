// A decision's detail in an editor tab (a WebviewPanel), opened from the Decisions view, a route line or a command:
// room for the signals, the rule, the candidates, the attempts and the review history, beside the code. One tab per
// decision; opening it again reveals it. The page is the same bundle as the sidebar views (data-view="detail").
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ToExtension, ToWebview } from '../../protocol/webview';
import { renderShell } from './html';
import type { InitialEvents } from './provider';
import { answer, type WebviewHandlers } from './router';

export const DETAIL_PANEL_TYPE = 'airlock.decisionDetail';

export class DecisionPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly handlers: () => WebviewHandlers,
    private readonly initialEvents: InitialEvents,
    private readonly log: (line: string) => void,
  ) {}

  open(id: string): boolean {
    const existing = this.panels.get(id);
    if (existing) {
      existing.reveal();
      return true;
    }
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(DETAIL_PANEL_TYPE, `Decision ${id.slice(0, 8)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'airlock.svg');
    this.panels.set(id, panel);
    const subs = [
      panel.webview.onDidReceiveMessage((message: ToExtension) => void this.receive(panel, id, message)),
      panel.onDidDispose(() => {
        this.panels.delete(id);
        for (const s of subs) s.dispose();
      }),
    ];
    const css = vscode.Uri.joinPath(dist, 'webview.css');
    panel.webview.html = renderShell('detail', {
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: existsSync(css.fsPath) ? panel.webview.asWebviewUri(css).toString() : undefined,
    });
    return true;
  }

  /** Daemon events (a review added, the connection state) reach every open tab. */
  post(message: ToWebview): void {
    for (const panel of this.panels.values()) void panel.webview.postMessage(message);
  }

  private async receive(panel: vscode.WebviewPanel, id: string, message: ToExtension): Promise<void> {
    if (message.kind === 'ready') {
      for (const event of [...this.initialEvents(), { kind: 'event', event: 'decision/show', payload: { id } } as ToWebview]) void panel.webview.postMessage(event);
      return;
    }
    if (message.kind !== 'request') return;
    const outcome = await answer(this.handlers(), message.method, message.params);
    if ('error' in outcome) this.log(`decision tab: ${message.method} failed: ${outcome.error.code}: ${outcome.error.message}`);
    if (this.panels.get(id) === panel) void panel.webview.postMessage({ kind: 'response', id: message.id, ...outcome } as ToWebview);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
  }
}
