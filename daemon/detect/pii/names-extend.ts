// A detected surname often has a first name the name lists do not know written right before it: "Producer
// Vilhjálmur Georgsson", "Bonifacy Kaczmarek", "Nikolaj N Møller", "Valentine S. Yermakov". A one-word person-name
// finding grows back over one capitalised word (and a middle initial) directly before it, unless that word is one that
// commonly stands capitalised before a name without being part of it ("Dear", "Mr", "The", "With", a weekday).
// Pure and linear: each finding looks at a bounded window before it.
import type { Finding } from '../finding';

const BEFORE = /(?:^|[^\p{L}\p{N}.'’-])([\p{Lu}][\p{Ll}'’-]{1,20}[ \t]+(?:[\p{Lu}]\.?[ \t]+)?)$/u;
const NOT_A_NAME = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'in', 'on', 'at', 'to', 'from', 'by', 'with', 'for', 'of', 'as', 'if', 'so', 'is',
  'was', 'are', 'be', 'this', 'that', 'these', 'those', 'my', 'our', 'your', 'his', 'her', 'their', 'its', 'we', 'you', 'he',
  'she', 'they', 'i', 'it', 'dear', 'hi', 'hello', 'hey', 'thanks', 'thank', 'regards', 'best', 'cheers', 'mr', 'mrs', 'ms',
  'miss', 'dr', 'prof', 'sir', 'madam', 'saint', 'st', 'ask', 'tell', 'call', 'email', 'mail', 'contact', 'meet', 'when',
  'where', 'why', 'how', 'what', 'who', 'which', 'after', 'before', 'since', 'until', 'about', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
  'august', 'september', 'october', 'november', 'december', 'user', 'bot', 'name', 'customer', 'patient', 'client',
]);

export function extendNamesBackward(text: string, findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    // Only a lone word: a name found with its first name already has it (and a job title before it stays out).
    if (f.type !== 'person-name' || /\s/.test(text.slice(f.start, f.end))) return f;
    const m = BEFORE.exec(text.slice(Math.max(0, f.start - 32), f.start));
    const word = m?.[1];
    if (!word || NOT_A_NAME.has((word.split(/[ \t]/)[0] as string).toLowerCase())) return f;
    return { ...f, start: f.start - word.length };
  });
}
