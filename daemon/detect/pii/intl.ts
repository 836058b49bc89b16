// Personal data in the forms other countries write it: streets named before or after their number in other
// languages (rue, via, calle, rua, ulica, odos; -straße, -gracht, -gatan, -vej), PO boxes, multi-line blocks
// ending in "postcode city", national phone numbers (trunk 0, area codes in parentheses, cue words in other
// languages), and IBANs typed in lower case. Every pattern is a literal alternation with bounded repeats.
import type { Finding } from '../finding';
import { ibanValid } from './checksums';
import { piiFinding, scanAll } from './finding';

/** "rue" → "[Rr]ue": the street word may open a sentence, but the name after it stays capitalised. */
const cap = (words: string) => words.split('|').map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`).join('|');
const PREFIX_WORDS = cap('rue|avenue|boulevard|chemin|allée|impasse|quai|via|viale|piazza|corso|vicolo|calle|avenida|avda\\.|paseo|carrer|rambla|rua|travessa|largo|praça|ulica|ul\\.|aleja|plac|odos|odós|strada|rruga|plein');
const PARTICLE = "(?:de|del|de la|della|delle|dei|des|du|de l'|da|do|dos|das|di|la|le|les|van|von)";
const NAME = "[\\p{Lu}][\\p{L}'’.-]{1,30}";
const HOUSE = '\\d{1,5}[a-zA-Z]?(?:[ \\t]?[/-][ \\t]?\\d{1,4})?';
/** [number] street-word [particle] Name{1,3} [number]: "18 rue des Lilas", "Via Giuseppe Verdi 21", "ulica Marszałkowska 84/92". */
const PREFIX_STREET = new RegExp(
  `(?<![\\p{L}\\d])(?:(\\d{1,4}[a-z]?),?[ \\t]+)?(?:${PREFIX_WORDS})[ \\t]+(?:${PARTICLE}[ \\t]+)?${NAME}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)?${NAME}){0,2}(,?[ \\t]+${HOUSE})?(?![\\p{L}\\d])`,
  'gu',
);
/** One word ending in a street word, then the number: "Keizersgracht 123", "kastanienallee 12", "Drottninggatan 53". */
/** Anchored on the street word (rare), then read back over the word it ends: cheaper than trying every letter. */
const COMPOUND_TAIL = /(?<=\p{L}{2})(?:straße|strasse|gasse|weg|allee|platz|gade|gatan|vägen|vej|laan|gracht|straat|plein|kade|singel|dijk|steeg|gränd)[ \t]+\d{1,5}[a-zA-Z]?(?![\p{L}\d])/giu;

function compoundStreet(text: string, m: RegExpExecArray): Finding | null {
  let start = m.index;
  while (start > 0 && m.index - start < 31 && /[\p{L}-]/u.test(text[start - 1]!)) start--;
  if (start > 0 && /[\p{L}\d]/u.test(text[start - 1]!)) return null;
  return piiFinding('street-address', start, m.index + m[0].length, 0.75);
}
const PO_BOX = /(?<![\p{L}\d])(?:p\.?[ \t]?o\.?[ \t]?box|post office box|postfach|apartado(?: de correos)?|caixa postal|boîte postale|casella postale|skrytka pocztowa|postboks|box)[ \t]{0,2}\d{1,6}(?!\d)/giu;
/** A line holding only "postcode city": 10115 Berlin, 106 79 Athens, 1015 CJ Amsterdam, 4050-265 Porto, 00-514 Warszawa. */
const POSTCODE_CITY_LINE = /^[ \t]*(?:[A-Z]{1,2}-)?\d{2,5}(?:[ -]\d{2,3}|[ \t]?[A-Z]{2})?[ \t]+[\p{Lu}][\p{L}'’. -]{1,30}[ \t]*$/u;
/** A street line above it: a number and a word in either order, at most 40 characters. */
const STREET_LINE = /^[ \t]*(?:\d{1,5}[a-zA-Z]?,?[ \t]+[\p{L}][\p{L}'’. -]{2,36}|[\p{L}][\p{L}'’. -]{2,36}[ \t]\d{1,5}[a-zA-Z]?)[ \t]*$/u;

// Cheap gates without the `u` flag (several times faster in V8): the Unicode patterns run only where they can match.
// HAS_PREFIX_WORD ignores case (a wider gate than PREFIX_WORDS' first-letter classes, so it passes every text
// PREFIX_STREET can match in): V8 searches a plain case-insensitive alternation about twice as fast.
const HAS_PREFIX_WORD = new RegExp(`(?:${PREFIX_WORDS.replace(/\[(.)(.)\]/g, '$2')})[ \\t]`, 'i');
const HAS_COMPOUND = /(?:straße|strasse|gasse|weg|allee|platz|gade|gatan|vägen|vej|laan|gracht|straat|plein|kade|singel|dijk|steeg|gränd)[ \t]+\d/i;
const HAS_BOX = /box|postfach|apartado|caixa|boîte|casella|skrytka|postboks/i;

export function detectIntlStreets(text: string): Finding[] {
  return [
    // A prefix street counts with a house number on either side ("rue" alone is a French word).
    ...(HAS_PREFIX_WORD.test(text) ? scanAll(text, PREFIX_STREET, (m) => (m[1] || m[2] ? piiFinding('street-address', m.index, m.index + m[0].length, 0.9) : null)) : []),
    ...(HAS_COMPOUND.test(text) ? scanAll(text, COMPOUND_TAIL, (m) => compoundStreet(text, m)) : []),
    ...(HAS_BOX.test(text) ? scanAll(text, PO_BOX, (m) => (/^box/i.test(m[0]) ? null : piiFinding('street-address', m.index, m.index + m[0].length, 0.8))) : []),
    ...multiLineBlocks(text),
  ];
}

/** "Akadimias 44\n106 79 Athens": a street line followed by a postcode-and-city line is an address, whatever the language. */
function multiLineBlocks(text: string): Finding[] {
  if (!text.includes('\n')) return [];
  const out: Finding[] = [];
  let prevStart = -1;
  let prevEnd = -1;
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (prevStart >= 0 && end - start <= 48 && end - prevStart <= 100 && POSTCODE_CITY_LINE.test(text.slice(start, end)) && STREET_LINE.test(text.slice(prevStart, prevEnd))) {
      out.push(piiFinding('street-address', prevStart + (text.slice(prevStart, prevEnd).length - text.slice(prevStart, prevEnd).trimStart().length), end, 0.75));
    }
    prevStart = start;
    prevEnd = end;
    if (nl === -1) break;
    start = nl + 1;
  }
  return out;
}

/** A trunk "0" or a parenthesised area code, then groups: 030 12345678, 06 12 34 56 78, (02) 9876 5432, 06-12345678. */
const NATIONAL_PHONE = /(?<![\w.+/:,-])(?:\(0?\d{1,4}\)[ .-]?|0\d{1,4}[ ./-]?)\d{2,8}(?:[ .-]\d{2,5}){0,4}(?![\w]|[.-]\d)/g;
/** Any digit grouping after a phone word in another language (or English): "Telefon", "numéro", "chiamami al", "bel me op". */
const GROUPED = /(?<![\w.+/:-])(?:\(\d{1,4}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,5}(?![\w]|[.-]\d)/g;
/**
 * A phone word in any of the languages the issue names and their neighbours, stems taking any ending ("telefonum",
 * "numărul", "телефона"), or a verb of calling; then up to 10 characters of filler on the same line ("mi número es el").
 */
const PHONE_STEMS = 'telef|teléf|téléph|τηλ|телеф|номер|мобил|моб|κινητ|numer|númer|numér|număr|nummer|mobil|móvil|movil|celul|cellul|portable|handy|puhel|natel|gsm|telemóv|telemov|festnetz|whats ?app|viber|wechat|phone|cell|携帯|電話|电话|手机|전화|핸드폰|โทร|điện thoại|sđt';
const PHONE_VERBS = 'appelle(?:-moi)?(?: au)?|appelez|llámame(?: al)?|llama(?: al)?|ligue(?: para)?|liga(?: para)?|chiamami(?: al)?|chiama|bel me(?: op)?|bel|zadzwoń|dzwoń|anrufen|ruf mich an|ruf an|erreichbar|unter|volejte|volej|hívj|hívjon|sună|ring (?:me|meg|mig|mij)|ring|dial|call me(?: on| at)?|call|text me(?: at| on)?|text|reach me(?: at| on)?|reach (?:her|him|us)(?: at| on)?|sms|number|tel|tlf|puh|hp|cp|line';
const PHONE_CUE = new RegExp(`(?:(?:${PHONE_STEMS})\\p{L}*|(?:${PHONE_VERBS}))(?!\\p{L})[^\\d\\n]{0,10}$`, 'iu');
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;
const digits = (s: string) => s.replace(/\D/g, '').length;

export function detectNationalPhones(text: string): Finding[] {
  return [
    ...scanAll(text, NATIONAL_PHONE, (m) => {
      const n = digits(m[0]);
      // Without a cue only the parenthesised trunk form "(030) 1234567" reads as a phone: "0612 34 56 78 rows"
      // and "000-12-3456" are as likely counts and ids.
      const cued = PHONE_CUE.test(text.slice(Math.max(0, m.index - 30), m.index));
      if (DATE_LIKE.test(m[0]) || n < 9 || n > 12 || (!cued && !/^\(0\d{1,4}\)/.test(m[0]))) return null;
      return piiFinding('phone', m.index, m.index + m[0].length, cued ? 0.8 : 0.65);
    }),
    ...scanAll(text, GROUPED, (m) => {
      const n = digits(m[0]);
      if (DATE_LIKE.test(m[0]) || n < 8 || n > 13 || !PHONE_CUE.test(text.slice(Math.max(0, m.index - 30), m.index))) return null;
      return piiFinding('phone', m.index, m.index + m[0].length, 0.75);
    }),
  ];
}

/** IBANs typed in lower (or mixed) case; upper-case ones are pii-patterns' (same checksum). */
const IBAN_ANY_CASE = /(?<![A-Za-z0-9])[a-zA-Z]{2}\d{2}(?: ?[a-zA-Z0-9]{4}){2,7}(?: ?[a-zA-Z0-9]{1,4})?(?![A-Za-z0-9])/g;

export function detectLowercaseIbans(text: string): Finding[] {
  return scanAll(text, IBAN_ANY_CASE, (m) =>
    /[a-z]/.test(m[0]) && ibanValid(m[0].replace(/ /g, '').toUpperCase()) ? piiFinding('iban', m.index, m.index + m[0].length, 0.95) : null,
  );
}
