// Street addresses: a house number, a capitalised street name and a street-type word (US/UK style:
// "221B Baker Street", "1600 Pennsylvania Ave NW"), or a European street word with the number after it
// ("Via Tasso 129", "Hauptstraße 5"). An optional unit and "City, ST 12345" tail extend the span.
import type { Finding } from './finding';
import { piiFinding, scanAll } from './pii-finding';

const SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Crescent|Cres|Close|Route|Row|Alley|Plaza|Bridge|Mews|Grove|Gardens|Hill|Park|Heights|Expressway|Freeway|Pike|Crossing';
const DIRECTION = '(?:[ \\t](?:N|S|E|W|NE|NW|SE|SW)\\b\\.?)?';
const UNIT = '(?:,?[ \\t](?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Fl\\.?|Floor|Room|#)[ \\t]?#?\\w{1,6})?';
const CITY_ZIP = "(?:,?[ \\t][\\p{Lu}][\\p{L}.' -]{1,30},[ \\t][A-Z]{2}[ \\t]\\d{5}(?:-\\d{4})?)?";
const WORD = "[\\p{Lu}\\d][\\p{L}\\d'.-]*";

const US_STYLE = new RegExp(
  `(?<![\\w.,-])\\d{1,6}[A-Za-z]?(?:[ \\t]+${WORD}){1,4}?[ \\t]+(?:${SUFFIX})\\b\\.?${DIRECTION}${UNIT}${CITY_ZIP}`,
  'gu',
);
const EURO_PREFIX = '(?:Via|Viale|Piazza|Corso|Rue|Avenue|Boulevard|Calle|Avenida|Rua|Plaza|Paseo|Ulica|ul\\.)';
const EURO_COMPOUND =
  '[\\p{Lu}][\\p{L}-]*(?:straße|strasse|gasse|weg|allee|platz|gatan|vägen|vej|gade|katu|tie|vegur|gata|laan|straat|plein|utca)';
const EURO_STYLE = new RegExp(
  `(?<![\\p{L}\\d])(?:${EURO_PREFIX}(?:[ \\t]+[\\p{L}'.-]+){1,4}?|${EURO_COMPOUND}),?[ \\t]+\\d{1,5}[a-z]?(?![\\w.,]\\d)${UNIT}`,
  'gu',
);

export function detectAddresses(text: string): Finding[] {
  const found = (m: RegExpExecArray) => piiFinding('street-address', m.index, m.index + m[0].length, 0.75);
  return [...scanAll(text, US_STYLE, found), ...scanAll(text, EURO_STYLE, found)];
}
