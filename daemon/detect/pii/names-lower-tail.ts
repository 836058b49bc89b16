// A lower-case name found by its first name ("follow up with benjamin a seiler") runs on over a middle initial and a
// surname the lists do not know: redaction must not leave "a seiler" in clear. The next word must be lower-case, three
// letters or more, no English word and no verb of what people do, so "ask anna tomorrow" and "anna said" stay "anna".
// Cheap: looks only right after each lower-case name found.
import type { Finding } from '../finding';
import { isEnglish, lex, PERSON_VERB } from './names-context';

const TAIL = /^(?:[ \t]\p{Ll}\.?)?[ \t](\p{Ll}[\p{Ll}\p{M}'’-]{2,30})(?![\p{L}\p{N}_@(]|\.\p{L})/u;

export function extendLowercaseNames(text: string, names: readonly Finding[]): Finding[] {
  const lx = lex();
  return names.map((f) => {
    if (f.type !== 'person-name') return f;
    const name = text.slice(f.start, f.end);
    if (name !== name.toLowerCase()) return f;
    const after = text.slice(f.end, f.end + 40);
    // "femi adebayo said": a verb of what people do is the cue, not a surname ("said" is also a name, so no dictionary word).
    if (PERSON_VERB.test(after)) return f;
    const m = TAIL.exec(after);
    const word = m?.[1]?.replace(/['’]s$/, '');
    if (!m || !word || isEnglish(word) || lx.never.has(word) || lx.common.has(word)) return f;
    return { ...f, end: f.end + m[0].length - (m[1]!.length - word.length) };
  });
}
