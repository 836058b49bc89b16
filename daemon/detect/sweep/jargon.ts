// Whether an unknown lowercase word is built like technical jargon rather than like a name: a compound of two words
// ("configmap", "lockfile", "userland"), a known word with a prefix or a suffix ("prebuilt", "stringify", "gzipped"),
// an abbreviation of four letters or fewer ("deps", "cwd"), or one of SCOWL size 70's rarer words ("monad", "jitter":
// a word, not a name, though not common enough to vouch for everywhere). The sweep asks this only of a lowercase word in a
// capitalised sentence that no name list holds: there jargon is far more common than a person, and a person typed in
// lowercase is still caught when a list knows the name. Pure; asked once per distinct word.
import { ordinary, rareWord } from './vocabulary';

const PREFIXES = ['pre', 're', 'un', 'de', 'co', 'bi', 'non', 'dis', 'mis', 'sub', 'super', 'multi', 'inter', 'hyper', 'meta'];
const TAILS = ['up', 'in', 'me'];
const SUFFIXES = ['ified', 'ifies', 'ifying', 'ify', 'ization', 'izing', 'ized', 'izes', 'ize', 'ising', 'ised', 'ise', 'ation', 'ations', 'ion', 'ions', 'ity', 'able', 'ables', 'ment', 'ness', 'ing', 'ings', 'ed', 'er', 'ers', 'or', 'ors', 'ly', 'ish', 'less', 'ful', 'y'];

/** A word of the language, also as the stem of an inflection: "promis" + "e", "gzip" + "ped". */
function stem(base: string): boolean {
  if (base.length < 3) return false;
  if (ordinary(base) || ordinary(`${base}e`)) return true;
  // A doubled final consonant before the suffix: "gzipped" → "gzip".
  return base.length > 3 && base.at(-1) === base.at(-2) && ordinary(base.slice(0, -1));
}

/** No name is longer; and the splits below are quadratic in the length, so a hostile 100 KB "word" must not reach them. */
const LONGEST_NAME = 24;

export function jargonShaped(lower: string): boolean {
  return lower.length <= 4 || lower.length > LONGEST_NAME || rareWord(lower) || builtLikeJargon(lower);
}

/** The shapes alone: a compound, a phrasal compound, a prefixed or a suffixed word (the generator prunes with it). */
export function builtLikeJargon(lower: string): boolean {
  for (let k = 3; k <= lower.length - 3; k++) if (ordinary(lower.slice(0, k)) && ordinary(lower.slice(k))) return true;
  // The phrasal compounds of software: "standup", "plugin", "readme".
  for (const tail of TAILS) if (lower.endsWith(tail) && lower.length - tail.length >= 3 && ordinary(lower.slice(0, -tail.length))) return true;
  for (const p of PREFIXES) if (lower.startsWith(p) && lower.length - p.length >= 3 && ordinary(lower.slice(p.length))) return true;
  for (const s of SUFFIXES) if (lower.endsWith(s) && stem(lower.slice(0, -s.length))) return true;
  return false;
}
