// The dry run before sending: after typing pauses, ask where the prompt would go and say it in one line.
import type { AttachMode } from '../../protocol/webview';
import { el } from '../components';
import type { Rpc } from '../rpc';
import { debounce } from '../shared/debounce';
import { previewSentence } from '../shared/format';

export const PREVIEW_DEBOUNCE_MS = 400;

export interface PreviewLine {
  element: HTMLElement;
  /** Schedules a dry run for this draft; an empty draft clears the line. */
  update(text: string, attach: AttachMode): void;
  clear(): void;
}

export function previewLine(rpc: Rpc): PreviewLine {
  const element = el('div', { class: 'preview', attrs: { role: 'status', 'aria-live': 'polite', hidden: '' } });
  let seq = 0;

  const show = (tone: string, text: string) => {
    element.hidden = false;
    element.className = `preview preview-${tone}`;
    element.textContent = text;
  };
  const clear = () => {
    seq++;
    run.cancel();
    element.hidden = true;
    element.textContent = '';
  };
  const run = debounce(async (text: string, attach: AttachMode) => {
    const mine = ++seq;
    const res = await rpc.request('explain/run', { text, attach });
    if (mine !== seq) return; // The draft changed since: this answer is about old text.
    if (!res.ok) show('error', `Preview unavailable: ${res.error.message}`);
    else {
      const p = previewSentence(res.value.record);
      show(p.tone, p.text);
    }
  }, PREVIEW_DEBOUNCE_MS);

  return {
    element,
    clear,
    update(text, attach) {
      if (!text.trim()) return clear();
      seq++; // An answer already in flight is now stale.
      run(text, attach);
    },
  };
}
