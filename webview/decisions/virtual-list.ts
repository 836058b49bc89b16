// A list that keeps only the visible rows (plus a few) in the DOM: rows have a fixed height and are
// absolutely placed inside a spacer as tall as the whole list, so 10,000 items cost what 30 do.
import { el } from '../components';
import { scrollToReveal, visibleWindow, type RowWindow } from './window';

export interface VirtualListOptions<T> {
  rowHeight: number;
  label: string;
  keyOf: (item: T) => string;
  renderRow: (item: T, index: number) => HTMLElement;
  onOpen: (item: T) => void;
  /** After each render, with the rendered window: the owner fetches more when it nears the end. */
  onWindow?: (window: RowWindow) => void;
  onScroll?: (scrollTop: number) => void;
}

export class VirtualList<T> {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private items: readonly T[] = [];
  private readonly rows = new Map<string, HTMLElement>();
  private active = -1;
  private frame = 0;

  constructor(private readonly options: VirtualListOptions<T>) {
    this.spacer = el('div', { class: 'vlist-spacer' });
    this.element = el('div', {
      class: 'vlist',
      attrs: { role: 'listbox', tabindex: '0', 'aria-label': options.label },
      on: { scroll: () => this.onScroll(), keydown: (e) => this.onKey(e) },
    }, [this.spacer]);
    new ResizeObserver(() => this.render()).observe(this.element);
  }

  setItems(items: readonly T[], options: { prepended?: number } = {}): void {
    // New rows on top while the user reads further down: keep the same rows under their eyes.
    if (options.prepended && this.element.scrollTop > 0) this.element.scrollTop += options.prepended * this.options.rowHeight;
    if (options.prepended && this.active >= 0) this.active += options.prepended;
    this.items = items;
    if (this.active >= items.length) this.active = items.length - 1;
    this.spacer.style.height = `${items.length * this.options.rowHeight}px`;
    this.render();
  }

  get scrollTop(): number {
    return this.element.scrollTop;
  }

  set scrollTop(top: number) {
    this.element.scrollTop = top;
    this.render();
  }

  /** Rows currently in the DOM (for tests and the benchmark). */
  get renderedCount(): number {
    return this.rows.size;
  }

  render(): void {
    const { rowHeight, keyOf } = this.options;
    const window = visibleWindow(this.element.scrollTop, this.element.clientHeight, rowHeight, this.items.length);
    const keep = new Set<string>();
    for (let i = window.start; i < window.end; i++) {
      const item = this.items[i]!;
      const key = keyOf(item);
      keep.add(key);
      let row = this.rows.get(key);
      if (!row) {
        row = this.createRow(item, i, key);
        this.rows.set(key, row);
        this.spacer.append(row);
      }
      if (row.dataset.index !== String(i)) {
        row.dataset.index = String(i);
        row.style.transform = `translateY(${i * rowHeight}px)`;
      }
      row.setAttribute('aria-selected', String(i === this.active));
    }
    for (const [key, row] of this.rows) {
      if (!keep.has(key)) {
        row.remove();
        this.rows.delete(key);
      }
    }
    const activeItem = this.items[this.active];
    if (activeItem) this.element.setAttribute('aria-activedescendant', `row-${keyOf(activeItem)}`);
    else this.element.removeAttribute('aria-activedescendant');
    this.options.onWindow?.(window);
  }

  private createRow(item: T, index: number, key: string): HTMLElement {
    const row = this.options.renderRow(item, index);
    row.classList.add('vlist-row');
    row.id = `row-${key}`;
    row.setAttribute('role', 'option');
    row.style.height = `${this.options.rowHeight}px`;
    row.addEventListener('click', () => {
      const at = Number(row.dataset.index);
      this.setActive(at);
      this.options.onOpen(this.items[at]!);
    });
    return row;
  }

  private onScroll(): void {
    this.options.onScroll?.(this.element.scrollTop);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private setActive(index: number): void {
    this.active = Math.max(0, Math.min(this.items.length - 1, index));
    const top = scrollToReveal(this.active, this.options.rowHeight, this.element.scrollTop, this.element.clientHeight);
    if (top !== this.element.scrollTop) this.element.scrollTop = top;
    this.render();
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.element.clientHeight / this.options.rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.setActive(this.active + moves[e.key]!);
    else if (e.key === 'Home') this.setActive(0);
    else if (e.key === 'End') this.setActive(this.items.length - 1);
    else if (e.key === 'Enter' && this.items[this.active]) this.options.onOpen(this.items[this.active]!);
    else return;
    e.preventDefault();
  }
}
