// Names found by the cue around them rather than by a name list, so any language's names count, in any
// case: "my manager oleksandr kovalchuk", "Ms. Yıldız", "User: Ji-woo Park", "Wei, can you…", a signature
// line, "Tõnis Tamm said", "Parisa Moradi's account". Each candidate word must not be an English word (or an
// inflection of one), a word that is never a name, or a product/organisation. Linear: the cue regexes are
// literal alternations with bounded gaps; the name is read with bounded word steps.
import type { Finding } from '../finding';
import { piiFinding, scanAll } from './finding';
import { isEnglish, lex } from './names-context';
import { AFTER_VERBS, FORM_LABELS, JUDGED, NOT_PEOPLE, OWNED, PLACES, RELATIONS, SIGN_OFF, VOCATIVE_NEXT } from './names-cue-words';

const MAX_WORDS = 3;
/** One name word: letters with inner apostrophes or hyphens ("O'Neill", "Ji-woo", "Al-Haddad"). */
const NAME_WORD = /[\p{L}](?:[\p{L}\p{M}]|['’-](?=\p{L})){0,29}/uy;

// No `u` flag on the cue patterns: with it V8 runs them several times slower, and they need no Unicode classes.
const LETTER_AHEAD = '(?=[A-Za-z\\u00c0-\\u024f])';
const RELATION_CUE = new RegExp(`\\b(?:my|our|your|his|her|their)[ \\t](?:${RELATIONS})[ \\t,]{1,2}${LETTER_AHEAD}`, 'gi');
const TITLE_CUE = new RegExp(`\\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam|herr|frau|señor|señora|sr|sra|mme|mlle|signor|signora)\\.?[ \\t]${LETTER_AHEAD}`, 'gi');
/** At a line start, or after a sentence ends on the same line: "Bot: What's the name? User: Mohsin Wilmsen". */
const FORM_CUE = new RegExp(`(?:^[ \\t]*|(?<=[.?!])[ \\t]{1,3})(?:${FORM_LABELS})[ \\t]*[:=][ \\t]*${LETTER_AHEAD}`, 'gim');
/** A personal pronoun soon after a judgement marks its subject as a person: "X is very reliable. … depend on him." */
const PRONOUN_AFTER = /\b(?:he|she|him|her|his|hers|himself|herself)\b/i;
const PRONOUN_REACH = 80;
/** Found by the comma and request after the name, then read from the line start: rare anchors keep it cheap. */
const VOCATIVE_COMMA = new RegExp(`,[ \\t]{1,3}(?:${VOCATIVE_NEXT})\\b`, 'gi');
const GREETING = /^[ \t]*(?:(?:hi|hey|hello|dear|ok|okay)[ \t]+)?/i;
// Bounded runs of blanks: an unbounded `[ \\t]+` tried at every blank of a long run backtracks over the rest of it,
// quadratic on a prompt of spaces (2 s for 50 KB).
const AFTER_CUE = new RegExp(`(?:['’]s[ \\t]{1,3}(?:${OWNED})|[ \\t]{1,3}(?:${AFTER_VERBS}|${JUDGED}))\\b`, 'gi');

/** A word that may be part of a name: not English, not a never-name, not a product; a listed first name always may. */
export function nameLike(word: string): boolean {
  const lower = word.toLowerCase();
  const lx = lex();
  if (/['’](?:ve|re|ll|d|m|t|s)$/i.test(word) || (word.length > 1 && word === word.toUpperCase())) return false; // We’ve, I'm, API
  if (lx.never.has(lower) || NOT_PEOPLE.has(lower)) return false;
  if (lx.first.has(word) || lx.first.has(lower.charAt(0).toUpperCase() + lower.slice(1))) return !lx.common.has(lower) || word !== lower;
  // A capitalised listed surname that is no everyday word counts even when a dictionary has it ("Fischer", "Hagen").
  if (word !== lower && lx.last.has(word) && !lx.common.has(lower)) return true;
  return !isEnglish(lower);
}

export interface Span { start: number; end: number; words: number }

/** Up to MAX_WORDS name-like words from `at`, separated by one space; null when the first is not one. */
export function readForward(text: string, at: number, sameCase = true): Span | null {
  let end = at;
  let words = 0;
  let i = at;
  let firstUpper: boolean | undefined;
  while (words < MAX_WORDS) {
    NAME_WORD.lastIndex = i;
    const m = NAME_WORD.exec(text);
    if (!m) break;
    const upper = m[0] !== m[0].toLowerCase();
    if (sameCase && firstUpper !== undefined && upper !== firstUpper) break; // "Ana Said" vs "ana said"
    if (!nameLike(m[0])) break;
    firstUpper ??= upper;
    end = i + m[0].length;
    words++;
    if (text[end] !== ' ') break;
    i = end + 1;
  }
  return words ? { start: at, end, words } : null;
}

/** Up to two name-like words ending at `end`, read backwards. */
export function readBackward(text: string, end: number): Span | null {
  let start = end;
  let words = 0;
  let i = end;
  while (words < 2) {
    let s = i;
    while (s > 0 && i - s < 30 && /[\p{L}\p{M}'’-]/u.test(text[s - 1]!)) s--;
    if (s === i || (s > 0 && /[\p{N}_@./\\]/u.test(text[s - 1]!))) break;
    const word = text.slice(s, i).replace(/^['’-]+/, '');
    if (!/^\p{L}/u.test(word) || !nameLike(word)) break;
    start = i - word.length;
    words++;
    if (text[start - 1] !== ' ') break;
    i = start - 1;
  }
  return words ? { start, end, words } : null;
}

export const found = (s: Span | null, confidence: number) => (s ? piiFinding('person-name', s.start, s.end, confidence) : null);

const listedFirst = (w: string) => lex().first.has(w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());

/**
 * Evidence the cue leaves to the word itself. Lowercase and single words could be anything: after a strong cue
 * (relation, title, form label) a lowercase name needs two words or a listed first name; after a weak one
 * (vocative, "X said") a single word must be a listed first name, and a lowercase name must start with one.
 */
export function strongEnough(text: string, s: Span | null, weakCue = false, capitalisedCounts = false): Span | null {
  if (!s) return null;
  // The cue alone is enough for one capitalised word that is no English word, never-name or product (nameLike
  // checked each word): a request addressed to it ("Warrane, can I…"), or a judgement taken up by "he"/"she".
  if (capitalisedCounts && text[s.start] !== text[s.start]!.toLowerCase()) return s;
  const first = text.slice(s.start, s.end).split(' ')[0]!;
  const lower = first === first.toLowerCase();
  const last = text.slice(s.start, s.end).split(' ').pop()!;
  const listedLast = s.words >= 2 && lex().last.has(last.charAt(0).toUpperCase() + last.slice(1).toLowerCase());
  // A capitalised word with a letter English lacks (Tõnis, Ingibjörg, Ayşe) is itself evidence of a name.
  // Two words that are neither English nor products ("parisa moradi said", "stavros mavridis, can you") are a name in
  // either case: nameLike already turned away every English word and product on the way.
  if (weakCue) return s.words >= 2 || listedFirst(first) || listedLast || (!lower && /[^\x00-\x7f]/.test(first)) ? s : null;
  return s.words >= 2 || !lower || listedFirst(first) ? s : null;
}

function signature(text: string): Finding | null {
  const trimmed = text.trimEnd(); // not a /\s+$/ regex: quadratic on long inner whitespace runs
  const lineStart = trimmed.lastIndexOf('\n') + 1;
  if (lineStart === 0) return null;
  const before = trimmed.slice(0, lineStart - 1);
  const prev = before.slice(before.lastIndexOf('\n') + 1).trim();
  if (prev !== '' && !SIGN_OFF.test(prev)) return null;
  const start = lineStart + (trimmed.slice(lineStart).length - trimmed.slice(lineStart).trimStart().length);
  if (SIGN_OFF.test(trimmed.slice(start))) return null;
  // A last line after a blank one is only a weak cue: any text can end in one capitalised word ("…\n\nUserPromptSubmit").
  // After a sign-off line ("Best,") the last line is the author's name: one capitalised word is enough.
  const s = strongEnough(trimmed, readForward(trimmed, start, false), true, prev !== '');
  return s && s.end === trimmed.length ? found(s, 0.6) : null;
}

export function detectCuedNames(text: string): Finding[] {
  const out: Finding[] = [
    ...scanAll(text, RELATION_CUE, (m) => found(strongEnough(text, readForward(text, m.index + m[0].length)), 0.7)),
    ...scanAll(text, TITLE_CUE, (m) => found(readForward(text, m.index + m[0].length), 0.75)),
    ...scanAll(text, FORM_CUE, (m) => {
      const s = readForward(text, m.index + m[0].length, false);
      // The label's whole value: nothing but the name up to the end of the line.
      return s && /^[ \t]*(?:\r?\n|$)/.test(text.slice(s.end, s.end + 3)) ? found(strongEnough(text, s), 0.75) : null;
    }),
    ...scanAll(text, VOCATIVE_COMMA, (m) => {
      // The name starts its line within 120 characters: look back no further (a search to the line start for every
      // ", can you" on one long line was quadratic).
      const from = Math.max(0, m.index - 121);
      const nl = text.slice(from, m.index).lastIndexOf('\n');
      const lineStart = nl >= 0 ? from + nl + 1 : from === 0 ? 0 : -1;
      if (lineStart < 0 || m.index - lineStart > 120) return null;
      const start = lineStart + GREETING.exec(text.slice(lineStart, m.index))![0].length;
      const s = readForward(text, start);
      return s && s.end === m.index ? found(strongEnough(text, s, true, true), 0.6) : null;
    }),
    ...scanAll(text, AFTER_CUE, (m) => {
      const end = m.index + m[0].length;
      const person = /^[ \t]+is\b/.test(m[0]) && PRONOUN_AFTER.test(text.slice(end, end + PRONOUN_REACH));
      return found(strongEnough(text, readBackward(text, m.index), true, person), 0.6);
    }),
  ];
  const sig = signature(text);
  if (sig) out.push(sig);
  return out;
}

/** A person-name finding made only of product and organisation words ("GitHub Actions", "Stripe") is no person. */
export function notOnlyProducts(text: string, f: Finding): boolean {
  if (f.type !== 'person-name') return true;
  const words = text.slice(f.start, f.end).toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  // Place words count against a finding only when no cue made it (confidence above the bare list hit's 0.6).
  const bare = (f.confidence ?? 0) <= 0.6;
  return !words.length || !words.every((w) => NOT_PEOPLE.has(w) || (bare && PLACES.has(w)));
}
