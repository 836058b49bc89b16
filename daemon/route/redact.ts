// Redaction for one conversation: the planned spans become placeholders, and the same value keeps the same
// placeholder across turns ([SECRET_1] in turn 1 is still [SECRET_1] in turn 5), so the model can follow along.
// The book lives in memory only: it is never persisted, never logged, and prints as a count.
import { inspect } from 'node:util';
import type { Redaction } from '../../protocol';
import { applyRedactions } from './plan';

const PLACEHOLDER = /^\[([A-Z][A-Z0-9_]*)_\d+\]$/;

/** `SECRET` for `[SECRET_3]`: the type prefix the policy chose; numbering is the book's. */
export function placeholderPrefix(placeholder: string): string {
  return PLACEHOLDER.exec(placeholder)?.[1] ?? 'REDACTED';
}

interface TrieNode {
  next: Map<number, TrieNode>;
  placeholder?: string;
}

export class PlaceholderBook {
  readonly #byValue = new Map<string, string>();
  readonly #byPlaceholder = new Map<string, string>();
  readonly #counters = new Map<string, number>();

  /** The conversation's placeholder for this value, numbered per prefix in order of first appearance. */
  placeholderFor(prefix: string, value: string): string {
    const key = `${prefix}\u0000${value}`;
    const known = this.#byValue.get(key);
    if (known) return known;
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    const placeholder = `[${prefix}_${n}]`;
    this.#byValue.set(key, placeholder);
    this.#byPlaceholder.set(placeholder, value);
    return placeholder;
  }

  valueOf(placeholder: string): string | undefined {
    return this.#byPlaceholder.get(placeholder);
  }

  get size(): number {
    return this.#byPlaceholder.size;
  }

  /**
   * Replaces every value the book knows with its placeholder, in one pass over the text: at each position the longest
   * value starting there wins, so a value inside another cannot split it. (A replaceAll per value cost values × text:
   * quadratic on a prompt with thousands of distinct findings.) The cost is text × the longest value at worst.
   */
  mask(text: string): string {
    if (this.#byPlaceholder.size === 0) return text;
    const trie = this.#trie();
    let out = '';
    let copied = 0;
    for (let i = 0; i < text.length;) {
      let node: TrieNode | undefined = trie;
      let found: string | undefined;
      let length = 0;
      for (let j = i; j < text.length; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        if (node.placeholder) [found, length] = [node.placeholder, j - i + 1];
      }
      if (found === undefined) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + found;
      i += length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  #trieCache: { size: number; root: TrieNode } | null = null;

  #trie(): TrieNode {
    if (this.#trieCache?.size === this.size) return this.#trieCache.root;
    const root: TrieNode = { next: new Map() };
    for (const [placeholder, value] of this.#byPlaceholder) {
      if (!value) continue;
      let node = root;
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map() }));
        node = child;
      }
      node.placeholder = placeholder;
    }
    this.#trieCache = { size: this.size, root };
    return root;
  }

  // A book that ends up in a log line or a JSON body shows how many values it holds, never the values.
  toJSON(): { placeholders: number } {
    return { placeholders: this.size };
  }

  [inspect.custom](): string {
    return `PlaceholderBook { ${this.size} placeholders }`;
  }
}

export interface RedactedPrompt {
  /** The text sent to the model. */
  text: string;
  /** The planned redactions with the conversation's placeholders, as the record should show them. */
  redactions: Redaction[];
}

/**
 * Applies the planned redactions (non-overlapping spans, as planRedactions returns them) with the book's placeholders,
 * then masks any value the book learnt in an earlier turn that this turn's detectors did not flag.
 */
export function redactPrompt(text: string, planned: readonly Redaction[], book: PlaceholderBook): RedactedPrompt {
  const redactions = planned.map((r) => ({ ...r, placeholder: book.placeholderFor(placeholderPrefix(r.placeholder), text.slice(r.start, r.end)) }));
  return { text: book.mask(applyRedactions(text, redactions)), redactions };
}
