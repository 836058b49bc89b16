// A place name that is also a listed given name or surname ("Paris", "Jordan", "Sydney") is left out of the sweep's
// vocabulary: alone it may be a person. After a locative preposition it is the place: "the weather in Paris",
// "offices in Madrid, Lima and Vienna", "in San Diego". Not after "to" or "from" ("send it to Jordan"), and never
// in the possessive ("in Jordan's review").
import type { Word } from './sentences';
import { AMBIGUOUS_PLACES } from './vocabulary-data';
import { plainlyKnown } from './vocabulary';

const LOCATIVE = new Set(['in', 'near', 'across', 'around', 'throughout', 'outside', 'within', 'via', 'through']);
const POSSESSIVE = /['’]s?$/u;

let places: Set<string> | undefined;
/** Whether `lower` is one of the place words the vocabulary leaves out because a name list holds it. */
export function ambiguousPlace(lower: string): boolean {
  places ??= new Set(AMBIGUOUS_PLACES.split(' '));
  return places.has(lower);
}

const capitalisedPlace = (w: string): boolean => /^\p{Lu}\p{Ll}/u.test(w) && !POSSESSIVE.test(w) && (ambiguousPlace(w.toLowerCase()) || plainlyKnown(w.toLowerCase()));

/**
 * Whether the word at `i` (an ambiguous place word) stands where a place does: after a locative preposition, over
 * the other capitalised place words of its name or list ("in Costa Rica", "in Lima, Quito and Paris").
 */
export function placeByContext(text: string, words: readonly Word[], i: number): boolean {
  if (POSSESSIVE.test(words[i]!.text)) return false;
  for (let k = i - 1, hops = 0; k >= 0 && hops < 8; k--, hops++) {
    const gap = text.slice(words[k]!.end, words[k + 1]!.start);
    if (gap !== ' ' && gap !== ', ') return false;
    const w = words[k]!.text;
    if (gap === ' ' && LOCATIVE.has(w)) return true;
    if (w === 'and' || w === 'or') continue;
    if (!capitalisedPlace(w)) return false;
  }
  return false;
}
