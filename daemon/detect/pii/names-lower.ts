// Names typed in lowercase ("follow up with patricia desrosiers", "olga krylova's case"). Capitalisation
// is the capitalised recogniser's main evidence, so here a word must be a listed first name (never a
// common word) and then still needs a second piece of evidence: a listed surname or surname shape right
// after it, or a cue around it (a title, "my name is", "follow up with", "... lives at").
import type { Finding } from '../finding';
import { piiFinding } from './finding';
import { CUE, lex, PERSON_VERB, standalone, SURNAME_SHAPE, TITLE_ANY_CASE, type Lexicon } from './names-context';

/**
 * A lowercase Latin word, possibly with an apostrophe or hyphen part ("o'neill", "anne-marie"); a trailing 's
 * is dropped later. Latin letters only (the name lists are Latin), as a plain class: it runs on every word.
 */
const LOWER = 'a-z\\u00df-\\u00f6\\u00f8-\\u00ff\\u0100-\\u024f';
export const WORD = new RegExp(`(?<![A-Z${LOWER}])[${LOWER}]+(?:['’-][${LOWER}]+)*`, 'g');

// WORD by hand for the scan over every word of the text (the regex and its match arrays cost more than the rest of
// this file): a word starts at a LOWER letter not preceded by A-Z or a LOWER letter, and runs over LOWER letters and
// single ' ’ - between them. test/unit/detect/names-lower-words.test.ts compares the two.
/** Character classes by code below U+0250 (LOWER ends at U+024F): 1 a LOWER letter, 2 A-Z, 0 anything else. */
const CLASS = new Uint8Array(0x250);
for (const [from, to, k] of [[97, 122, 1], [0xdf, 0xf6, 1], [0xf8, 0x24f, 1], [65, 90, 2]] as const) CLASS.fill(k, from, to + 1);
/** The class of a code (NaN past the end of the text: 0). */
const classOf = (c: number): number => (c < 0x250 ? CLASS[c]! : 0);
const isLower = (c: number): boolean => classOf(c) === 1;
const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;

/** Where the next match of WORD at or after `from` starts, or -1. */
export function nextWord(text: string, from: number): number {
  let before = from > 0 ? classOf(text.charCodeAt(from - 1)) : 0;
  for (let p = from; p < text.length; p++) {
    const k = classOf(text.charCodeAt(p));
    if (k === 1 && before === 0) return p;
    before = k;
  }
  return -1;
}

/** Where the match of WORD starting at `start` ends. */
export function wordEnd(text: string, start: number): number {
  let end = start + 1;
  for (;;) {
    while (end < text.length && isLower(text.charCodeAt(end))) end++;
    const c = text.charCodeAt(end);
    if ((isApostrophe(c) || c === 45) && isLower(text.charCodeAt(end + 1))) end += 2;
    else return end;
  }
}

/**
 * A 2^20-bit filter of the lowercased first names' hashes (FNV-1a over UTF-16 codes, top 20 bits): a word whose bit
 * is clear is no first name, decided without copying it out of the text. About 3% of a prose prompt's words pass to
 * the Set lookup.
 */
const HASH_BITS = 20;
const hashOf = (s: string, start: number, end: number): number => {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> (32 - HASH_BITS);
};
let firstBits: Int32Array | undefined;
/** Built on first use from `first`, which is always the one set lowerFirstNames builds. */
function mayBeFirstName(first: Set<string>, text: string, start: number, end: number): boolean {
  if (!firstBits) {
    firstBits = new Int32Array(1 << (HASH_BITS - 5));
    for (const w of first) {
      const h = hashOf(w, 0, w.length);
      firstBits[h >>> 5]! |= 1 << (h & 31);
    }
  }
  const h = hashOf(text, start, end);
  return (firstBits[h >>> 5]! & (1 << (h & 31))) !== 0;
}

/**
 * "name is" read forwards, to find the word after it. Narrower than STRONG_CUE: "call me later" shows
 * that in lowercase text only an explicit "name is" makes an unlisted word a name.
 */
const NAME_IS = /\b(?:my name is|name(?:'s| is)|named (?:him|her))\s{1,2}/gi;
const CALL_ME = /\b(?:call|calls|called) me\s{1,2}/gi;
/** A lowercase middle initial between first name and surname: "benjamin a seiler", "leidy t. muris". */
const INITIAL = /^ \p{Ll}\.? $/u;

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

interface Word {
  word: string;
  start: number;
  end: number;
}

/** The lowercase word starting at or after `from` (sticky search from there), its possessive dropped. */
function wordAt(text: string, from: number): Word | undefined {
  WORD.lastIndex = from;
  const m = WORD.exec(text);
  if (!m) return undefined;
  const word = m[0].replace(/['’]s$/, '');
  return { word, start: m.index, end: m.index + word.length };
}

let firstLower: Set<string> | undefined;
/** Lowercased first names, so the per-word test is one lookup without building a capitalised copy. */
function lowerFirstNames(lx: Lexicon): Set<string> {
  firstLower ??= new Set([...lx.first].map((w) => w.toLowerCase()).filter((w) => !lx.common.has(w)));
  return firstLower;
}

function isSurname(w: Word, lx: Lexicon): boolean {
  if (lx.common.has(w.word)) return false;
  return lx.last.has(capitalise(w.word)) || SURNAME_SHAPE.test(w.word);
}

/** The surname after a first name: the next word, across a single space or a middle initial. */
function surnameAfter(text: string, first: Word, lx: Lexicon): Word | undefined {
  const next = wordAt(text, first.end);
  if (!next || next.start > first.end + 4) return undefined;
  const gap = text.slice(first.end, next.start);
  return (gap === ' ' || INITIAL.test(gap)) && isSurname(next, lx) ? next : undefined;
}

/** Judges the lowercase word `w`; `strong` when "my name is" (or the like) stands right before it. */
function judge(text: string, w: Word, strong: boolean, lx: Lexicon): Finding | null {
  if (!standalone(text, w.start, w.end)) return null;
  const surname = surnameAfter(text, w, lx);
  const last = surname ?? w;
  const before = text.slice(Math.max(0, w.start - 24), w.start);
  const cued = strong || TITLE_ANY_CASE.test(before) || CUE.test(before) || PERSON_VERB.test(text.slice(last.end, last.end + 16));
  return surname || cued ? piiFinding('person-name', w.start, last.end, surname ? 0.75 : 0.65) : null;
}

export function detectLowercaseNames(text: string): Finding[] {
  const lx = lex();
  const first = lowerFirstNames(lx);
  const out: Finding[] = [];
  for (let at = nextWord(text, 0); at !== -1;) {
    let end = wordEnd(text, at);
    let resume = end;
    // A trailing 's is dropped ("olga's"), as for WORD's matches in wordAt.
    if (end - at > 2 && text.charCodeAt(end - 1) === 115 && isApostrophe(text.charCodeAt(end - 2))) end -= 2;
    const w = mayBeFirstName(first, text, at, end) ? text.slice(at, end) : '';
    if (w && first.has(w)) {
      const f = judge(text, { word: w, start: at, end }, false, lx);
      if (f) {
        out.push(f);
        resume = Math.max(resume, f.end);
      }
    }
    at = nextWord(text, resume);
  }
  // "my name is vitoria": after "name is" any uncommon word is the name, listed or not.
  NAME_IS.lastIndex = 0;
  for (let m = NAME_IS.exec(text); m; m = NAME_IS.exec(text)) {
    const w = wordAt(text, m.index + m[0].length);
    if (!w || w.start !== m.index + m[0].length || w.word.length < 2 || lx.common.has(w.word) || first.has(w.word)) continue;
    const f = judge(text, w, true, lx);
    if (f) out.push(f);
  }
  // "people call me višeslav": after "call me" an uncommon lowercase word is a name only when it holds a letter English
  // lacks ("call me later", "call me asap" stay quiet).
  CALL_ME.lastIndex = 0;
  for (let m = CALL_ME.exec(text); m; m = CALL_ME.exec(text)) {
    const w = wordAt(text, m.index + m[0].length);
    if (!w || w.start !== m.index + m[0].length || !/[^\x00-\x7f]/.test(w.word) || lx.common.has(w.word)) continue;
    const f = judge(text, w, true, lx);
    if (f) out.push(f);
  }
  return out;
}
