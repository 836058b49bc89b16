// Street addresses: a house number, a capitalised street name and a street-type word (US/UK style:
// "221B Baker Street", "1600 Pennsylvania Ave NW"), or a European street word with the number after it
// ("Via Tasso 129", "Hauptstraße 5"). An optional unit and "City, ST 12345" tail extend the span.
import type { Finding } from '../finding';
import { detectCuedAddresses } from './address-cue';
import { piiFinding, scanAll } from './finding';

const SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Crescent|Cres|Close|Route|Row|Alley|Plaza|Bridge|Mews|Grove|Gardens|Hill|Park|Heights|Expressway|Freeway|Pike|Crossing';
const DIRECTION = '(?:[ \\t](?:N|S|E|W|NE|NW|SE|SW)\\b\\.?)?';
const UNIT = '(?:,?\\s{1,3}(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Fl\\.?|Floor|Room|#)[ \\t]?#?\\w{1,6})?';
const CITY_ZIP = "(?:,?[ \\t][\\p{Lu}][\\p{L}.' -]{1,30},[ \\t][A-Z]{2}[ \\t]\\d{5}(?:-\\d{4})?)?";
const WORD = "[\\p{Lu}\\d][\\p{L}\\d'.-]*";

const US_STYLE = new RegExp(
  `\\d(?<![\\w.,-]\\d)\\d{0,5}[A-Za-z]?(?:[ \\t]+${WORD}){1,4}?[ \\t]+(?:${SUFFIX})\\b\\.?${DIRECTION}${UNIT}${CITY_ZIP}`,
  'gu',
);
const EURO_PREFIX = '(?:Via|Viale|Piazza|Corso|Rue|Avenue|Boulevard|Calle|Avenida|Avda\\.|Rua|Travessa|Largo|Plaza|Paseo|Ulica|ul\\.)';
const EURO_COMPOUND =
  '[\\p{Lu}][\\p{L}-]*(?![\\p{L}-])(?<=straße|strasse|gasse|weg|allee|platz|gatan|vägen|vej|gade|katu|tie|vegur|gata|laan|straat|plein|utca)';
/** Street-name-first patterns start at any capital letter; a cheap look for a digit on the same line prunes most starts. */
const DIGIT_AHEAD = '(?=[^\\n\\d]{1,60}\\d)';
const EURO_STYLE = new RegExp(
  `(?=[\\p{Lu}u])(?<![\\p{L}\\d])${DIGIT_AHEAD}(?:${EURO_PREFIX}(?:[ \\t]+[\\p{L}'.-]+){1,4}?|${EURO_COMPOUND}),?[ \\t]+\\d{1,5}[a-z]?(?![\\w.,]\\d)${UNIT}`,
  'gu',
);

/** US military mail: "Unit 4719 Box 7394 / DPO AP 70942", "PSC 0272, Box 1651 / APO AA 94530", "USS Lorenzen / FPO AE 25990". */
/** Case-insensitive: the APO/FPO/DPO + AA/AE/AP + ZIP tail is distinctive enough when typed in lowercase too. */
const MILITARY = /(?:(?:Unit|PSC|CMR) \d{1,5},? Box \d{1,5}|US(?:S|NS|CGC) \p{L}+)\s{1,3}(?:APO|FPO|DPO) (?:AA|AE|AP) \d{5}/giu;
/** "Storgarden 52, Suite 894": a street name and number count as an address when a unit follows. */
const NAME_NUMBER_UNIT = new RegExp(
  `(?=[\\p{Lu}\\d])(?<![\\p{L}\\d])(?:\\d{1,6}[ \\t]+)?[\\p{Lu}][\\p{L}.'-]+(?:[ \\t]+[\\p{L}.'-]+){0,3}?[ \\t]+\\d{1,5}[a-z]?(?=,?\\s{1,3}(?:Apt\\.?|Apartment|Suite|Unit)[ \\t]\\w)${UNIT}`,
  'gu',
);

/** Literal words that must occur near a match: found with a fast scan, so the costly patterns run on small windows. */
const EURO_TRIGGER =
  /Via|Viale|Piazza|Corso|Rue|Avenue|Boulevard|Calle|Avenida|Avda|Rua|Travessa|Largo|Plaza|Paseo|Ulica|ul\.|straße|strasse|gasse|weg|allee|platz|gatan|vägen|vej|gade|katu|tie|vegur|gata|laan|straat|plein|utca/g;
const UNIT_TRIGGER = /Apt|Apartment|Suite|Unit/g;

/** Runs `pattern` only on windows around each trigger (`reach` characters either side), with offsets into `text`. */
function scanNear(text: string, trigger: RegExp, pattern: RegExp, reach: number): Finding[] {
  const out: Finding[] = [];
  let covered = 0;
  trigger.lastIndex = 0;
  for (let t = trigger.exec(text); t; t = trigger.exec(text)) {
    const from = Math.max(covered, t.index - reach);
    const to = Math.min(text.length, t.index + reach);
    if (to <= covered) continue;
    const window = text.slice(Math.max(0, from - 1), to);
    const shift = Math.max(0, from - 1);
    for (const f of scanAll(window, pattern, (m) => piiFinding('street-address', shift + m.index, shift + m.index + m[0].length, 0.75))) {
      if (f.start >= from) out.push(f);
    }
    covered = to;
  }
  return out;
}

export function detectAddresses(text: string): Finding[] {
  const found = (m: RegExpExecArray) => piiFinding('street-address', m.index, m.index + m[0].length, 0.75);
  return [
    ...scanAll(text, US_STYLE, found),
    ...scanAll(text, MILITARY, found),
    ...scanNear(text, EURO_TRIGGER, EURO_STYLE, 90),
    ...scanNear(text, UNIT_TRIGGER, NAME_NUMBER_UNIT, 90),
    ...detectCuedAddresses(text),
  ];
}
