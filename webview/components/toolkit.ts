// The only module that imports @vscode/webview-ui-toolkit (deprecated upstream): a move to
// @vscode-elements/elements replaces this file and nothing else. Callers get plain typed HTMLElements.
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTag,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/** Registers the custom elements once per page. */
export function registerComponents(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeBadge(),
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDivider(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeTag(),
    vsCodeTextArea(),
    vsCodeTextField(),
  );
}

export type ValueElement = HTMLElement & { value: string };
export type CheckElement = HTMLElement & { checked: boolean };

export interface ButtonOptions {
  label: string;
  /** Spoken name when the label alone is ambiguous. */
  aria?: string;
  appearance?: 'primary' | 'secondary' | 'icon';
  disabled?: boolean;
  onClick: () => void;
}

export function button(options: ButtonOptions): HTMLElement {
  const b = document.createElement('vscode-button');
  b.textContent = options.label;
  b.setAttribute('appearance', options.appearance ?? 'primary');
  b.setAttribute('aria-label', options.aria ?? options.label);
  if (options.disabled) b.setAttribute('disabled', '');
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) options.onClick();
  });
  return b;
}

export function setDisabled(element: HTMLElement, disabled: boolean): void {
  element.toggleAttribute('disabled', disabled);
}

interface FieldOptions {
  aria: string;
  placeholder?: string;
  value?: string;
  onInput?: (value: string) => void;
}

/** The toolkit's text fields overwrite aria-label on connect (with their text or "Text field"): put ours back. */
function keepAriaLabel(element: HTMLElement, label: string): void {
  element.setAttribute('aria-label', label);
  new MutationObserver(() => {
    if (element.getAttribute('aria-label') !== label) element.setAttribute('aria-label', label);
  }).observe(element, { attributes: true, attributeFilter: ['aria-label'] });
}

function field(tag: 'vscode-text-area' | 'vscode-text-field', options: FieldOptions): ValueElement {
  const f = document.createElement(tag) as ValueElement;
  keepAriaLabel(f, options.aria);
  if (options.placeholder) f.setAttribute('placeholder', options.placeholder);
  if (options.value) f.value = options.value;
  if (options.onInput) {
    const onInput = options.onInput;
    f.addEventListener('input', () => onInput(f.value));
  }
  return f;
}

export function textArea(options: FieldOptions & { rows?: number }): ValueElement {
  const f = field('vscode-text-area', options);
  f.setAttribute('rows', String(options.rows ?? 3));
  f.setAttribute('resize', 'vertical');
  return f;
}

export function textField(options: FieldOptions): ValueElement {
  return field('vscode-text-field', options);
}

export interface Choice {
  value: string;
  label: string;
}

/** A dropdown; the initial choice is marked `selected` on its option, which the element honours before it is connected. */
export function dropdown(options: { aria: string; choices: Choice[]; value: string; onChange: (value: string) => void }): ValueElement {
  const d = document.createElement('vscode-dropdown') as ValueElement;
  d.setAttribute('aria-label', options.aria);
  for (const choice of options.choices) {
    const o = document.createElement('vscode-option');
    o.setAttribute('value', choice.value);
    o.textContent = choice.label;
    if (choice.value === options.value) o.setAttribute('selected', '');
    d.append(o);
  }
  d.addEventListener('change', () => options.onChange(d.value));
  return d;
}

export function checkbox(options: { label: string; checked: boolean; onChange: (checked: boolean) => void }): CheckElement {
  const c = document.createElement('vscode-checkbox') as CheckElement;
  c.textContent = options.label;
  if (options.checked) c.setAttribute('checked', '');
  c.addEventListener('change', () => options.onChange(c.checked));
  return c;
}

export function badge(text: string): HTMLElement {
  const b = document.createElement('vscode-badge');
  b.textContent = text;
  return b;
}

export function tag(text: string): HTMLElement {
  const t = document.createElement('vscode-tag');
  t.textContent = text;
  return t;
}

export function divider(): HTMLElement {
  return document.createElement('vscode-divider');
}

export function progressRing(aria: string): HTMLElement {
  const p = document.createElement('vscode-progress-ring');
  p.setAttribute('aria-label', aria);
  return p;
}
