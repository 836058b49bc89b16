// A person's e-mail address often spells their name: "Margarethe Quellwasser (margarethe.quellwasser@example.de)",
// "Landerico Hidalgo … LandericoHidalgoNarvaez@dayrep.com". Where the parts of an address's local part stand in the
// same text as capitalised words, those words are the person's name, whatever context the name detector needs.
// Pure and linear: one pass per distinct name part.
import type { Finding } from '../finding';
import { piiFinding } from './finding';

/** Local parts that name a role, not a person. */
const ROLE_WORDS = new Set(['info', 'support', 'sales', 'admin', 'contact', 'hello', 'team', 'office', 'service', 'billing', 'noreply', 'mail',
  'help', 'jobs', 'press', 'user', 'test', 'webmaster', 'postmaster', 'security', 'privacy', 'legal', 'accounts', 'orders', 'customer', 'example']);

/** "margarethe.quellwasser", "LandericoHidalgoNarvaez" → the name parts (3 letters or more) an address is made of. */
export function emailNameParts(address: string): string[] {
  const local = address.split('@')[0] ?? '';
  return local.split(/[._+\-\d]+|(?<=\p{Ll})(?=\p{Lu})/u)
    .filter((p) => p.length >= 3 && /^\p{L}+$/u.test(p) && !ROLE_WORDS.has(p.toLowerCase()));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Capitalised words in `text` that are name parts of one of the e-mail findings; adjacent ones form one name. */
export function detectNamesFromEmails(text: string, emails: readonly Finding[]): Finding[] {
  const parts = new Set(emails.flatMap((e) => emailNameParts(text.slice(e.start, e.end)).map((p) => p.toLowerCase())));
  if (parts.size === 0) return [];
  const inside = (at: number): boolean => emails.some((e) => at >= e.start && at < e.end);
  const words: Array<[number, number]> = [];
  for (const part of parts) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}@.])${escape(part)}(?![\\p{L}\\p{N}])`, 'giu');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (/\p{Lu}/u.test(m[0].charAt(0)) && !inside(m.index)) words.push([m.index, m.index + m[0].length]);
    }
  }
  words.sort((a, b) => a[0] - b[0]);
  const out: Finding[] = [];
  for (const [start, end] of words) {
    const last = out[out.length - 1];
    // "Margarethe Quellwasser": parts one space apart are one name.
    if (last && /^[ \t]$/.test(text.slice(last.end, start))) last.end = end;
    else out.push(piiFinding('person-name', start, end, 0.7));
  }
  return out;
}
