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

/** `value` where it is not part of a longer word. */
export function wholeWord(value: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
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
   * Replaces every value the book knows with its placeholder, longest first so a value inside another cannot split it.
   * A name is replaced only as a whole word: a masked "Ann" must not turn "Annual" into "[PERSON_NAME_2]ual".
   */
  mask(text: string): string {
    const entries = [...this.#byPlaceholder].sort((a, b) => b[1].length - a[1].length);
    let out = text;
    for (const [placeholder, value] of entries) {
      if (!value) continue;
      out = placeholderPrefix(placeholder) === 'PERSON_NAME' ? out.replace(wholeWord(value), placeholder) : out.replaceAll(value, placeholder);
    }
    return out;
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
