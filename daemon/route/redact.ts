// Redaction for one conversation: the planned spans become placeholders, and the same value keeps the same
// placeholder across turns ([SECRET_1] in turn 1 is still [SECRET_1] in turn 5), so the model can follow along.
// The book lives in memory only: it is never persisted, never logged, and prints as a count.
import { inspect } from 'node:util';
import type { Redaction } from '../../protocol';

/** Replaces each span with its placeholder; spans must not overlap (planRedactions merges them). */
export function applyRedactions<R extends { start: number; end: number; placeholder: string }>(text: string, redactions: readonly R[]): string {
  let out = '';
  let at = 0;
  for (const r of [...redactions].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, r.start) + r.placeholder;
    at = r.end;
  }
  return out + text.slice(at);
}

const PLACEHOLDER = /^\[([A-Z][A-Z0-9_]*)_\d+\]$/;

/** `SECRET` for `[SECRET_3]`: the type prefix the policy chose; numbering is the book's. */
export function placeholderPrefix(placeholder: string): string {
  return PLACEHOLDER.exec(placeholder)?.[1] ?? 'REDACTED';
}

/** `value` where it is not part of a longer word. */
export function wholeWord(value: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
}

interface TrieNode {
  next: Map<number, TrieNode>;
  placeholder?: string;
  /** The value is a name: it matches only where it is not part of a longer word. */
  wholeWord?: boolean;
}

/** Values up to this length go in the trie; longer ones are rare and found with indexOf (see mask). */
const TRIE_MAX = 256;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the UTF-16 unit at `at` is (part of) a letter or digit; false outside the text. */
function isWordChar(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false;
  const code = text.charCodeAt(at);
  // ASCII without a regex: the masked text is mostly ASCII, and this runs at every position a value may start.
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  // A surrogate half: look at the whole code point it belongs to.
  if (code >= 0xdc00 && code <= 0xdfff && at > 0) return WORD_CHAR.test(text.slice(at - 1, at + 1));
  if (code >= 0xd800 && code <= 0xdbff) return WORD_CHAR.test(text.slice(at, at + 2));
  return WORD_CHAR.test(text[at] as string);
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
   * quadratic on a prompt with thousands of distinct findings.) The trie holds values up to TRIE_MAX characters, so
   * a walk costs at most that much per position; the few longer values (a PEM block, a long token) are found with
   * indexOf beforehand — a trie walk along a 50 KB token repeated in a periodic text was quadratic.
   * A name is replaced only as a whole word: a masked "Ann" must not turn "Annual" into "[PERSON_NAME_2]ual".
   */
  mask(text: string): string {
    return applyRedactions(text, this.maskSpans(text));
  }

  /** Where `mask` replaces a value in `text`, in order and without overlaps: the spans and their placeholders. */
  maskSpans(text: string): { start: number; end: number; placeholder: string }[] {
    if (this.#byPlaceholder.size === 0) return [];
    const trie = this.#trie();
    const long = this.#longMatches(text);
    const spans: { start: number; end: number; placeholder: string }[] = [];
    for (let i = 0; i < text.length;) {
      // Most positions start no value: one look at the root (and at the long values, when there are any) says so.
      if (!trie.next.has(text.charCodeAt(i)) && (long.size === 0 || !long.has(i))) {
        i++;
        continue;
      }
      let node: TrieNode | undefined = trie;
      let found: string | undefined;
      let length = 0;
      const longHere = long.size === 0 ? undefined : long.get(i);
      if (longHere) [found, length] = longHere;
      let wordStart: boolean | undefined; // looked up only when a whole-word value ends here
      for (let j = i; j < text.length && !longHere; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        if (!node.placeholder) continue;
        if (node.wholeWord && !(wordStart ??= !isWordChar(text, i - 1))) continue;
        if (!node.wholeWord || !isWordChar(text, j + 1)) {
          found = node.placeholder;
          length = j - i + 1;
        }
      }
      if (found === undefined) {
        i++;
        continue;
      }
      spans.push({ start: i, end: i + length, placeholder: found });
      i += length;
    }
    return spans;
  }

  /** Where each value longer than TRIE_MAX stands in `text`: start → [placeholder, length], the longest per start. */
  #longMatches(text: string): Map<number, [string, number]> {
    const at = new Map<number, [string, number]>();
    for (const [placeholder, value] of this.#byPlaceholder) {
      if (value.length <= TRIE_MAX) continue;
      for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + value.length)) {
        if ((at.get(i)?.[1] ?? 0) < value.length) at.set(i, [placeholder, value.length]);
      }
    }
    return at;
  }

  #trieCache: { size: number; root: TrieNode } | null = null;

  #trie(): TrieNode {
    if (this.#trieCache?.size === this.size) return this.#trieCache.root;
    const root: TrieNode = { next: new Map() };
    for (const [placeholder, value] of this.#byPlaceholder) {
      if (!value || value.length > TRIE_MAX) continue;
      let node = root;
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map() }));
        node = child;
      }
      node.placeholder = placeholder;
      node.wholeWord = placeholderPrefix(placeholder) === 'PERSON_NAME';
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
  // Spans with one planned placeholder hold one value (planRedactions numbers by value): the book is asked once per
  // placeholder and value, not once per span of a prompt that repeats a value thousands of times.
  const asked = new Map<string, [value: string, placeholder: string]>();
  const redactions = planned.map((r) => {
    const value = text.slice(r.start, r.end);
    let known = asked.get(r.placeholder);
    if (known?.[0] !== value) asked.set(r.placeholder, (known = [value, book.placeholderFor(placeholderPrefix(r.placeholder), value)]));
    return { ...r, placeholder: known[1] };
  });
  return { text: book.mask(applyRedactions(text, redactions)), redactions };
}
