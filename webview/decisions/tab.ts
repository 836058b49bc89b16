// One decision in an editor tab (data-view="detail"): the extension names the record with a decisions/show event;
// the id is kept with setState, so a tab VS Code reloads (moved, window reloaded while open) shows the same record.
import type { DecisionRecord } from '../../protocol/record';
import { el, progressRing, setChildren } from '../components';
import type { Rpc } from '../rpc';
import { connectionBanner, notice } from '../shared/banner';
import { onReconnected } from '../shared/reconnect';
import type { VsCodeApi } from '../vscode';
import { renderDetail } from './detail';

export function mountDetailTab(root: HTMLElement, rpc: Rpc, host: VsCodeApi): void {
  const saved = host.getState() as { id?: unknown } | null;
  let id = typeof saved?.id === 'string' ? saved.id : null;
  const body = el('div', { class: 'detail-tab' });
  setChildren(root, [connectionBanner(rpc), body]);

  async function show(): Promise<void> {
    if (!id) return;
    const mine = id;
    if (!body.firstChild) setChildren(body, [progressRing('Loading the decision')]);
    const res = await rpc.request('decision/get', { id: mine });
    if (mine !== id) return;
    if (!res.ok) return void setChildren(body, [notice(res.error.message)]);
    const render = (record: DecisionRecord, reviews: typeof res.value.reviews) =>
      setChildren(body, [renderDetail(record, reviews, { rpc, inTab: true, onReviewed: () => void show() })]);
    render(res.value.record, res.value.reviews);
  }

  rpc.on('decision/show', ({ id: next }) => {
    id = next;
    host.setState({ id });
    void show();
  });
  rpc.on('decision/reviewed', ({ review }) => {
    if (review.recordId === id) void show();
  });
  onReconnected(rpc, () => void show());
  void show();
}
