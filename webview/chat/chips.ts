// The attachment chips above the composer: what the next prompt will carry, each removable. Nothing attached (no
// selection to attach, or attachments off) shows nothing, and nothing is attached that is not shown.
import { el, setChildren } from '../components';
import type { Chip } from './attachment';

export { attachmentChip, type Chip } from './attachment';

export function renderChips(container: HTMLElement, chip: Chip | null, onRemove: () => void): void {
  container.hidden = chip === null;
  if (!chip) return setChildren(container, []);
  const remove = el('button', {
    class: 'chip-remove',
    text: '×',
    attrs: { type: 'button', 'aria-label': `Remove attachment ${chip.label}`, title: 'Remove (send without it)' },
    on: { click: onRemove },
  });
  setChildren(container, [
    el('span', { class: `attachment-chip attachment-${chip.kind}`, attrs: { title: chip.title, 'data-kind': chip.kind } }, [
      el('span', { class: 'chip-label', text: `${chip.kind === 'file' ? 'File' : 'Selection'} · ${chip.label}` }),
      remove,
    ]),
  ]);
}
