// Street addresses recognised by their shape in any script, not by English street words:
// - street words of other languages and scripts before or after the name, with the house-number markers they use
//   ("ул. Гороховая, д. 23", "Οδός Σκουφά 11", "İstiklal Caddesi No: 45", "Jalan Sudirman No. 5", "Hlavní třída 12");
// - a street line (words and a house number, either order: "Resslova 343/10", "Dezső utca 11.", "2д") followed
//   within three short lines by a postcode line ("301 00 Plzeň", "190031", "Belo Horizonte - MG", "D02 XY34");
// - one line "Street 12, [unit,] postcode City" ("Kanalvägen 7, 194 61 Upplands Väsby", "Cerrito 1250, piso 3,
//   C1010AAZ Buenos Aires").
// The block extension (address-tail.ts) then grows each finding over the city, region and country lines after it.
// Linear: the street-word patterns are anchored on literal alternations; lines are looked at once each.
import type { Finding } from '../finding';
import { piiFinding, scanAll } from './finding';
import { NOT_PEOPLE, PLACES } from './names-cue-words';
import { isEnglish, lex } from './names-context';

/** Street words written before the name (Cyrillic, Greek, Romanian, Czech, Indonesian, Baltic abbreviations). */
const PREFIX =
  'ул\\.|улица|вул\\.|вулиця|пр\\.|просп\\.|проспект|пр-т|пер\\.|переулок|провулок|бул\\.|бульвар|б-р|ш\\.|шоссе|пл\\.|площадь|площа|наб\\.|набережная|' +
  'οδός|Οδός|οδ\\.|Οδ\\.|λεωφόρος|Λεωφόρος|λεωφ\\.|Λεωφ\\.|πλατεία|Πλατεία|' +
  'Strada|Str\\.|Bulevardul|Bd\\.|Calea|Aleea|Șoseaua|Splaiul|Jalan|Jl\\.|Jln\\.|Av\\.|Avda\\.|Al\\.|Aleje|Aleja|Bulevar|Trg|Ulica';
/** Street words written after the name (Cyrillic, Turkish, Czech/Slovak, Hungarian, Baltic, South Slavic). */
const SUFFIX =
  'улица|ул\\.|проспект|переулок|бульвар|шоссе|набережная|вулиця|проспект|' +
  'Caddesi|Cad\\.|Cd\\.|Sokak|Sokağı|Sk\\.|Sok\\.|Bulvarı|Blv\\.|Mahallesi|Mah\\.|' +
  'třída|nábřeží|náměstí|nám\\.|ulice|utca|út|tér|körút|krt\\.|iela|gatvė|tänav|mnt\\.|pst\\.|ulica|cesta|trg|bulevar';
/** A house number with the markers countries write before it: "д. 23", "No: 2", "Nr. 5", "nº 12", "č. 7". */
const MARKER = '(?:д\\.|дом|буд\\.|No\\.?:?|Nr\\.?|n[º°o]\\.?|č\\.?(?:p\\.)?|num\\.?|αρ\\.)';
const HOUSE = `(?:${MARKER}[ \\t]?)?\\d{1,5}[\\p{L}]?(?:[/-]\\d{1,4}[\\p{L}]?)?\\.?`;
/** One name word in any script: "Гороховая", "Σκουφά", "Ploiești", "Delčeva". */
const WORD = "[\\p{L}][\\p{L}\\p{M}'’.-]{0,30}";

const PREFIX_STREET = new RegExp(`(?<![\\p{L}\\d])(?:${PREFIX})[ \\t]?${WORD}(?:[ \\t]+${WORD}){0,3}?,?[ \\t]+${HOUSE}(?![\\p{L}\\d])`, 'gu');
/** Anchored on the street word (rare), then read back over the one to three name words before it. */
const SUFFIX_TAIL = new RegExp(`(?<=\\p{L}[ \\t])(?:${SUFFIX}),?[ \\t]+${HOUSE}(?![\\p{L}\\d])`, 'gu');
const LETTERISH = /[\p{L}\p{M}'’.-]/u;

/** The start of the one to three words (each up to 31 characters) that end, with a blank, at `end`; -1 when none. */
function namesBefore(text: string, end: number): number {
  let at = end;
  let start = -1;
  for (let words = 0; words < 3 && (text[at - 1] === ' ' || text[at - 1] === '\t'); words++) {
    let s = at - 1;
    while (s > 0 && at - 1 - s < 31 && LETTERISH.test(text[s - 1]!)) s--;
    if (s === at - 1 || !/\p{L}/u.test(text[s]!) || (s > 0 && /[\p{N}]/u.test(text[s - 1]!))) break;
    start = s;
    at = s;
  }
  return start;
}
/** Cheap gates (no `u` flag) so the Unicode patterns run only on text that holds a street word. */
const HAS_PREFIX = new RegExp(`(?:${PREFIX})`);
const HAS_SUFFIX = new RegExp(`(?:${SUFFIX})[ ,\\t]`);

/** A line that is a street: one to three words then a house number, or a house number then words; at most 60 characters. */
const STREET_LINE = new RegExp(
  `^[ \\t]*(?:${WORD}(?:[ \\t]+${WORD}){0,2},?[ \\t]+${HOUSE}|\\d{1,5}[\\p{L}]?,?(?:[ \\t]+${WORD}){1,4})(?:,?[ \\t]+${WORD}\\.?[ \\t]?\\d{1,4}[\\p{L}]?){0,2}[ \\t]*$`,
  'u',
);
/** A postcode line: "301 00 Plzeň", "190031", "Plzeň 301 00", "Belo Horizonte - MG", "D02 XY34", "C1010AAZ Buenos Aires". */
const POSTCODE = '(?:[A-Z]{1,2}-?)?\\d{2,6}(?:[ -]\\d{2,4})?(?:[ \\t]?[A-Z]{2,3})?|[A-Z]\\d{2}[ \\t]?[A-Z\\d]{4}|[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]\\d[A-Z]{2}';
const POSTCODE_LINE = new RegExp(
  `^[ \\t]*(?:(?:${POSTCODE})(?:[ \\t]+${WORD}(?:[ \\t/-]+${WORD}){0,3})?|${WORD}(?:[ \\t]+${WORD}){0,3},?[ \\t]+(?:${POSTCODE})|${WORD}(?:[ \\t]+${WORD}){0,3}[ \\t]+-[ \\t]+(?:[A-Z]{2}|\\d{4,6}))[ \\t]*$`,
  'u',
);
const MAX_LINE = 60;

/** A street line holds a word no English dictionary has ("Resslova", "Dezső"): "Chapter 3" or "Sprint 42" is no street. */
const foreignWord = (line: string) => (line.match(/\p{L}{3,}/gu) ?? []).some((w) => !isEnglish(w.toLowerCase()));
const LOOKAHEAD_LINES = 3;

/** A street line followed within three short lines by a postcode line is a postal block, whatever its script. */
function streetBlocks(text: string): Finding[] {
  if (!text.includes('\n')) return [];
  const lines: Array<{ start: number; end: number }> = [];
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start, end });
    if (nl === -1) break;
    start = nl + 1;
  }
  const out: Finding[] = [];
  // Only short lines are ever looked at: long ones stay unsliced.
  const texts = lines.map(({ start, end }) => (end - start <= MAX_LINE ? text.slice(start, end) : ''));
  const line = (i: number) => texts[i]!;
  const short = (i: number) => lines[i]!.end - lines[i]!.start <= MAX_LINE;
  const postcode = texts.map((l) => l !== '' && /\d/.test(l) && POSTCODE_LINE.test(l) && !/^[ \t]*(?:\d{1,3}|\d{7,})[ \t]*$/.test(l));
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!short(i) || !/\d/.test(line(i)) || postcode[i] || !STREET_LINE.test(line(i)) || !foreignWord(line(i))) continue;
    // Lines in between are short place lines ("Санкт-Петербург", "Centro"): no sentence punctuation.
    for (let j = i + 1; j < Math.min(lines.length, i + 1 + LOOKAHEAD_LINES); j++) {
      if (postcode[j]) {
        const lead = line(i).length - line(i).trimStart().length;
        out.push(piiFinding('street-address', lines[i]!.start + lead, lines[j]!.end, 0.75));
        break;
      }
      if (!short(j) || /[.!?;:]\s*$|^\s*$/.test(line(j)) || /\d/.test(line(j))) break;
    }
  }
  return out;
}

/** "Kanalvägen 7, 194 61 Upplands Väsby", "Cerrito 1250, piso 3, C1010AAZ Buenos Aires": street, number, postcode, city. */
const STREET_POSTCODE_CITY = new RegExp(
  `(?<![\\p{L}\\d])(\\p{Lu}[\\p{L}\\p{M}'’.-]{1,30}(?:[ \\t]+${WORD}){0,3})[ \\t]+${HOUSE},(?:[ \\t]+[^,\\n]{1,20},){0,2}[ \\t]+(?:${POSTCODE})[ \\t]+(\\p{Lu}[\\p{L}\\p{M}'’-]+)`,
  'gu',
);
const HAS_NUMBER_COMMA = /\d\.?,[ \t]/;
/** An English dictionary word; unlike isEnglish, city names kept off the name lists ("Berlin") do not count. */
function dictionaryWord(lower: string): boolean {
  const lx = lex();
  return lx.english.has(lower) || (lx.common.has(lower) && !lx.never.has(lower));
}

function streetPostcodeCity(text: string): Finding[] {
  if (!HAS_NUMBER_COMMA.test(text)) return [];
  return scanAll(text, STREET_POSTCODE_CITY, (m) => {
    // The street's last word and the city must be no English words: "Windows 11, 2024 Edition" is no address.
    const street = m[1]!.split(/[ \t]+/);
    if (dictionaryWord(street[street.length - 1]!.toLowerCase()) || dictionaryWord(m[2]!.toLowerCase())) return null;
    return piiFinding('street-address', m.index, m.index + m[0].length, 0.75);
  });
}

/**
 * "is on Pod Floriánem 1677", "at Na Příkopě 22": after a preposition of place, one to three capitalised words that hold a
 * letter English lacks and end in a non-English word, then a house number, are a street in a language without street
 * words. Not a year ("in Malmö 2024"), not a place or product alone ("in São Paulo 12").
 */
const PREP_STREET = /\b(?:on|at|in|to|from|near)[ \t]+(\p{Lu}[\p{L}\p{M}'’.-]{1,30}(?:[ \t]+\p{L}[\p{L}\p{M}'’.-]{0,30}){0,2})[ \t]+(\d{1,5}[a-z]?(?:\/\d{1,4})?)(?![\p{L}\d]|[.,]\d)/gu;
const HAS_NON_ASCII_CAPITAL_RUN = /[^\x00-\x7f][^\n]{0,60}\d/;

function prepositionStreets(text: string): Finding[] {
  if (!HAS_NON_ASCII_CAPITAL_RUN.test(text)) return [];
  return scanAll(text, PREP_STREET, (m) => {
    const words = m[1]!.split(/[ \t]+/);
    const lower = words.map((w) => w.toLowerCase());
    if (!/[^\x00-\x7f]/.test(m[1]!) || isEnglish(lower[lower.length - 1]!) || /^(?:19|20)\d\d$/.test(m[2]!)) return null;
    if (lower.every((w) => PLACES.has(w) || NOT_PEOPLE.has(w))) return null;
    return piiFinding('street-address', m.index + m[0].indexOf(m[1]!), m.index + m[0].length, 0.6);
  });
}

export function detectAddressLines(text: string): Finding[] {
  const street = (m: RegExpExecArray) => piiFinding('street-address', m.index, m.index + m[0].length, 0.75);
  return [
    ...(HAS_PREFIX.test(text) ? scanAll(text, PREFIX_STREET, street) : []),
    ...(HAS_SUFFIX.test(text) ? scanAll(text, SUFFIX_TAIL, (m) => {
      const start = namesBefore(text, m.index);
      return start >= 0 ? piiFinding('street-address', start, m.index + m[0].length, 0.75) : null;
    }) : []),
    ...streetBlocks(text),
    ...streetPostcodeCity(text),
    ...prepositionStreets(text),
  ];
}
