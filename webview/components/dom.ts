// Plain elements for everything the toolkit has no component for (text, lists, the virtual rows).
type Child = Node | string | null | undefined | false;

export interface ElOptions {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElOptions = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const [event, handler] of Object.entries(options.on ?? {})) node.addEventListener(event, handler as EventListener);
  append(node, children);
  return node;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) if (child) parent.append(child);
}

/** Replaces all children. */
export function setChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A small route chip for list rows: cheaper than a custom element when dozens are on screen. */
export function chip(text: string, variant: string): HTMLSpanElement {
  return el('span', { class: `chip chip-${variant}`, text });
}

/** A labelled pair for detail views; `value` null renders nothing, so a field the record lacks never appears. */
export function fact(label: string, value: string | Node | null): HTMLElement | null {
  if (value === null) return null;
  return el('div', { class: 'fact' }, [el('span', { class: 'fact-label', text: label }), el('span', { class: 'fact-value' }, [value])]);
}
