// Phone numbers. Formats that are unmistakably phones (E.164 with '+', US (555) 123-4567 / 555.123.4567)
// need no context; any other digit grouping counts only next to a phone cue ("Phone:", "call me on",
// "... office"), because on its own it is as likely a date, an amount or an id.
import type { Finding } from '../finding';
import { piiFinding, scanAll } from './finding';

const EXT = '(?:\\s?(?:x|ext\\.?|extension)\\s?\\d{1,6})?';
/** '+' country code, an optional trunk "(0)", then groups separated by single spaces, dots or dashes. */
const INTERNATIONAL = new RegExp(`(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(\\d{1,4}\\))?[ .-]?\\d+(?:[ .-]\\d+){0,6}${EXT}`, 'g');
const US_PARENS = new RegExp(`(?<![\\w)+])(?:(?:1|001)[ .-]?)?\\(\\d{3}\\)[ .-]?\\d{3}[ .-]?\\d{4}${EXT}`, 'g');
const US_SEPARATED = new RegExp(`(?<![\\w.+-])(?:(?:1|001)([ .-]))?[2-9]\\d\\d([.-])\\d{3}\\2\\d{4}${EXT}`, 'g');
const GROUPED = new RegExp(
  `(?<![\\w.+/:-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?(?:\\d{7,15}|\\d{2,5}(?:[ .-]\\d{2,5}){0,5})${EXT}`,
  'g',
);

const CUE_BEFORE =
  /\b(?:phone|tel|telephone|mobile|cell|fax|desk|call(?:ed)?(?: me| us| him| her)?(?: on| at)?|text me|sms|whats ?app|reach (?:me|us)|answering|messages? to|number|registered|dial|ring me)\b[^\d\n]{0,12}\n?[^\d\n]{0,4}$/i;
const CUE_AFTER = /^\s?-?\s?(?:office|fax|mobile|cell|home|work|tel|phone)\b/i;
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

const digitCount = (s: string) => s.replace(/\D/g, '').length;

/** The value must end where the digits end: `1234567` inside `12345678` or `1.2.3` inside `1.2.3.4` is no phone. */
function endsCleanly(text: string, end: number): boolean {
  const next = text.charCodeAt(end);
  const after = text.charCodeAt(end + 1);
  const isDigit = (c: number) => c >= 48 && c <= 57;
  const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  if (isWord(next)) return false;
  return !((next === 46 || next === 45) && isDigit(after));
}

function accept(text: string, m: RegExpExecArray, min: number, max: number, confidence: number): Finding | null {
  const digits = digitCount(m[0]);
  const end = m.index + m[0].length;
  if (digits < min || digits > max || !endsCleanly(text, end)) return null;
  return piiFinding('phone', m.index, end, confidence);
}

function cued(text: string, start: number, end: number): boolean {
  return CUE_BEFORE.test(text.slice(Math.max(0, start - 40), start)) || CUE_AFTER.test(text.slice(end, end + 12));
}

export function detectPhones(text: string): Finding[] {
  return [
    ...scanAll(text, INTERNATIONAL, (m) => accept(text, m, 8, 21, 0.9)),
    ...scanAll(text, US_PARENS, (m) => accept(text, m, 10, 20, 0.9)),
    ...scanAll(text, US_SEPARATED, (m) => accept(text, m, 10, 20, 0.85)),
    ...scanAll(text, GROUPED, (m) => {
      const value = m[0];
      if (DATE_LIKE.test(value) || !cued(text, m.index, m.index + value.length)) return null;
      return accept(text, m, 7, 21, 0.75);
    }),
  ];
}
