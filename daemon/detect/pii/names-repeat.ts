// A name is a name wherever it stands in the prompt: once one occurrence is judged a person's name, every other
// standalone occurrence of the same word is one too ("Ragnar will join. Please ask Ragnar …": the cue is on the
// second). And a capitalised word between a verb of giving or telling and a possessive is the person it went to
// ("had given Tómas his address", "sent Bartosz his invoice"): the possessive refers back to that person.
// Cheap: both look only where a name was already found or where a possessive pronoun stands.
import type { Finding } from '../finding';
import { piiFinding } from './finding';
import { isEnglish, lex, standalone } from './names-context';
import { NOT_PEOPLE, PLACES } from './names-cue-words';
import { listMates, overlapTest } from './names-list';
import { extendLowercaseNames } from './names-lower-tail';

const NAME_WORD = /\p{Lu}[\p{Ll}\p{M}]{2,}(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*/gu;
/** Distinct name words looked up per prompt: a prompt of a thousand names costs a bounded number of searches. */
const MAX_WORDS = 64;

/** A word that names no one but a person: no everyday word, never-name, product or place ("Will", "Rose" are not). */
function personal(word: string): boolean {
  const lower = word.toLowerCase();
  const lx = lex();
  return !lx.common.has(lower) && !lx.never.has(lower) && !NOT_PEOPLE.has(lower) && !PLACES.has(lower) && !isEnglish(lower);
}

/** Every other standalone occurrence of a word of a name already found. */
export function repeatedNames(text: string, names: readonly Finding[]): Finding[] {
  // Each distinct name once: a dense prompt repeats the same few thousands of times.
  const seen = new Set<string>();
  const words = new Set<string>();
  for (const f of names) {
    if (f.type !== 'person-name' || words.size >= MAX_WORDS) continue;
    const name = text.slice(f.start, f.end);
    if (seen.has(name)) continue;
    seen.add(name);
    for (const m of name.matchAll(NAME_WORD)) if (words.size < MAX_WORDS && personal(m[0])) words.add(m[0]);
  }
  if (words.size === 0) return [];
  const out: Finding[] = [];
  const inside = overlapTest(names.filter((f) => f.type === 'person-name'));
  for (const word of words) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
      const end = at + word.length;
      if (!standalone(text, at, end) && !/^['’]s\b/.test(text.slice(end, end + 3))) continue;
      if (inside(at, end, true)) continue;
      out.push(piiFinding('person-name', at, end, 0.7));
    }
  }
  return out;
}

/** One regex pass finds the possessives (three indexOf passes over a two-byte string cost more). */
const POSSESSIVE = /\b(?:his|her|their)[ \t]/g;
/** "given Tómas", "sent Bartosz", "told Anna": a verb of giving or telling and one capitalised word, right before the possessive. */
const RECIPIENT = /\b(?:gave|given|give|gives|giving|sent|send|sends|told|tell|tells|showed|shown|show|shows|handed|hand|hands|offered|offers|paid|pay|pays|owe|owes|owed|lent|lend|lends|brought|bought|promised|taught|emailed|texted|mailed|wished|asked)[ \t]+(\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*)$/u;
/** The capitalised word right before a position: the only pattern run, and only when the word before is one. */
const CAPITALISED_BEFORE = /(?:^|[^\p{L}\p{M}'’-])\p{Lu}[\p{Ll}\p{M}'’-]+$/u;

/** The person a thing was given or told to, named between the verb and a possessive pronoun. */
export function recipients(text: string): Finding[] {
  const out: Finding[] = [];
  POSSESSIVE.lastIndex = 0;
  for (let m = POSSESSIVE.exec(text); m; m = POSSESSIVE.exec(text)) {
    const at = m.index - 1;
    if (text[at] !== ' ' && text[at] !== '\t') continue;
    const before = text.slice(Math.max(0, at - 48), at);
    if (!CAPITALISED_BEFORE.test(before)) continue;
    const r = RECIPIENT.exec(before);
    if (!r || !personal(r[1]!)) continue;
    out.push(piiFinding('person-name', at - r[1]!.length, at, 0.7));
  }
  return out;
}

/** "Name:" or "Name Surname:" opening a line, as in a transcript or a play. */
const LABEL = /^[ \t]*(\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*(?: \p{Lu}[\p{Ll}\p{M}]+)?)[ \t]?:(?!\/)/gmu;
const STARTS_LABEL = /^[ \t]?:(?!\/)/;

/**
 * The other speakers of a dialogue one of whose speaker labels is a name found ("Koppány: …" above "Anna: …"): every
 * label made of words no English dictionary has, no never-name or product. Role labels ("Agent:", "Note:") stay.
 */
export function dialogueMates(text: string, names: readonly Finding[]): Finding[] {
  const lineStart = (f: Finding) => /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, f.start - 8), f.start));
  if (!names.some((f) => f.type === 'person-name' && STARTS_LABEL.test(text.slice(f.end, f.end + 3)) && lineStart(f))) return [];
  const out: Finding[] = [];
  const overlaps = overlapTest(names);
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text), n = 0; m && n < 64; m = LABEL.exec(text), n++) {
    const start = m.index + m[0].indexOf(m[1]!);
    const end = start + m[1]!.length;
    if (overlaps(start, end) || !m[1]!.split(' ').every(personal)) continue;
    out.push(piiFinding('person-name', start, end, 0.65));
  }
  return out;
}

/** The names found made whole: the other members of their lists, their lower-case surnames, their other occurrences. */
export function completeNames(text: string, names: readonly Finding[]): Finding[] {
  const listed = [...names, ...listMates(text, names), ...dialogueMates(text, names)];
  const whole = extendLowercaseNames(text, listed);
  return [...whole, ...repeatedNames(text, whole)];
}
