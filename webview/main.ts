// One bundle for the three sidebar views. The extension's HTML says which view this is:
// <body data-view="chat|decisions|policy">, and links dist/webview.css (esbuild emits it from the import below).
import './styles.css';
import type { PageId } from '../protocol/webview';
import { registerComponents } from './components';
import { mountChat } from './chat/view';
import { mountDetailTab } from './decisions/tab';
import { mountDecisions } from './decisions/view';
import { mountPolicy } from './policy/view';
import { Rpc } from './rpc';
import { vscode } from './vscode';

const VIEWS: Record<PageId, typeof mountChat> = { chat: mountChat, decisions: mountDecisions, policy: mountPolicy, detail: mountDetailTab };

function viewOf(body: HTMLElement): PageId {
  const v = body.dataset.view;
  return v === 'decisions' || v === 'policy' || v === 'detail' ? v : 'chat';
}

function start(): void {
  registerComponents();
  const host = vscode();
  const rpc = new Rpc((m) => host.postMessage(m));
  window.addEventListener('message', (e: MessageEvent) => rpc.receive(e.data));
  const view = viewOf(document.body);
  const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('main'));
  root.classList.add('view', `view-${view}`);
  VIEWS[view](root, rpc, host);
  host.postMessage({ kind: 'ready', view });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
