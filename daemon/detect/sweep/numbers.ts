// Long numbers: postcodes, phone, account and parcel numbers have five digits or more; years, versions and ports
// mostly fewer.
import type { Finding } from '../finding';
import { finding } from './finding';

/** Groups of digits joined by spaces or dashes, any of them in brackets: "4471 2209", "8 (912) 345-67-89". */
const NUMBER = /(?<![\p{L}\p{N}_.,:/#(-])\(?\d+\)?(?:[ -]\(?\d+\)?)*(?![\p{L}\p{N}_]|[.,]\d)/gu;
/** Five groups or more joined by dots: a phone written "06.12.34.56.78". Three are a version ("20.11.1"), four an IP address (its own detector's). */
const DOTTED = /(?<![\p{L}\p{N}_.])\d{1,4}(?:\.\d{1,4}){4,}(?![\p{L}\p{N}_]|\.\d)/gu;
/** A calendar date written with dashes (2024-03-05, 05-03-2024): a date, not an identifier. */
const DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})$/;

/** Five digits or more in one run of groups ("4471 2209", "100271"): postcodes, phone and account numbers. */
export function possibleNumbers(text: string, skip: readonly { start: number; end: number }[] = []): Finding[] {
  const out: Finding[] = [];
  for (const re of [NUMBER, DOTTED]) {
    let s = 0;
    for (const m of text.matchAll(re)) {
      while (s < skip.length && skip[s]!.end <= m.index) s++;
      if (s < skip.length && skip[s]!.start <= m.index) continue; // inside source code
      if (m[0].replace(/\D/g, '').length >= 5 && !DATE.test(m[0])) out.push(finding('possible-number', m.index, m.index + m[0].length));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
