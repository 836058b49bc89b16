// Connection banner shared by every view: hidden while connected, otherwise says what is wrong.
import type { ExtensionEvents } from '../../protocol/webview';
import type { HelpAction } from '../../protocol/webview';
import { button, el } from '../components';
import type { Rpc } from '../rpc';

export function connectionBanner(rpc: Rpc): HTMLElement {
  const text = el('span', { class: 'banner-text' });
  const act = (action: HelpAction) => () => void rpc.request('help/run', { action });
  // Shown only while the daemon is down: what a user can do about it, without leaving the view.
  const actions = el('div', { class: 'banner-actions', attrs: { hidden: '' } }, [
    button({ label: 'Start airlockd', aria: 'Start airlockd', onClick: act('start') }),
    button({ label: 'Open Log', appearance: 'secondary', aria: 'Open the daemon log', onClick: act('log') }),
    button({ label: 'Open Settings', appearance: 'secondary', aria: 'Open Airlock settings', onClick: act('settings') }),
  ]);
  const banner = el('div', { class: 'banner', attrs: { role: 'status', 'aria-live': 'polite', hidden: '' } }, [text, actions]);
  rpc.on('connection', (c) => showConnection(banner, text, actions, c));
  return banner;
}

export function connectionText(c: ExtensionEvents['connection']): string | null {
  if (c.state === 'connected') return null;
  if (c.state === 'connecting') return `Connecting to airlockd…${c.message ? ` ${c.message}` : ''}`;
  return `airlockd is not running: ${c.message || 'no connection.'}`;
}

function showConnection(banner: HTMLElement, textEl: HTMLElement, actions: HTMLElement, c: ExtensionEvents['connection']): void {
  const text = connectionText(c);
  banner.hidden = text === null;
  // Lets a user-level test wait for "this view heard it is connected" without a sleep.
  banner.dataset.state = c.state;
  textEl.textContent = text ?? '';
  actions.hidden = c.state !== 'down';
  banner.classList.toggle('banner-down', c.state === 'down');
}

/** An inline error or notice line inside a view. */
export function notice(text: string, tone: 'error' | 'info' = 'error'): HTMLElement {
  return el('div', { class: `notice notice-${tone}`, text, attrs: { role: tone === 'error' ? 'alert' : 'status' } });
}
