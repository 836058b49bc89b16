// One WebviewViewProvider class for the three sidebar views (Chat, Decisions, Policy): the HTML shell, message
// routing to the daemon, and pushing daemon events to whichever views are alive.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionEvent, ExtensionEvents, ToExtension, ToWebview, ViewId } from '../../protocol/webview';
import { renderShell } from './html';
import { answer, type WebviewHandlers } from './router';

export const VIEW_IDS: Record<ViewId, string> = { chat: 'airlock.chat', decisions: 'airlock.decisions', policy: 'airlock.policy' };

/** What a view gets as soon as it says it is ready (connection state, settings). */
export type InitialEvents = () => ToWebview[];

export class AirlockViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  /** Events for a view that is not mounted yet (e.g. a prefill sent while the chat view is opening). */
  private queued: ToWebview[] = [];
  /** Listeners of the current webview only: a re-resolved view must not leave the old ones behind. */
  private viewDisposables: vscode.Disposable[] = [];

  constructor(
    readonly viewId: ViewId,
    private readonly extensionUri: vscode.Uri,
    private readonly handlers: WebviewHandlers,
    private readonly initialEvents: InitialEvents,
    private readonly log: (line: string) => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeViewListeners();
    this.view = view;
    this.ready = false;
    // Listen before the HTML is set: the page says `ready` as soon as its script runs.
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((message: ToExtension) => void this.receive(view, message)),
      // A hidden view loses its page; it says `ready` again when shown, and until then events wait or are dropped.
      view.onDidChangeVisibility(() => {
        if (!view.visible && this.view === view) this.ready = false;
      }),
      view.onDidDispose(() => {
        if (this.view !== view) return;
        this.view = undefined;
        this.ready = false;
        this.disposeViewListeners();
      }),
    );
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    const css = vscode.Uri.joinPath(dist, 'webview.css');
    view.webview.html = renderShell(this.viewId, {
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: existsSync(css.fsPath) ? view.webview.asWebviewUri(css).toString() : undefined,
    });
  }

  private disposeViewListeners(): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
  }

  /** Shows the view (opening the Airlock container if needed). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${VIEW_IDS[this.viewId]}.focus`);
  }

  post<E extends ExtensionEvent>(event: E, payload: ExtensionEvents[E], queueIfHidden = false): void {
    const message = { kind: 'event', event, payload } as ToWebview;
    if (this.view && this.ready) void this.view.webview.postMessage(message);
    else if (queueIfHidden) this.queued.push(message);
  }

  /** Replies go to the webview that asked, even if the view was re-resolved meanwhile. */
  private async receive(from: vscode.WebviewView, message: ToExtension): Promise<void> {
    if (from !== this.view) return;
    if (message.kind === 'ready') {
      this.ready = true;
      for (const event of [...this.initialEvents(), ...this.queued.splice(0)]) void from.webview.postMessage(event);
      return;
    }
    if (message.kind !== 'request') return;
    const { id, method } = message;
    const outcome = await answer(this.handlers, method, message.params);
    if ('error' in outcome) this.log(`${this.viewId}: ${String(method)} failed: ${outcome.error.code}: ${outcome.error.message}`);
    const reply: ToWebview = { kind: 'response', id, ...outcome };
    if (this.view === from) void from.webview.postMessage(reply); // A disposed webview throws on postMessage.
  }

  dispose(): void {
    this.disposeViewListeners();
  }
}
