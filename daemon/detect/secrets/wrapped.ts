// A long token wrapped onto two (or more) lines, as a terminal or an e-mail client does: "ghp_R7mK2pX9…\nT4wQ8sL1…".
// Each run of token characters broken by a single line break is joined and matched against the vendor token
// grammars (TOKEN_PATTERNS, the one copy); a token that matches only across the break is reported over its whole
// span, line breaks included. Linear: each break looks at bounded runs either side.
import type { Finding } from '../finding';
import { detectTokenPatterns, MIN_TOKEN_LENGTH } from './patterns';
import { secretFinding } from './rules';

const TOKEN_CHAR = /[A-Za-z0-9_.-]/;
const isTokenChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;

/**
 * The next single line break between two token characters at or after `from` — what
 * /(?<=[A-Za-z0-9_.-])\r?\n(?=[A-Za-z0-9_.-])/g finds, by indexOf: the regex, starting with a look-behind, was tried at
 * every position. A CRLF counts as one break, and only as a whole (the regex cannot start at its \n: \r precedes it).
 */
export function nextBreak(text: string, from: number): { index: number; length: number } | null {
  for (let nl = text.indexOf('\n', from); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    const crlf = nl > 0 && text.charCodeAt(nl - 1) === 13;
    const index = crlf ? nl - 1 : nl;
    if (crlf && index < from) continue; // the regex would start at the \n, after \r: no match
    if (index > 0 && isTokenChar(text.charCodeAt(index - 1)) && isTokenChar(text.charCodeAt(nl + 1))) return { index, length: nl + 1 - index };
  }
  return null;
}
/** Longer than any vendor token the patterns know (GitHub's fine-grained tokens reach 255). */
const MAX_RUN = 300;
const MAX_PIECES = 6;
const PLAIN_WORD = /^[A-Z]?[a-z]{2,}$/;
const WORD_ONLY = /^[A-Z]?[a-z]+$/;

interface Piece { from: number; to: number }

/** The run of token characters broken by single line breaks that starts before the break at `at`. */
function chain(text: string, at: number, breakLength: number): Piece[] {
  let start = at;
  while (start > 0 && at - start < MAX_RUN && TOKEN_CHAR.test(text[start - 1] as string)) start--;
  const pieces: Piece[] = [{ from: start, to: at }];
  let next = at + breakLength;
  while (pieces.length < MAX_PIECES) {
    let end = next;
    while (end < text.length && end - next < MAX_RUN && TOKEN_CHAR.test(text[end] as string)) end++;
    pieces.push({ from: next, to: end });
    const brk = text.startsWith('\r\n', end) ? 2 : text[end] === '\n' ? 1 : 0;
    if (brk === 0 || !TOKEN_CHAR.test(text[end + brk] ?? '')) break;
    next = end + brk;
  }
  return pieces;
}

export function detectWrappedTokens(text: string): Finding[] {
  const out: Finding[] = [];
  let done = 0;
  for (let m = nextBreak(text, 0); m; m = nextBreak(text, m.index + m.length)) {
    if (m.index < done) continue;
    const pieces = chain(text, m.index, m.length);
    done = (pieces[pieces.length - 1] as Piece).to;
    // Too short to hold any vendor token: a column of short lines ("a\n" repeated) costs no grammar at all.
    if (pieces.reduce((n, p) => n + p.to - p.from, 0) < MIN_TOKEN_LENGTH) continue;
    const parts = pieces.map((p) => text.slice(p.from, p.to));
    // A column of plain words ("Viale\nRoma\n…", a list, a poem) is no token: every vendor grammar needs a digit, a
    // separator or mixed case somewhere, and a wrapped token's pieces are not all words.
    if (parts.every((p) => WORD_ONLY.test(p))) continue;
    // Where each piece starts in the joined text: a token that crosses one of these was wrapped.
    const offsets = parts.reduce<number[]>((acc, p) => [...acc, (acc[acc.length - 1] as number) + p.length], [0]);
    /** A position in the joined text back in `text`; at a piece boundary a start belongs to the next piece, an end to this one. */
    const toText = (pos: number, edge: 'start' | 'end'): number => {
      const i = edge === 'end' ? offsets.findIndex((o) => pos <= o) - 1 : offsets.findLastIndex((o) => pos >= o);
      const piece = pieces[Math.max(0, Math.min(i, pieces.length - 1))] as Piece;
      return piece.from + pos - (offsets[Math.max(0, Math.min(i, pieces.length - 1))] as number);
    };
    // Join one more line at a time: fixed-length grammars match only with the right number of pieces. A variable-length
    // token complete at a line end is continued by the next line's characters (fail closed: a word too many in a
    // placeholder costs little, a tail of a token sent in clear does not), unless that line reads as prose: a plain
    // word followed by a space ("Good luck.", "Ping me").
    const found = new Map<number, Finding>();
    const complete = (joined: string, start: number, end: number): boolean => detectTokenPatterns(joined.slice(0, end)).some((g) => g.start === start && g.end === end);
    for (let k = 2; k <= pieces.length; k++) {
      if ((offsets[k] as number) < MIN_TOKEN_LENGTH) continue; // as above, for the first k pieces
      const joined = parts.slice(0, k).join('');
      const prose = PLAIN_WORD.test(parts[k - 1] as string) && /[ \t]/.test(text[(pieces[k - 1] as Piece).to] ?? '');
      for (const f of detectTokenPatterns(joined)) {
        if (!offsets.slice(1, k).some((o) => f.start < o && f.end > o)) continue;
        if (prose && f.end > (offsets[k - 1] as number) && complete(joined, f.start, offsets[k - 1] as number)) continue;
        found.set(f.start, f);
      }
    }
    for (const f of found.values()) out.push(secretFinding(f.type, f.label, toText(f.start, 'start'), toText(f.end, 'end'), 'airlock/wrapped-token'));
  }
  return out;
}
