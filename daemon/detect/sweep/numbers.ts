// Long numbers: postcodes, phone, account and parcel numbers have five digits or more; years, versions and ports
// mostly fewer.
import type { Finding } from '../finding';
import { finding } from './finding';

const NUMBER = /(?<![\p{L}\p{N}_.,:/#-])\d+(?:[ -]\d+)*(?![\p{L}\p{N}_]|[.,]\d)/gu;
/** A calendar date written with dashes (2024-03-05, 05-03-2024): a date, not an identifier. */
const DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})$/;
/** Five digits or more in one run of groups ("4471 2209", "100271"): postcodes, phone and account numbers. */
export function possibleNumbers(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(NUMBER)) {
    if (m[0].replace(/\D/g, '').length >= 5 && !DATE.test(m[0])) out.push(finding('possible-number', m.index, m.index + m[0].length));
  }
  return out;
}
