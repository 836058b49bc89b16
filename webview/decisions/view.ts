// Decisions view: newest first, live, filtered server-side, virtualised; a record opens in a detail pane.
import type { ReviewEntry } from '../../protocol/methods';
import type { DecisionRecord } from '../../protocol/record';
import { button, chip, el, progressRing, setChildren } from '../components';
import type { Rpc } from '../rpc';
import { connectionBanner, notice } from '../shared/banner';
import { onReconnected } from '../shared/reconnect';
import { formatTime, routeBadgeText } from '../shared/format';
import { loadDecisionsState, patchReducer, Store, type DecisionsState } from '../state';
import type { VsCodeApi } from '../vscode';
import { renderDetail } from './detail';
import { filterBar } from './filter-bar';
import { filtersToQuery, isFiltered, matchesFilters, PAGE_SIZE, type Filters } from './filters';
import { VirtualList } from './virtual-list';
import { needsMore } from './window';

export const ROW_HEIGHT = 48;

function renderRow(r: DecisionRecord): HTMLElement {
  const flags = r.review.required ? el('span', { class: 'row-flag', text: 'review' }) : null;
  return el('div', { class: 'decision-row', attrs: { 'data-id': r.id, 'aria-label': `${routeBadgeText(r)}: ${r.explanation}` } }, [
    el('div', { class: 'row-top' }, [chip(routeBadgeText(r), r.route.target), el('span', { class: 'row-rule', text: r.rule.id }), flags, el('span', { class: 'row-time', text: formatTime(r.createdAt) })]),
    el('div', { class: 'row-why', text: r.explanation }),
  ]);
}

export function mountDecisions(root: HTMLElement, rpc: Rpc, host: VsCodeApi): void {
  const store = new Store<DecisionsState, Partial<DecisionsState>>(loadDecisionsState(host.getState()), patchReducer, (s) => host.setState(s));
  let records: DecisionRecord[] = [];
  let nextCursor: string | null = null;
  let loading = false;
  let querySeq = 0;
  let restoreScroll = store.get().scrollTop;

  const status = el('div', { class: 'list-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const errorLine = el('div');
  const list = new VirtualList<DecisionRecord>({
    rowHeight: ROW_HEIGHT,
    label: 'Decision records, newest first',
    keyOf: (r) => r.id,
    renderRow,
    onOpen: (r) => void openDetail(r.id, r),
    onWindow: (w) => {
      if (!loading && needsMore(w, records.length, 20, nextCursor !== null)) void load(false);
    },
    onScroll: (top) => {
      if (!store.get().selectedId) store.dispatch({ scrollTop: top });
    },
  });
  const listPane = el('div', { class: 'list-pane' }, [filterBar(store.get().filters, onFilters), status, errorLine, list.element]);
  const detailPane = el('div', { class: 'detail-pane', attrs: { hidden: '' } });
  setChildren(root, [connectionBanner(rpc), listPane, detailPane]);
  // Exposed for the browser test and the benchmark: they need the DOM row count and to await renders.
  (globalThis as Record<string, unknown>).__airlockDecisions = { list, count: () => records.length };

  function showStatus(): void {
    const n = records.length;
    const more = nextCursor ? '+' : '';
    const scope = isFiltered(store.get().filters) ? 'matching' : 'recorded';
    setChildren(status, [`${n}${more} ${scope} decision${n === 1 ? '' : 's'}`, loading ? progressRing('Loading decisions') : null]);
  }

  async function load(reset: boolean): Promise<void> {
    const seq = ++querySeq;
    loading = true;
    showStatus();
    const res = await rpc.request('decision/list', filtersToQuery(store.get().filters, reset ? null : nextCursor, PAGE_SIZE));
    if (seq !== querySeq) return; // A newer query (filters changed) superseded this one.
    loading = false;
    if (!res.ok) {
      setChildren(errorLine, [notice(res.error.message)]);
      showStatus();
      return;
    }
    errorLine.replaceChildren();
    const known = reset ? new Set<string>() : new Set(records.map((r) => r.id));
    const page = res.value.records.filter((r) => !known.has(r.id));
    records = reset ? page : records.concat(page);
    nextCursor = res.value.nextCursor;
    list.setItems(records);
    if (reset && restoreScroll > 0) {
      list.scrollTop = restoreScroll;
      restoreScroll = 0;
    }
    showStatus();
  }

  function onFilters(filters: Filters): void {
    store.dispatch({ filters, scrollTop: 0 });
    list.scrollTop = 0;
    void load(true);
  }

  async function openDetail(id: string, known?: DecisionRecord): Promise<void> {
    store.dispatch({ selectedId: id });
    listPane.hidden = true;
    detailPane.hidden = false;
    const back = button({ label: 'Back to list', appearance: 'secondary', onClick: closeDetail });
    setChildren(detailPane, [back, known ? renderDetail(known, [], { rpc }) : progressRing('Loading the decision')]);
    const res = await rpc.request('decision/get', { id });
    if (store.get().selectedId !== id) return;
    if (!res.ok) {
      setChildren(detailPane, [back, notice(res.error.message)]);
      return;
    }
    const reviewed = (review: ReviewEntry) => void refreshAfterReview(review);
    setChildren(detailPane, [back, renderDetail(res.value.record, res.value.reviews, { rpc, onReviewed: reviewed })]);
    back.focus();
  }

  async function refreshAfterReview(review: ReviewEntry): Promise<void> {
    if (store.get().selectedId === review.recordId) await openDetail(review.recordId);
  }

  function closeDetail(): void {
    store.dispatch({ selectedId: null });
    detailPane.hidden = true;
    listPane.hidden = false;
    list.scrollTop = store.get().scrollTop;
    list.element.focus();
  }

  detailPane.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDetail();
  });

  rpc.on('decision/appended', ({ record }) => {
    if (!matchesFilters(record, store.get().filters) || records.some((r) => r.id === record.id)) return;
    records = [record, ...records];
    list.setItems(records, { prepended: 1 });
    showStatus();
  });
  rpc.on('decision/reviewed', ({ review }) => void refreshAfterReview(review));
  rpc.on('decision/show', ({ id }) => void openDetail(id, records.find((r) => r.id === id)));
  rpc.on('decision/focusFilter', () => {
    if (store.get().selectedId) closeDetail();
    listPane.querySelector<HTMLElement>('.filter-search')?.focus();
  });

  onReconnected(rpc, () => void load(true));
  void load(true);
  const selected = store.get().selectedId;
  if (selected) void openDetail(selected);
}
