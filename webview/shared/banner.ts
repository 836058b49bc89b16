// Connection banner shared by every view: hidden while connected, otherwise says what is wrong.
import type { ExtensionEvents } from '../../protocol/webview';
import { el } from '../components';
import type { Rpc } from '../rpc';

export function connectionBanner(rpc: Rpc): HTMLElement {
  const banner = el('div', { class: 'banner', attrs: { role: 'status', 'aria-live': 'polite', hidden: '' } });
  rpc.on('connection', (c) => showConnection(banner, c));
  return banner;
}

export function connectionText(c: ExtensionEvents['connection']): string | null {
  if (c.state === 'connected') return null;
  if (c.state === 'connecting') return `Connecting to airlockd…${c.message ? ` ${c.message}` : ''}`;
  return `airlockd is not running: ${c.message || 'no connection.'}`;
}

function showConnection(banner: HTMLElement, c: ExtensionEvents['connection']): void {
  const text = connectionText(c);
  banner.hidden = text === null;
  // Lets a user-level test wait for "this view heard it is connected" without a sleep.
  banner.dataset.state = c.state;
  banner.textContent = text ?? '';
  banner.classList.toggle('banner-down', c.state === 'down');
}

/** An inline error or notice line inside a view. */
export function notice(text: string, tone: 'error' | 'info' = 'error'): HTMLElement {
  return el('div', { class: `notice notice-${tone}`, text, attrs: { role: tone === 'error' ? 'alert' : 'status' } });
}
