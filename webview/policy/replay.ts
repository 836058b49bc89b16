// "What would change if I switched to …": before the Policy view switches preset, it shows what the new preset would
// have done to the stored decisions of the last 7 or 30 days (policy/replay), then switches only on confirmation.
import type { PolicyReplayResult } from '../../protocol/methods';
import { button, dropdown, el, progressRing, setChildren } from '../components';
import { notice } from '../shared/banner';

const usd = (n: number) => `${n < 0 ? '−' : '+'}$${Math.abs(n).toFixed(n !== 0 && Math.abs(n) < 0.01 ? 4 : 2)}`;

/** The replay summary: how many records, how many would route differently, from → to by rule, example ids, cost. */
export function renderReplay(r: PolicyReplayResult): HTMLElement {
  const headline = r.records === 0
    ? 'No decisions stored in this period: nothing to compare.'
    : `${r.changed} of ${r.records} decisions would route differently.`;
  return el('div', { class: 'replay-summary' }, [
    el('p', { class: 'replay-headline', text: headline }),
    r.changes.length
      ? el('ul', { class: 'replay-changes' }, r.changes.map((c) => el('li', { attrs: { 'data-from': c.from, 'data-to': c.to } }, [
        el('span', { text: `${c.count} × ${c.from} → ${c.to}, by rule ${c.rule}` }),
        el('div', { class: 'replay-examples', text: `e.g. ${c.examples.join(', ')}` }),
      ])))
      : null,
    ...r.incomplete.map((i) => el('p', { class: 'replay-incomplete', text: `${i.count} cannot be decided for sure: ${i.lacks}.` })),
    r.cost.priced > 0 ? el('p', { class: 'replay-cost', text: `Estimated cost over ${r.cost.priced} priced decisions: ${usd(r.cost.delta)}.` }) : null,
  ]);
}

export interface ReplayPanelDeps {
  replay(policy: string, days: number): Promise<{ ok: true; value: PolicyReplayResult } | { ok: false; error: { message: string } }>;
  confirm(policy: string): void;
  cancel(): void;
}

/** The panel shown after choosing `policy`: the replay (7 days by default, 30 on request), Switch and Cancel. */
export function replayPanel(policy: string, deps: ReplayPanelDeps): HTMLElement {
  const body = el('div', { attrs: { 'aria-live': 'polite' } });
  const load = async (days: number) => {
    setChildren(body, [progressRing(`Replaying the last ${days} days under ${policy}`)]);
    const res = await deps.replay(policy, days);
    // A replay that fails does not stand in the way: the switch is still the user's choice.
    setChildren(body, [res.ok ? renderReplay(res.value) : notice(`Could not replay: ${res.error.message}`)]);
  };
  const panel = el('div', { class: 'replay-panel' }, [
    el('h3', { text: `What would change if you switched to ${policy}?` }),
    dropdown({ aria: 'Replay period', value: '7', choices: [{ value: '7', label: 'Last 7 days' }, { value: '30', label: 'Last 30 days' }], onChange: (v) => void load(Number(v)) }),
    body,
    el('div', { class: 'actions' }, [
      button({ label: `Switch to ${policy}`, onClick: () => deps.confirm(policy) }),
      button({ label: 'Cancel', appearance: 'secondary', onClick: () => deps.cancel() }),
    ]),
  ]);
  void load(7);
  return panel;
}
