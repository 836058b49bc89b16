// Where sentences start, for the one question the sweep asks of them: is this sentence typed in lowercase?

export interface Word { start: number; end: number; text: string }

/** A word right after a full stop, a question or exclamation mark, a semicolon or an opening quote, and a space. */
function afterFullStop(text: string, at: number): boolean {
  let k = at - 1;
  if (text[k] !== ' ' && text[k] !== '\t') return false;
  while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\t') && at - k < 3) k--;
  const before = text[k - 1];
  return before !== undefined && '.!?;"“'.includes(before);
}

/**
 * For each word, whether its sentence starts in lowercase ("have you met ngozi adeyemi yet?"): capitals tell
 * nothing in a sentence typed that way. A sentence starts after a full stop, or with the first word of a line that
 * follows a short line, a blank one or a finished sentence; a long line without an end is prose wrapped by an editor,
 * and the sentence goes on ("…for struct\nfields as…"). One forward pass, newlines found once each.
 */
export function lowercaseSentences(text: string, words: readonly Word[]): Uint8Array {
  const out = new Uint8Array(words.length);
  let lower = 0;
  let lineStart = 0;
  let prevLineStart = -1;
  let nextNewline = text.indexOf('\n');
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    while (nextNewline !== -1 && nextNewline < w.start) {
      prevLineStart = lineStart;
      lineStart = nextNewline + 1;
      nextNewline = text.indexOf('\n', lineStart);
    }
    const firstOnLine = i > 0 && words[i - 1]!.end < lineStart;
    if (i === 0 || afterFullStop(text, w.start) || (firstOnLine && lineEndsSentence(text.slice(prevLineStart, lineStart - 1)))) {
      lower = startsLowercase(w.text) ? 1 : 0;
    }
    out[i] = lower;
  }
  return out;
}

const LOWER_FIRST = /^\p{Ll}/u;
/** The word's first letter is lowercase; ASCII without the Unicode tables. */
function startsLowercase(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  return LOWER_FIRST.test(w);
}

/** Whether the line before ends what was being said: short (a heading, a label, a card's line), blank, or finished. */
function lineEndsSentence(line: string): boolean {
  const prev = line.trimEnd();
  return prev.length < 50 || /[.!?:"”]$/u.test(prev);
}
