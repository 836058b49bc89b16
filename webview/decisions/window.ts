// Window math of the virtualised list: fixed row height, so which rows exist follows from scrollTop alone.

export interface RowWindow {
  /** First row index rendered (inclusive). */
  start: number;
  /** Last row index rendered (exclusive). */
  end: number;
}

export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 4): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const maxTop = Math.max(0, count * rowHeight - viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxTop);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, Math.max(last, first + 1) + overscan) };
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function scrollToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}

/** Time to fetch the next page: the rendered window reaches within `threshold` rows of what is loaded. */
export function needsMore(window: RowWindow, loaded: number, threshold: number, hasMore: boolean): boolean {
  return hasMore && window.end >= loaded - threshold;
}
