// A postal address is a block, not a street line: "2224 Trenerys gate 232 / Apt. 342 / TRONDHEIM / Norway 64389".
// The street detectors find the street line; this extends each such finding over what follows it in the same block
// (the rest of its line when that is a city/region/postcode list, then up to four short lines of unit, city, region,
// country and postcode, one blank line allowed between) and back over a house number standing before it. Redaction
// must cover the whole block: a city with its postcode identifies a person as well as the street does.
// Linear: each finding looks at a bounded window after and before it.
import type { Finding } from './finding';

const UNIT = String.raw`(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Fl\.?|Floor|Room|Box|#)\s?#?[\w-]{1,6}`;
/** A place name: capitalised words (or numbers), with the small words place names hold ("Caxias do Sul"). */
const PARTICLE = '(?:de|do|da|dos|das|del|la|le|les|van|von|am|an|aan|den|der|di|du|sur|upon|on)';
const PLACE = String.raw`[\p{Lu}\d][\p{L}\d'’.-]*(?:[ \t]+(?:${PARTICLE}[ \t]+)?[\p{Lu}\d][\p{L}\d'’.-]*){0,3}`;
/** Units and places after the street on its line: ", Tubize, Belgium", " Apt. 108, Danmarkshavn, Greenlander 35940". */
const ITEMS = String.raw`(?:,?[ \t]+${UNIT})?(?:,?[ \t]+(?:${PLACE}|[A-Z]{2}[ \t]+\d{4,6}))*`;
const SAME_LINE = new RegExp(`^${ITEMS}`, 'u');
/** A whole tail line, after an optional quote marker ("> ", "??? "): a unit, a place, ", CO", a postcode. */
const TAIL_LINE = new RegExp(String.raw`^[ \t]*(?:[>?*|-]+[ \t]*)?(?:${UNIT}|,?[ \t]*${PLACE}(?:,[ \t]*[A-Z]{2})?(?:[ \t]+\d{4,6})?|,[ \t]*[A-Z]{2}|\d{4,6})[.,?!]?[ \t]*$`, 'u');
/** The start of a tail line that goes on in prose ("Netherlands 02032 in case of an issue"): places up to a postcode. */
const TAIL_START = new RegExp(String.raw`^[ \t]*(?:[>?*|-]+[ \t]*)?(?:,?[ \t]*(?:${PLACE}|[A-Z]{2}))+`, 'u');
/** Places that run into prose count only up to a postcode: the postcode is what makes them an address. */
const ENDS_IN_POSTCODE = /\d{4,6}$/;
/** Only closing punctuation and spaces between the items and the line's end. */
const LINE_REST = /^[.,?!]?[ \t]*(?=\n|$)/;
const MAX_TAIL_LINES = 4;
const MAX_LINE = 48;
/** "79367 " right before the street: a house number the street pattern did not take. */
const NUMBER_BEFORE = /(?:^|[ \t>])(\d{1,6}[ \t]+)$/;

function tailEnd(text: string, end: number): number {
  const rest = text.slice(end, end + 200);
  const same = SAME_LINE.exec(rest)?.[0] ?? '';
  const lineRest = LINE_REST.exec(rest.slice(same.length));
  // The line goes on in prose after the items: they count only when they end in a postcode.
  if (!lineRest) return ENDS_IN_POSTCODE.test(same) ? end + same.length : end;
  let at = end + same.length + lineRest[0].length;
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
    const start = TAIL_START.exec(line)?.[0];
    if (start && ENDS_IN_POSTCODE.test(start)) at += 1 + start.length;
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

/** The same findings, each street address grown over the rest of its postal block. */
export function extendAddressBlocks(text: string, findings: readonly Finding[]): Finding[] {
  return findings.map((f) => (f.type === 'street-address' ? { ...f, start: headStart(text, f.start), end: Math.max(f.end, tailEnd(text, f.end)) } : f));
}
