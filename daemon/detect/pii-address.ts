// Street addresses: a house number, a capitalised street name and a street-type word (US/UK style:
// "221B Baker Street", "1600 Pennsylvania Ave NW"), or a European street word with the number after it
// ("Via Tasso 129", "Hauptstraße 5"). An optional unit and "City, ST 12345" tail extend the span.
import type { Finding } from './finding';
import { piiFinding, scanAll } from './pii-finding';

const SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Crescent|Cres|Close|Route|Row|Alley|Plaza|Bridge|Mews|Grove|Gardens|Hill|Park|Heights|Expressway|Freeway|Pike|Crossing';
const DIRECTION = '(?:[ \\t](?:N|S|E|W|NE|NW|SE|SW)\\b\\.?)?';
const UNIT = '(?:,?\\s{1,3}(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Fl\\.?|Floor|Room|#)[ \\t]?#?\\w{1,6})?';
const CITY_ZIP = "(?:,?[ \\t][\\p{Lu}][\\p{L}.' -]{1,30},[ \\t][A-Z]{2}[ \\t]\\d{5}(?:-\\d{4})?)?";
const WORD = "[\\p{Lu}\\d][\\p{L}\\d'.-]*";

const US_STYLE = new RegExp(
  `(?<![\\w.,-])\\d{1,6}[A-Za-z]?(?:[ \\t]+${WORD}){1,4}?[ \\t]+(?:${SUFFIX})\\b\\.?${DIRECTION}${UNIT}${CITY_ZIP}`,
  'gu',
);
const EURO_PREFIX = '(?:Via|Viale|Piazza|Corso|Rue|Avenue|Boulevard|Calle|Avenida|Avda\\.|Rua|Travessa|Largo|Plaza|Paseo|Ulica|ul\\.)';
const EURO_COMPOUND =
  '[\\p{Lu}][\\p{L}-]*(?:straße|strasse|gasse|weg|allee|platz|gatan|vägen|vej|gade|katu|tie|vegur|gata|laan|straat|plein|utca)';
const EURO_STYLE = new RegExp(
  `(?<![\\p{L}\\d])(?:${EURO_PREFIX}(?:[ \\t]+[\\p{L}'.-]+){1,4}?|${EURO_COMPOUND}),?[ \\t]+\\d{1,5}[a-z]?(?![\\w.,]\\d)${UNIT}`,
  'gu',
);

/** US military mail: "Unit 4719 Box 7394 / DPO AP 70942", "PSC 0272, Box 1651 / APO AA 94530", "USS Lorenzen / FPO AE 25990". */
const MILITARY = /(?:(?:Unit|PSC|CMR) \d{1,5},? Box \d{1,5}|US(?:S|NS|CGC) \p{Lu}\p{L}+)\s{1,3}(?:APO|FPO|DPO) (?:AA|AE|AP) \d{5}/gu;
/** "Storgarden 52, Suite 894": a street name and number count as an address when a unit follows. */
const NAME_NUMBER_UNIT = new RegExp(
  `(?<![\\p{L}\\d])(?:\\d{1,6}[ \\t]+)?[\\p{Lu}][\\p{L}.'-]+(?:[ \\t]+[\\p{L}.'-]+){0,3}?[ \\t]+\\d{1,5}[a-z]?(?=,?\\s{1,3}(?:Apt\\.?|Apartment|Suite|Unit)[ \\t]\\w)${UNIT}`,
  'gu',
);

export function detectAddresses(text: string): Finding[] {
  const found = (m: RegExpExecArray) => piiFinding('street-address', m.index, m.index + m[0].length, 0.75);
  return [US_STYLE, EURO_STYLE, MILITARY, NAME_NUMBER_UNIT].flatMap((pattern) => scanAll(text, pattern, found));
}
