// Turns placeholders in a streamed answer back into the user's values. A placeholder may arrive split across
// chunks ("[SEC" + "RET_1]"), so a possible placeholder start at the end of a chunk is held until it resolves.
import type { PlaceholderBook } from './redact';

const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/g;
/** What the end of a chunk may hold while a placeholder is still arriving: "[", "[SECRET", "[SECRET_1". */
const OPEN_TAIL = /\[[A-Z0-9_]*$/;
/** Longer than any placeholder Airlock makes: such a tail is ordinary text and is released. */
const MAX_HELD = 64;

export interface Restorer {
  /** The restorable text so far; may hold back a trailing partial placeholder. */
  push(chunk: string): string;
  /** Releases whatever is still held, at the end of the answer. */
  flush(): string;
}

/**
 * `escape` writes each restored value in the form its context needs: tool-call arguments are JSON text, where a
 * placeholder sits inside a string literal and its value must be JSON-escaped to keep the arguments valid.
 */
export function createRestorer(book: PlaceholderBook, escape: (value: string) => string = (v) => v): Restorer {
  let held = '';
  const restore = (text: string): string => text.replace(PLACEHOLDER, (p) => {
    const value = book.valueOf(p);
    return value === undefined ? p : escape(value);
  });
  return {
    push(chunk) {
      const text = held + chunk;
      const tail = OPEN_TAIL.exec(text);
      const cut = tail && text.length - tail.index <= MAX_HELD ? tail.index : text.length;
      held = text.slice(cut);
      return restore(text.slice(0, cut));
    },
    flush() {
      const rest = held;
      held = '';
      return restore(rest);
    },
  };
}

/** A value as the inside of a JSON string literal. */
export const jsonStringBody = (value: string): string => JSON.stringify(value).slice(1, -1);
