// The route badge on a chat answer or list row: a real button when it opens something.
import type { DecisionRecord } from '../../protocol/record';
import { el } from '../components';
import { routeBadgeText } from './format';

export function routeBadge(record: DecisionRecord, onOpen?: () => void): HTMLElement {
  const text = routeBadgeText(record);
  const cls = `route-badge route-${record.route.target}`;
  if (!onOpen) return el('span', { class: cls, text, attrs: { title: record.explanation } });
  return el('button', {
    class: cls,
    text,
    attrs: { type: 'button', title: record.explanation, 'aria-label': `Route ${text}. Show the decision record.` },
    on: { click: onOpen },
  });
}
