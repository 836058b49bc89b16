// Street names written as two words, a name then the street word, then the number: "Augsburger Strasse 36",
// "Trenerys gate 232", "Kongens vej 4", "Andrássy út 12". The compound forms ("Hauptstraße 5") are in pii-address.ts.
// Linear: the street word is a literal alternation, the name one bounded word before it.
import type { Finding } from '../finding';
import { piiFinding, scanAll } from './finding';

const STREET_WORD = 'Straße|Strasse|Gasse|Weg|Allee|Platz|Ring|Damm|Ufer|gate|gata|gatan|vei|veien|vej|gade|vegur|vägen|utca|út|tee|tie|katu|iela|gatvė|laan|straat|Steenweg|ulica|ulice|cesta';
/** "The gate 4", "Our tie 2": an article or pronoun before a street word that is also an English word is not a name. */
const NOT_A_NAME = '(?!(?:The|This|That|These|Those|A|An|Our|My|Your|His|Her|Their|Its|Each|Every|Any|No|Next|Last|Same)[ \\t])';
const TWO_WORD_STREET = new RegExp(
  `(?<![\\p{L}\\d])(?:\\d{1,6}[ \\t]+)?${NOT_A_NAME}[\\p{Lu}][\\p{L}'’.-]{1,30}[ \\t]+(?:${STREET_WORD})[ \\t]+\\d{1,5}[a-z]?(?![\\p{L}\\d])`,
  'gu',
);

/** Every match holds a street word, spaces and a digit: text without that skips the pattern, which starts at any
 *  capital letter (no `u` flag: the gate is a plain literal search). */
const GATE = new RegExp(`(?:${STREET_WORD})[ \\t]+\\d`);

export function detectTwoWordStreets(text: string): Finding[] {
  if (!GATE.test(text)) return [];
  return scanAll(text, TWO_WORD_STREET, (m) => piiFinding('street-address', m.index, m.index + m[0].length, 0.7));
}
