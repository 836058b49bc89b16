// Two capitalised words in the middle of a sentence, neither an English word, a never-name, a product nor a place,
// one of them with a letter English lacks, read as a person's name with no list behind it ("add Mercédesz Szôllôssy
// as a beneficiary", "under Rubija Liberšar"). Mid-sentence (after a lowercase word) so that headings and sentence starts in title case stay quiet.
// Linear: one pass over capitalised words, each looked at once.
import type { Finding } from '../finding';
import { piiFinding } from './finding';
import { isEnglish, lex, standalone } from './names-context';
import { NOT_PEOPLE, PLACES } from './names-cue-words';

const CAP_WORD = /\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)?/gu;
/** The word before the pair: lowercase, on the same line, one space away. */
const LOWER_BEFORE = /\p{Ll}[,:]? $/u;
/** After the pair: not a third capitalised word (titles of works, organisations), not an organisation word. */
const CAP_AFTER = /^ \p{Lu}/u;
const ORG_AFTER = /^,? (?:Inc|Ltd|LLC|GmbH|AG|SA|Corp|Co|Group|Bank|University|Foundation|Labs?)\b/;

function plain(word: string): boolean {
  const lower = word.toLowerCase();
  const lx = lex();
  return !isEnglish(lower) && !NOT_PEOPLE.has(lower) && !PLACES.has(lower) && !lx.never.has(lower);
}

export function detectNamePairs(text: string): Finding[] {
  const out: Finding[] = [];
  CAP_WORD.lastIndex = 0;
  let prev: RegExpExecArray | null = null;
  for (let m = CAP_WORD.exec(text); m; m = CAP_WORD.exec(text)) {
    const first = prev;
    prev = m;
    if (!first || first.index + first[0].length + 1 !== m.index || text[m.index - 1] !== ' ') continue;
    const start = first.index;
    const end = m.index + m[0].length;
    if (!LOWER_BEFORE.test(text.slice(Math.max(0, start - 3), start)) || CAP_AFTER.test(text.slice(end, end + 2)) || ORG_AFTER.test(text.slice(end, end + 16))) continue;
    if (!standalone(text, start, first.index + first[0].length) || !standalone(text, m.index, end)) continue;
    // Without a list or a cue, a letter English lacks is the evidence: "Chihiro Fukunaga" needs a cue, "Rubija
    // Liberšar" does not; product and place names in English prose seldom carry one.
    if (!/[^\x00-\x7f]/.test(first[0] + m[0]) || !plain(first[0]) || !plain(m[0])) continue;
    out.push(piiFinding('person-name', start, end, 0.6));
    prev = null;
  }
  return out;
}
