// Names typed in lowercase ("follow up with patricia desrosiers", "olga krylova's case"). Capitalisation
// is the capitalised recogniser's main evidence, so here a word must be a listed first name (never a
// common word) and then still needs a second piece of evidence: a listed surname or surname shape right
// after it, or a cue around it (a title, "my name is", "follow up with", "... lives at").
import type { Finding } from './finding';
import { piiFinding } from './pii-finding';
import { CUE, lex, PERSON_VERB, standalone, STRONG_CUE, SURNAME_SHAPE, TITLE, type Lexicon } from './pii-names-context';

/** A lowercase word, possibly with an apostrophe or hyphen part ("o'neill", "anne-marie"); a trailing 's is dropped later. */
const WORD = /\p{Ll}+(?:['’-]\p{Ll}+)*/gu;
/** A lowercase middle initial between first name and surname: "benjamin a seiler", "leidy t. muris". */
const INITIAL = /^ \p{Ll}\.? $/u;

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

interface Word {
  word: string;
  start: number;
  end: number;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    if (!standalone(text, m.index, m.index + m[0].length)) continue;
    const word = m[0].replace(/['’]s$/, '');
    out.push({ word, start: m.index, end: m.index + word.length });
  }
  return out;
}

function isFirstName(w: Word, lx: Lexicon): boolean {
  return lx.first.has(capitalise(w.word)) && !lx.common.has(w.word);
}

function isSurname(w: Word, lx: Lexicon): boolean {
  if (lx.common.has(w.word)) return false;
  return lx.last.has(capitalise(w.word)) || SURNAME_SHAPE.test(w.word);
}

/** The surname after a first name: the next word, across a single space or a middle initial. */
function surnameAfter(text: string, first: Word, next: Word | undefined, lx: Lexicon): Word | undefined {
  if (!next) return undefined;
  const gap = text.slice(first.end, next.start);
  return (gap === ' ' || INITIAL.test(gap)) && isSurname(next, lx) ? next : undefined;
}

export function detectLowercaseNames(text: string): Finding[] {
  const lx = lex();
  const ws = words(text);
  const out: Finding[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const before = text.slice(Math.max(0, w.start - 24), w.start);
    // "my name is vitoria": after a strong cue any uncommon word is the name.
    const strong = STRONG_CUE.test(before) && !lx.common.has(w.word) && w.word.length > 1;
    if (!strong && !isFirstName(w, lx)) continue;
    const surname = surnameAfter(text, w, ws[i + 1], lx);
    const last = surname ?? w;
    const cued = strong || TITLE.test(before) || CUE.test(before) || PERSON_VERB.test(text.slice(last.end, last.end + 16));
    if (!surname && !cued) continue;
    out.push(piiFinding('person-name', w.start, last.end, surname ? 0.75 : 0.65));
    if (surname) i++;
  }
  return out;
}
