// A postal address is a block of lines, and redaction must cover all of it (issue 10: under `strict` the street went
// masked and "Suite 380", "MARIBOR", "Slovenia 82709" went out in clear). Two ways a block is completed:
// - upward from a line that ends a postal block — a country ("FRANCE", "Cyprus (Greek) 51034"), a postcode with its
//   town ("69007 LYON", "SPOKANE WA 99203", "Shinjuku-ku, Tokyo 160-0023"), or a bare postcode under a town line —
//   over the town, region and unit lines above it to the street line ("4923 Parmova 109", "Petőfi Sándor u. 17.")
//   and the unit lines above that ("Flat 3"); a street found by another detector may stand at the end of a long line;
// - along the street's own line: ", Tallinn, Estonia", " Suite 310, BOISE, ID 83702", an upper-case town
//   ("HUNDSHAGEN Upper Austria"), a second street joined by "and" ("… and Eyrarodda 66"), a town and postcode opening
//   the next line ("Gdańsk 80-001 after the concert").
// Cheap: lines are looked at only when the text has line breaks, each short line once with a character test before any
// pattern; the same-line forms look only right after a street already found.
import type { Finding } from '../finding';
import { COUNTRIES } from './address-countries';
import { piiFinding } from './finding';
import { isEnglish } from './names-context';

const MAX_LINE = 60;
/** Lines between the street line and the line that ends the block (unit, town, region, another postcode line). */
const MAX_BETWEEN = 4;

/** A quote or list marker before the lines of a pasted block: "> ", "??? ", "* ". */
const QUOTE = /^[ \t]*(?:[>|]+|\?{2,}|[*•·-](?=[ \t]))?[ \t]*/;
/** A place word in any script; Greek text converted from legacy encodings writes Δ as ∆ (U+2206). */
const WORD = String.raw`[\p{L}\d∆][\p{L}\p{M}\d∆'’.-]*`;
const CAP_WORD = String.raw`[\p{Lu}∆][\p{L}\p{M}\d∆'’.-]*`;
const PARTICLE = '(?:de|do|da|dos|das|del|la|le|les|van|von|am|an|aan|den|der|di|du|nad|pod|sur|upon|on|im|in|bei)';
/** A town: capitalised words, small particles, a parenthesised alternative name, "/" or " - " joins. */
const TOWN = String.raw`${CAP_WORD}(?:(?:[ \t]*[/-][ \t]*|[ \t]+(?:${PARTICLE}[ \t]+)?)${CAP_WORD}|[ \t]+\(${WORD}(?:[ \t]+${WORD})*\)){0,4}`;
/** Postcodes as the national posts write them: 4–6 digits (split or not, with a Dutch letter pair or a country
 *  prefix), Canadian, British, Irish and Argentine forms. */
const POSTCODE = String.raw`(?:[A-Z]{1,2}-)?\d{3,6}(?:[ -]\d{2,4})?(?:[ \t][A-Z]{2}(?![\p{L}]))?|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}|[A-Z]\d{2}[ \t]?[A-Z\d]{4}|[A-Z]\d{4}[A-Z]{3}`;
/** "Slovenia 4000", "SPOKANE WA 99203", "Lyss, nan 50662", ", NI 61089", "06079": town or country, region, postcode. */
const TOWN_POSTCODE = new RegExp(String.raw`^(?:,[ \t]*)?(?:((?:${TOWN},[ \t]*)?${TOWN}),?[ \t]+)?(?:(\p{L}{2,3})[ \t]+)?(${POSTCODE})$`, 'u');
/** "69007 LYON", "1017 KH AMSTERDAM", "01304-001 São Paulo - SP", "06680 ÇANKAYA/ANKARA": postcode, then the town. */
const POSTCODE_TOWN = new RegExp(String.raw`^(?:${POSTCODE})[ \t]+(${TOWN})(?:[ \t]+-[ \t]+[A-Z]{2})?$`, 'u');
/** The same typed in lower case: "delmas, mp 35739", "cyprus (greek) 26933" (a lower-case town needs its region). */
const LOWER_TOWN_POSTCODE = new RegExp(String.raw`^(\p{Ll}[\p{L}\p{M}'’.-]*(?:[ \t]+(?:\p{Ll}[\p{L}\p{M}'’.-]*|\(\p{Ll}+\)))*?)(?:,[ \t]*\p{Ll}{2,3})?[ \t]+(?:${POSTCODE})$`, 'u');
/** A line of a town or a region alone: "SZEGED", "Dún Laoghaire", "ΑΓΛΑΝΤΖΙΑ (ΑΓΛΑΓΓΙΑ)", ", NI", ", nan". */
const TOWN_LINE = new RegExp(String.raw`^(?:${TOWN}|,[ \t]*\p{L}{2,3})$`, 'u');
/** Flat, floor, unit and box words, as a line of their own or after the street. */
const UNIT_WORD = String.raw`(?:Suite|Ste\.?|Apt\.?|Apto\.?|Apartment|Unit|Flat|Floor|Fl\.|Room|Rm\.?|Wohnung|Whg\.|Top|lgh\.?|Lgh\.?|Daire|Piso|Scala|Int\.|Bâtiment|Bât\.|Building|Bldg\.?|Postfach|Box|P\.?[ \t]?O\.?[ \t]?Box|Dto\.?|Depto\.?|кв\.|m\.|em\.|th\.|tv\.|sal|bte|bus)`;
const UNIT_LINE = new RegExp(String.raw`^(?:\d{1,3}\.?[ \t]+)?${UNIT_WORD}[ \t]*#?[\p{L}\d-]{1,6}\.?(?:,?[ \t]+(?:${UNIT_WORD}[ \t]*)?[\p{L}\d-]{1,6}\.?){0,2}$`, 'iu');
/** A street line: words and a house number in either order; no sentence or code punctuation. */
const STREET_CHARS = /^[\p{L}\p{M}\d∆ \t'’.,/#º°ª-]+$/u;
/** Strong street shapes: a leading house number before words, a street word, or a non-English name before a number. */
const LEADING_NUMBER = /^\d{1,6}[A-Za-z]?(?:[-/]\d{1,4})*[ \t,]+\p{L}/u;
const STREET_WORD = /(?:^|[ \t])(?:street|st\.?|road|rd\.?|avenue|ave\.?|av\.|drive|dr\.?|lane|ln\.?|way|place|pl\.|square|sq\.?|court|ct\.?|u\.|utca|út|ul\.|ulica|ulice|mnt\.?|tee|iela|gatvė|gatan|vägen|vej|gade|vei|veien|straße|strasse|str\.|weg|allee|platz|rue|via|viale|calle|rua|avenida|ulitsa|οδός|λεωφόρος|bulvarı|caddesi|sokak)(?=[ \t.,]|$)/iu;
const NAME_NUMBER = /(\p{L}[\p{L}\p{M}'’-]{2,})[ \t]+\d{1,4}[\p{L}]?(?:[/-]\d{1,4})?\.?(?:[ \t,]|$)/u;

interface Line { start: number; end: number }

/** The line's content without a quote marker or trailing punctuation, and where that content starts. */
function content(text: string, l: Line): { c: string; at: number } {
  const raw = text.slice(l.start, l.end);
  const lead = QUOTE.exec(raw)![0].length;
  return { c: raw.slice(lead).replace(/[ \t.,;]+$/, ''), at: l.start + lead };
}

const isCountry = (place: string): boolean => COUNTRIES.has(place.replace(/[ \t]*\([^)]*\)/g, '').trim().toLowerCase());
/** A town that no English dictionary has ("Tokyo", "Spokane", "Lyss"), or one written in capitals ("LYON"). */
const townish = (town: string): boolean => {
  const words = town.split(/[ \t/-]+/).filter((w) => /\p{L}/u.test(w));
  return words.length > 0 && (town === town.toUpperCase() || words.some((w) => !isEnglish(w.replace(/[().,]/g, '').toLowerCase())));
};

type Ending = 'country' | 'postal' | 'bare' | null;

/** How a line can end a postal block: a country (strongest), a postcode with its town, a bare postcode; or not. */
function ending(c: string): Ending {
  if (c.length === 0 || c.length > MAX_LINE) return null;
  const last = c.charCodeAt(c.length - 1);
  const digitEnd = last >= 48 && last <= 57;
  if (!digitEnd) {
    if (isCountry(c)) return 'country';
    if (!/\d/.test(c)) return null;
  }
  const lower = LOWER_TOWN_POSTCODE.exec(c);
  if (lower && (isCountry(lower[1]!) || /,[ \t]*\p{Ll}{2,3}[ \t]/u.test(c))) return isCountry(lower[1]!) ? 'country' : 'postal';
  const tp = TOWN_POSTCODE.exec(c);
  if (tp) {
    const [, town, region] = tp;
    if (!town) return region ? 'postal' : 'bare';
    if (isCountry(town) || isCountry(town.split(',').pop()!)) return 'country';
    return region || townish(town) ? 'postal' : null;
  }
  const pt = POSTCODE_TOWN.exec(c);
  if (pt) return isCountry(pt[1]!) ? 'country' : townish(pt[1]!) ? 'postal' : null;
  return null;
}

function isStreetLine(c: string): boolean {
  return c.length <= 48 && /\d/.test(c) && /\p{L}{2}/u.test(c) && STREET_CHARS.test(c) && (c.match(/\d/g)?.length ?? 0) <= 14;
}

function strongStreet(c: string): boolean {
  if (LEADING_NUMBER.test(c) || STREET_WORD.test(c)) return true;
  const m = NAME_NUMBER.exec(c);
  return !!m && !isEnglish(m[1]!.toLowerCase());
}

/** The line before the one starting at `start` (which must be > 0). */
const lineBefore = (text: string, start: number): Line => ({ start: text.lastIndexOf('\n', start - 2) + 1, end: start - 1 });

/** A line can end a postal block only when it ends in a letter, a digit or a closing bracket (after spaces and dots),
 *  and holds no code punctuation: character tests, so that the lines of pasted code cost next to nothing. */
const CODE_MARK = /[=;{}<>"`|\\[\]]/;
function mayEnd(text: string, l: Line): boolean {
  let e = l.end;
  for (let c = text.charCodeAt(e - 1); e > l.start && (c === 32 || c === 9 || c === 46 || c === 44 || c === 13); c = text.charCodeAt(e - 1)) e--;
  if (e === l.start) return false;
  const c = text.charCodeAt(e - 1);
  const letterOrDigit = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 41 || c > 127;
  if (!letterOrDigit) return false;
  // The quote markers of a pasted block ("> ", "| ", "??? ") are no code.
  let s = l.start;
  for (let q = text.charCodeAt(s); s < e && (q === 32 || q === 9 || q === 62 || q === 124 || q === 63 || q === 42 || q === 45); q = text.charCodeAt(s)) s++;
  return !CODE_MARK.test(text.slice(s, e));
}

/** The street finding that reaches into line `l`, if any: `streets` sorted by end, found by binary search. */
function streetOn(streets: readonly Finding[], l: Line): Finding | undefined {
  let lo = 0;
  let hi = streets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (streets[mid]!.end <= l.start) lo = mid + 1;
    else hi = mid;
  }
  const f = streets[lo];
  return f && f.start < l.end ? f : undefined;
}

/** One or two capitalised words no dictionary has, before a street found on a line of its own: the street's name. */
const nameWordsOnly = (lead: string): boolean =>
  /^\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]\p{Lu}[\p{L}\p{M}'’.-]*)?[ \t]+$/u.test(lead) && lead.trim().split(/[ \t]/).every((w) => !isEnglish(w.toLowerCase()));

/** A line's content and what it reads as, each asked once: the upward walks look at a line up to five times. */
interface Look { c: string; at: number; ending?: Ending; street?: boolean }

/** Blocks ending in a country or postcode line, read upward to their street line. */
function blocksUpward(text: string, found: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  const looks = new Map<number, Look>();
  const look = (l: Line): Look => {
    let v = looks.get(l.start);
    if (!v) looks.set(l.start, (v = content(text, l)));
    return v;
  };
  const endingOf = (v: Look): Ending => (v.ending === undefined ? (v.ending = ending(v.c)) : v.ending);
  const streetLine = (v: Look): boolean => (v.street ??= isStreetLine(v.c));
  const streets = found.filter((f) => f.type === 'street-address').sort((a, b) => a.end - b.end);
  // Only short lines after the first line break are looked at, each with a character test before any pattern.
  for (let nl = text.indexOf('\n'); nl !== -1;) {
    const next = text.indexOf('\n', nl + 1);
    const l: Line = { start: nl + 1, end: next === -1 ? text.length : next };
    nl = next;
    if (l.end - l.start > MAX_LINE + 8 || !mayEnd(text, l)) continue;
    const end = look(l);
    const kind = endingOf(end);
    if (!kind) continue;
    let start = -1;
    let strong = false;
    let between = 0;
    let townAbove = false;
    let unitSeen = false;
    let blanks = 0;
    let fallback = -1;
    for (let li: Line | null = lineBefore(text, l.start), first = true; li && between <= MAX_BETWEEN; li = li.start > 0 ? lineBefore(text, li.start) : null, first = false) {
      const street = streetOn(streets, li);
      if (street && start < 0) {
        // A street another detector found: the block starts there, and unit lines above it still belong to it.
        // Go on above the line the street starts on (it may span several lines already); when that line is a street
        // line of its own, all of it belongs to the block (the rest of "Brucker Bundesstrasse 31" when only "Bundesstrasse 31" was found).
        const nl = text.indexOf('\n', street.start);
        li = { start: text.lastIndexOf('\n', street.start - 1) + 1, end: nl < 0 ? text.length : nl };
        const own = li.end - li.start <= MAX_LINE + 8 ? content(text, li) : null;
        start = own && own.at < street.start && nameWordsOnly(text.slice(own.at, street.start)) ? own.at : street.start;
        strong = true;
        continue;
      }
      if (li.end - li.start > MAX_LINE + 8) break;
      const seen = look(li);
      const { c, at } = seen;
      if (c === '') {
        if (start >= 0 || ++blanks > 1) break;
        continue;
      }
      if (start >= 0) {
        // Above the street only a unit line belongs to the block ("Flat 3" / "27 Harcourt Road").
        if (UNIT_LINE.test(c)) { start = at; continue; }
        break;
      }
      between++;
      if (first && TOWN_LINE.test(c)) townAbove = true;
      if (UNIT_LINE.test(c)) { unitSeen = true; continue; }
      // A postcode line above the last one ("Shinjuku-ku, Tokyo 160-0023 / JAPAN") is passed over, and is the street
      // only when no other street line stands above it ("Harjukuja 541" reads as a town and postcode too).
      if (endingOf(seen)) {
        if (fallback < 0 && streetLine(seen)) fallback = at;
        continue;
      }
      if (streetLine(seen)) {
        start = at;
        strong = strongStreet(c);
        continue;
      }
      if (TOWN_LINE.test(c)) continue;
      break;
    }
    if (start < 0 && fallback >= 0) {
      start = fallback;
      strong = strongStreet(text.slice(fallback, text.indexOf('\n', fallback)));
    }
    if (start < 0) continue;
    // A country ends a block whatever the street looks like; a postcode and town need a street shape, a unit or a town
    // line; a bare postcode needs the town right above it ("Sales 2024 / Berlin 15000" is a table, not an address).
    const accept = kind === 'country' || (kind === 'postal' && (strong || unitSeen || townAbove)) || (kind === 'bare' && townAbove && (strong || unitSeen));
    if (accept) out.push(piiFinding('street-address', start, end.at + end.c.length, 0.7));
  }
  return out;
}

const SEGMENT = String.raw`[\p{L}\p{M}∆][\p{L}\p{M}\d∆'’.-]*(?:[ \t]+(?:\([^)\n]{1,30}\)|[\p{L}\p{M}∆][\p{L}\p{M}\d∆'’.-]*)){0,3}`;
/** A unit right after the street, in either case: " Suite 310", ", apt. 4". */
const UNIT_AFTER = new RegExp(String.raw`^,?[ \t]+${UNIT_WORD}[ \t]?#?[\p{L}\d-]{1,6}`, 'iu');
/** After a street (and unit) on its line: up to three places, comma-separated or not, then a region and postcode. */
const PLACES_AFTER = new RegExp(
  String.raw`^((?:(?:,[ \t]*|[ \t]+)${SEGMENT}){0,3})(,?[ \t]+(?:[A-Z]{2,3}[ \t]+)?(?:${POSTCODE}))?(?![\p{L}\d])`,
  'u',
);
/** " HUNDSHAGEN Upper Austria?": a town in capitals (as the posts ask) and up to two capitalised words, then punctuation. */
const CAPS_TOWN = /^,?[ \t]+\p{Lu}{3,}(?:[ -]\p{Lu}{2,})*(?:,?[ \t]+\p{Lu}[\p{Ll}\p{M}]+){0,2}(?=[ \t]*(?:[?.!,;]|$))/u;
/** " and Eyrarodda 66": a second street joined to the first. */
const AND_STREET = /^[ \t]+(?:and|&|or)[ \t]+\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+[\p{L}\p{M}'’.-]+){0,3}?[ \t]+\d{1,5}[a-z]?(?![\p{L}\p{N}])/u;

/** How far places after a street go: to a postcode, else to the end of the last country among them, else nowhere. */
function placesEnd(rest: string): number {
  const m = PLACES_AFTER.exec(rest);
  if (!m || !m[0]) return 0;
  if (m[2]) return m[0].length;
  let upTo = 0;
  let at = 0;
  for (const piece of (m[1] ?? '').split(',')) {
    // The country may run on into prose in the same piece ("Latvia for all paper mail"): its first words are tried.
    const lead = piece.length - piece.trimStart().length;
    const words = piece.trimStart().split(/[ \t]+/);
    for (let n = Math.min(4, words.length); n > 0; n--) {
      const name = words.slice(0, n).join(' ');
      if (isCountry(name)) {
        upTo = at + lead + name.length;
        break;
      }
    }
    at += piece.length + 1;
  }
  return upTo;
}

/** The end of what continues a street on its own line, or `end` when nothing does. */
function sameLineEnd(text: string, end: number): number {
  const nl = text.indexOf('\n', end);
  const rest = text.slice(end, Math.min(nl < 0 ? text.length : nl, end + 160));
  const unit = UNIT_AFTER.exec(rest)?.[0].length ?? 0;
  const after = rest.slice(unit);
  return end + unit + Math.max(placesEnd(after), CAPS_TOWN.exec(after)?.[0].length ?? 0, AND_STREET.exec(after)?.[0].length ?? 0);
}

/** "Gdańsk, nan 84968 after the concert": a town and postcode opening the line under a street, before prose. */
const TOWN_POSTCODE_START = new RegExp(String.raw`^[ \t]*(?:${TOWN}),?[ \t]+(?:\p{L}{2,3}[ \t]+)?(?:${POSTCODE})(?=[ \t]+\p{Ll}|[ \t]*[.,]?[ \t]*$)`, 'u');

/** When the street ends its line, the town and postcode that open the next line; else `end`. */
function nextLineStart(text: string, end: number): number {
  const nl = text.indexOf('\n', end);
  if (nl < 0 || !/^[ \t.,]*$/.test(text.slice(end, nl))) return end;
  const m = TOWN_POSTCODE_START.exec(text.slice(nl + 1, nl + 1 + MAX_LINE));
  return m ? nl + 1 + m[0].length : end;
}

/** The street findings grown along their line, and the postal blocks they (or other street lines) stand in. */
export function completeAddressBlocks(text: string, streets: readonly Finding[]): Finding[] {
  const grown = streets.map((f) => {
    if (f.type !== 'street-address') return f;
    const end = nextLineStart(text, sameLineEnd(text, f.end));
    return end > f.end ? { ...f, end } : f;
  });
  return [...grown, ...blocksUpward(text, grown)];
}
