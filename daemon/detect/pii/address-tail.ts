// A postal address is a block, not a street line: "2224 Trenerys gate 232 / Apt. 342 / TRONDHEIM / Norway 64389".
// The street detectors find the street line; this extends each such finding over what follows it in the same block
// (the rest of its line when that is a city/region/postcode list, then up to four short lines of unit, city, region,
// country and postcode, one blank line allowed between) and back over a house number standing before it. Redaction
// must cover the whole block: a city with its postcode identifies a person as well as the street does.
// Linear: each finding looks at a bounded window after and before it.
import type { Finding } from '../finding';

/** A flat, floor or unit in English and the languages whose addresses put it after the street ("кв. 12", "piso 3", "Daire 5"). */
const UNIT = String.raw`(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Fl\.?|Floor|Room|Box|кв\.|квартира|оф\.|офис|apto\.?|piso|planta|Daire|Kat|app\.?|int\.|interno|scala|m\.|lok\.|Whg\.|Wohnung|Top|bte|bus|διαμ\.|όροφος|#)\s?#?[\w-]{1,6}`;
/** A place name: capitalised words (or numbers), with the small words place names hold ("Caxias do Sul"). */
const PARTICLE = '(?:de|do|da|dos|das|del|la|le|les|van|von|am|an|aan|den|der|di|du|nad|pod|sur|upon|on)';
const PLACE = String.raw`[\p{Lu}][\p{L}\d'’.-]*(?:[ \t]+(?:${PARTICLE}[ \t]+)?[\p{Lu}\d][\p{L}\d'’.-]*){0,3}`;
/** On a line of its own a place may hold any words ("Ostrov nad Ohrí", "Birmensdorf nan"): the line ends the block. */
const PLACE_LINE = String.raw`[\p{Lu}][\p{L}\d'’.-]*(?:[ \t]+[\p{L}\d'’.-]+){0,3}`;
/** On the street's own line a place may follow a number ("5112 39 Rue Ibn El-Jazzar" after a cut-short street), and a
 *  postcode may stand alone after the city ("…, Новосибирск, 630004"). */
const items = (place: string): string => String.raw`(?:,?[ \t]+${UNIT})*(?:,?[ \t]+(?:(?:\d{1,6}[ \t]+)?${place}|[A-Z]{2}[ \t]+\d{4,6}|\d{4,6}))*`;
/** The rest of the street's line when it holds only units and places: " Apt. 108, Danmarkshavn, Greenlander 35940." */
const SAME_LINE = new RegExp(String.raw`^${items(PLACE_LINE)}[.,?!]?[ \t]*(?=\n|$)`, 'u');
/** Units and capitalised places after the street when the line goes on in prose. */
const SAME_LINE_START = new RegExp(`^${items(PLACE)}`, 'u');
/** A whole tail line, after an optional quote marker ("> ", "??? "): a unit, a place, ", CO", a postcode. */
const TAIL_LINE = new RegExp(String.raw`^[ \t]*(?:[>?*|-]+[ \t]*)?(?:${UNIT}|,?[ \t]*${PLACE_LINE}(?:,[ \t]*[A-Z]{2})?(?:[ \t]+\d{4,6})?|,[ \t]*[A-Z]{2}|,?[ \t]*\d{1,6})[.,?!]?[ \t]*$`, 'u');
/** The start of a tail line that goes on in prose ("Netherlands 02032 in case of an issue"). */
const TAIL_START = new RegExp(String.raw`^[ \t]*(?:[>?*|-]+[ \t]*)?(?:,?[ \t]*(?:${PLACE}|[A-Z]{2}))+`, 'u');
/** Places that run into prose count only up to their last postcode: the postcode is what makes them an address. */
const UP_TO_POSTCODE = /^[\s\S]*\d{4,6}(?!\d)/;
const MAX_TAIL_LINES = 4;
const MAX_LINE = 48;
/** "79367 " right before the street: a house number the street pattern did not take. */
const NUMBER_BEFORE = /(?:^|[ \t>])(\d{1,6}[ \t]+)$/;

function tailEnd(text: string, end: number): number {
  const rest = text.slice(end, end + 200);
  const same = SAME_LINE.exec(rest);
  // The line goes on in prose after the street: what follows counts only up to a postcode.
  if (!same) return end + (UP_TO_POSTCODE.exec(SAME_LINE_START.exec(rest)?.[0] ?? '')?.[0].length ?? 0);
  // A postcode then words ("DC 20500 please"): the words are prose, the address ends at the postcode.
  const postcode = UP_TO_POSTCODE.exec(same[0]);
  if (postcode && /[\p{L}\d]/u.test(same[0].slice(postcode[0].length))) return end + postcode[0].length;
  let at = end + same[0].length;
  for (let taken = 0, blanks = 0; taken < MAX_TAIL_LINES;) {
    if (text[at] !== '\n') break;
    const lineEnd = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, lineEnd < 0 ? text.length : lineEnd);
    if (line.trim() === '') {
      if (++blanks > 1) break;
      at += 1 + line.length;
      continue;
    }
    if (line.length <= MAX_LINE && TAIL_LINE.test(line)) {
      at += 1 + line.length;
      taken++;
      continue;
    }
    const start = UP_TO_POSTCODE.exec(TAIL_START.exec(line)?.[0] ?? '');
    if (start) at += 1 + start[0].length;
    break;
  }
  // Trailing spaces or a closing dot are not part of the address.
  while (at > end && /[\s.,?!]/.test(text[at - 1] as string)) at--;
  return at;
}

function headStart(text: string, start: number): number {
  const m = NUMBER_BEFORE.exec(text.slice(Math.max(0, start - 12), start));
  return m ? start - (m[1] as string).length : start;
}

/** "the corner of Östbygatan 14 and Sigurmundsson Greens": an intersection names both streets, and the phrase with them. */
const CORNER_BEFORE = new RegExp(String.raw`(?:the[ \t]+)?corner[ \t]+of[ \t]+(?:${PLACE}[ \t]+and[ \t]+)?$`, 'iu');
const AND_STREET_AFTER = new RegExp(String.raw`^[ \t]+and[ \t]+${PLACE}`, 'u');

/** The intersection around a street found after "corner of": the phrase, the other street, or both. */
function corner(text: string, start: number, end: number): { start: number; end: number } {
  const before = CORNER_BEFORE.exec(text.slice(Math.max(0, start - 80), start));
  if (!before) return { start, end };
  const crossedBefore = /[ \t]and[ \t]+$/i.test(before[0]);
  const after = crossedBefore ? null : AND_STREET_AFTER.exec(text.slice(end, end + 80));
  // Only a corner of two named streets is an intersection ("the corner of Lindholmen 9 and the harbour" is not).
  if (!crossedBefore && !after) return { start, end };
  return { start: start - before[0].length, end: end + (after ? after[0].length : 0) };
}

/** The same findings, each street address grown over the rest of its postal block (or its intersection). */
export function extendAddressBlocks(text: string, findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    if (f.type !== 'street-address') return f;
    const block = { start: headStart(text, f.start), end: Math.max(f.end, tailEnd(text, f.end)) };
    return { ...f, ...corner(text, block.start, block.end) };
  });
}
