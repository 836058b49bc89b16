// Addresses announced by the text itself: "my address is ...", "lives at ...", "send it to ...",
// "the corner of ...". After such a cue a street needs no street-type word, which many countries do
// not write ("Allika 46", "329 Arenales 9462", "Μεγάλη Άμμος 184"): a street name with a house number,
// or a building number, street words and a number, is enough.
import type { Finding } from '../finding';
import { piiFinding, scanAll } from './finding';

/** Cues that name the place itself. After these, "Name 12" is an address. */
/** Not a bare "lives": "the value lives in Box 2" is about lifetimes, not homes. */
const PLACE_CUE = /\b(?:address(?:es)?|(?:lives?|living|resides?|residing) (?:at|on)|located at|corner of)\b/gi;
/** Cues of delivery and travel; weaker ("return to Chapter 3"), so they need the building-number shape. */
const DELIVERY_CUE =
  /\b(?:(?:sent|send|ship|shipped|deliver|delivered|mail|mailed|return|returned|forward|post)(?: it| this| them| that)? to|drops? (?:you |me |us )?off at)\b/gi;

/** Street-type words that end a numberless street ("31 Rue Tachkent St."), either case. */
const STREET_WORDS = 'street|st|str|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|place|pl|square|sq';
const STREET_WORD = `(?:${STREET_WORDS}|${STREET_WORDS.replace(/(^|\|)(\w)/g, (_, bar: string, c: string) => bar + c.toUpperCase())})`;
const HOUSE = `(?:\\d{1,5}[a-z]?\\.?(?![\\w,-]\\d)|${STREET_WORD}\\b\\.?)`;

/** Builds the street shape; `initial` is the class of a street word's first letter. */
function shapes(initial: string): { numbered: string; named: string } {
  const street = `${initial}[\\p{L}'.-]*(?:[ \\t]+[\\p{L}'.-]+){0,3}?`;
  return {
    // "329 Arenales 9462", "70248 31 Rue Tachkent St.", "0605 πεντέλης 210"
    numbered: `\\d{1,6}(?:[ \\t]+\\d{1,5})?[ \\t]+${street}[ \\t]+${HOUSE}`,
    // "Bygget 64", "Merineitsi põik 87"
    named: `${street}[ \\t]+\\d{1,5}[a-z]?\\.?(?![\\w,-]\\d)`,
  };
}

/** The cue's filler ("is", "to the same:", "? User:") is up to 40 characters on the same line. */
const GAP = '[^\\d\\n]{0,40}?(?<![\\p{L}\\d\'])';
const capital = shapes('\\p{Lu}');
const anyCase = shapes('\\p{L}');
const after = (alternatives: string[]) => new RegExp(`^${GAP}(${alternatives.join('|')})`, 'u');
const AFTER_PLACE = after([capital.numbered, capital.named]);
const AFTER_DELIVERY = after([capital.numbered]);
/** Text typed all in lowercase has no capitals to go by: there any word may be the street name. */
const AFTER_PLACE_LOWER = after([anyCase.numbered, anyCase.named]);
const AFTER_DELIVERY_LOWER = after([anyCase.numbered]);

function afterCue(text: string, cue: RegExp, cased: RegExp, lower: RegExp): Finding[] {
  return scanAll(text, cue, (m) => {
    const from = m.index + m[0].length;
    // Every shape holds a digit within the gap and a few words: most cues ("memory address") have none near.
    if (!/\d/.test(text.slice(from, from + 80))) return null;
    // Judged on the cue's own line: a lowercase line pasted into a capitalised paragraph is still typed lowercase.
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const nl = text.indexOf('\n', from);
    const lineEnd = nl === -1 ? text.length : nl;
    const typedLower = !/\p{Lu}/u.test(text.slice(Math.max(lineStart, m.index - 80), Math.min(lineEnd, from + 120)));
    const street = (typedLower ? lower : cased).exec(text.slice(from, from + 120));
    if (!street) return null;
    const end = from + street[0].length;
    return piiFinding('street-address', end - street[1]!.length, end, 0.7);
  });
}

export function detectCuedAddresses(text: string): Finding[] {
  return [
    ...afterCue(text, PLACE_CUE, AFTER_PLACE, AFTER_PLACE_LOWER),
    ...afterCue(text, DELIVERY_CUE, AFTER_DELIVERY, AFTER_DELIVERY_LOWER),
  ];
}
