// US driver's license numbers. Every state has its own format (California A1234567, Florida
// A123-456-78-901-0, Illinois A123-4567-8901, New York 123 456 789, Washington WDL + 9), and most of
// them are just "a letter or two and some digits", which ticket and order ids also are. So a value
// counts only right after a license cue, and only when it has one of those state shapes.
import type { Finding } from '../finding';
import { piiFinding, scanAll } from './finding';

/** "driver's license number", "drivers licence no.", "driving licence #", "DL#", "DL number", "license number". */
const CUE =
  /\b(?:driver'?s?|driving)[ -]licen[cs]e(?:[ \t]+(?:number|no\.?|#|id))?|\bDL[ \t]?(?:#|number|no\.?)|\blicen[cs]e[ \t]+(?:number|no\.?|#)/gi;
/** Filler between cue and value: "is", "was", ":", "=", quotes, a few spaces. */
const GAP = /^[ \t]*(?:(?:is|was|:|=|-)[ \t]*){0,3}["'“]?/i;
/**
 * State shapes: up to three letters then 4-14 digits (CA, FL, IL, WA, most states), digits-only 7-13
 * (NY, TX, PA...), each optionally grouped by dashes or spaces (FL/IL print "A123-4567-8901").
 */
const VALUE = /(?:[A-Za-z]{1,3}[ -]?)?\d{2,14}(?:[ -]\d{1,9}){0,4}(?![\w-])/y;

const digits = (s: string) => s.replace(/\D/g, '').length;

export function detectDriverLicenses(text: string): Finding[] {
  return scanAll(text, CUE, (m) => {
    const afterCue = m.index + m[0].length;
    const gap = GAP.exec(text.slice(afterCue, afterCue + 16));
    const start = afterCue + (gap?.[0].length ?? 0);
    VALUE.lastIndex = start;
    const value = VALUE.exec(text);
    if (!value) return null;
    const n = digits(value[0]);
    const letters = /^[A-Za-z]/.test(value[0]);
    // Digits-only numbers need at least 7 digits (NY is 9, TX 8); with a letter prefix 4 suffice (WA WDL...).
    if (n > 14 || n < (letters ? 4 : 7)) return null;
    return piiFinding('us-driver-license', start, start + value[0].length, 0.9);
  });
}
