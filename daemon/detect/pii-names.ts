// Person names without a model: capitalised words looked up in first-name and surname lists
// (pii-names-data.ts), helped by context (titles, "my name is", greetings) and held back by a list of
// common English words, so sentence starts and product names ("Will", "Rose", "Swift") stay quiet.
import type { Finding } from './finding';
import { COMMON_WORDS, FIRST_NAMES, SURNAMES } from './pii-names-data';
import { piiFinding } from './pii-finding';

/** Words that are names in some list but in a developer's prompt are almost always something else. */
const NOT_NAMES =
  'the this that these those there then than when what where which while who why how here his her its our their your ' +
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
  'monday tuesday wednesday thursday friday saturday sunday will can must shall might would could should also even just ' +
  'rust ruby julia ada crystal swift dart elixir pascal kotlin scala haskell java python perl go jasmine mocha karma jest vue ember ' +
  'django rails flask hugo jenkins travis heroku alexa siri tesla dell chrome safari opera android linux unix windows ' +
  'english french german spanish italian dutch chinese japanese czech polish swedish danish finnish norwegian russian greek turkish ' +
  'irish scottish welsh american canadian british african asian european republic kingdom united states ' +
  'london berlin dublin amsterdam boston chicago seattle toronto singapore mumbai delhi christian christmas easter god lord king queen prince princess royal ' +
  'i me my mine we us he him she it they them one all any some no not yes and or but if so as at by for from in into of on to ' +
  'with up out about after before over under again more most other such only own same very too now once both each few san santa';

/** A following word that makes the run an organisation: "Hill Inc", "Davis Orchestra", "Thomas and Sons". */
const ORG_WORD =
  /^(?:Inc|Ltd|LLC|LLP|PLC|GmbH|AG|SA|Corp|Corporation|Co|Company|Group|Holdings|Bank|Investments|Partners|Associates|Sons|Brothers|Orchestra|Band|University|College|School|Institute|Foundation|Hospital|Hotel|Museum|Agency|Studios?|Labs?|Systems|Technologies|Solutions|Services|Media|Records)\b/;
/** Surname endings distinctive enough to name a person on their own (Slavic, Nordic, Baltic, Finnish, Georgian, Armenian, Turkish, Greek, Romanian). */
const SURNAME_SHAPE = /\p{L}{3}(?:ova|ov|eva|ev|sson|dóttir|dottir|ić|vić|wicz|escu|poulos|poulou|ainen|änen|inen|dze|shvili|yan|oğlu|enko|ová|ský|ská|ski|ska)$/u;

interface Lexicon {
  first: Set<string>;
  last: Set<string>;
  common: Set<string>;
}

let lexicon: Lexicon | undefined;
/** Built on first use (about 30k entries) so importing the scanner stays cheap. */
function lex(): Lexicon {
  lexicon ??= {
    first: new Set(FIRST_NAMES.split(' ')),
    last: new Set(SURNAMES.split(' ')),
    common: new Set([...COMMON_WORDS.split(' '), ...NOT_NAMES.split(' ')]),
  };
  return lexicon;
}

/** A capitalised word: "Anna", "McCray", "Jean-Luc", "Åsa". All-caps words and camelCase identifiers do not match. */
const TOKEN = /\p{Lu}\p{Ll}+(?:['’-]?\p{Lu}?\p{Ll}+)*/gu;
/** Between two parts of one name: a space, or a middle initial ("John A. Leiva"). */
const JOINER = /^ (?:\p{Lu}\.? )?$/u;
const TITLE = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Mme|Mlle|Herr|Frau|Señor|Señora)\.?\s$/u;
const CUE =
  /(?:\bmy name is|\bname(?:'s| is)?[:?]?|\bi'?m|\bi am|\bcalls? me|\bdear|\bhi|\bhello|\bhey|\bregards,?|\bsincerely,?|\bcheers,?|\bthanks,?|\bcontact|\bnamed|\bsigned|\bask|\bsaid|\bsays|\btold|\bmeet)\s{1,2}$/i;
/** What people do in text: "Anna lives at", "Berg said", "Ivo was born". */
const PERSON_VERB = /^\s(?:lives|lived|said|says|told|asked|replied|wrote|was born|is from|works (?:at|for)|worked (?:at|for)|flew|married)\b/;
/** A line holding nothing but the name, as at the top of a contact card or under a signature. */
const NAME_LINE = /(?:^|\n)[ \t>]*$/;

interface Token {
  word: string;
  start: number;
  end: number;
}

const isLetterOrDigit = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/** Code-ish surroundings: `obj.Name`, `Name(`, `@Name`, `Name.prop`, `Name::new`, `<Name>`, a backticked `Name` are identifiers, not people. */
function standalone(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (isLetterOrDigit(before) || isLetterOrDigit(after)) return false;
  if (before !== undefined && '.@_<$#`'.includes(before)) return false;
  if (after !== undefined && '(<_@`'.includes(after)) return false;
  if (text.startsWith('::', start - 2) || text.startsWith('::', end)) return false;
  return !(after === '.' && /[\p{L}_]/u.test(text[end + 1] ?? ''));
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const end = m.index + m[0].length;
    if (standalone(text, m.index, end)) out.push({ word: m[0], start: m.index, end });
  }
  return out;
}

/** Consecutive tokens that may form one name (at most four parts). */
function runs(text: string, toks: Token[]): Token[][] {
  const out: Token[][] = [];
  let run: Token[] = [];
  for (const t of toks) {
    const prev = run[run.length - 1];
    if (prev && run.length < 4 && JOINER.test(text.slice(prev.end, t.start))) run.push(t);
    else {
      if (run.length) out.push(run);
      run = [t];
    }
  }
  if (run.length) out.push(run);
  return out;
}

function judge(text: string, run: Token[], lx: Lexicon): Finding | null {
  const common = (t: Token) => lx.common.has(t.word.toLowerCase());
  const known = (t: Token) => lx.first.has(t.word) || lx.last.has(t.word) || (SURNAME_SHAPE.test(t.word) && !common(t));
  const before = text.slice(Math.max(0, run[0]!.start - 24), run[0]!.start);
  const first = run[0]!;
  const last = run[run.length - 1]!;
  if (ORG_WORD.test(text.slice(last.end + 1, last.end + 16)) || run.some((t) => ORG_WORD.test(t.word))) return null;
  if (TITLE.test(before) && !common(first)) return piiFinding('person-name', first.start, last.end, 0.9);
  const cued = CUE.test(before) || PERSON_VERB.test(text.slice(last.end, last.end + 16));
  const ownLine = run.length >= 2 && run.length <= 3 && NAME_LINE.test(before) && /^[ \t]*(?:\n|$)/.test(text.slice(last.end, last.end + 4));
  // Leading words that are not names ("Yesterday Anna Berg") are dropped; the name starts at a known word.
  // A cue lets a name that is also a word through: "named Frank", "Dear Rose".
  const from = run.findIndex((t) => known(t) && (!common(t) || (cued && t === first)));
  // "Mohmad R. Vizirov": first name, middle initial, surname is a name's shape even when the words are unknown.
  const initialShape = run.length === 2 && /^ \p{Lu}\. $/u.test(text.slice(first.end, last.start)) && !run.some(common);
  if (from === -1 || initialShape) {
    if (initialShape) return piiFinding('person-name', first.start, last.end, 0.75);
    return (cued || ownLine) && run.length <= 3 && !run.some(common) ? piiFinding('person-name', first.start, last.end, 0.7) : null;
  }
  const parts = run.slice(from);
  const end = parts.findIndex((t, i) => i > 0 && common(t) && !known(t));
  const name = end === -1 ? parts : parts.slice(0, end);
  const confidence = name.length > 1 ? 0.85 : cued ? 0.8 : 0.6;
  return piiFinding('person-name', name[0]!.start, name[name.length - 1]!.end, confidence);
}

export function detectNames(text: string): Finding[] {
  const lx = lex();
  const out: Finding[] = [];
  for (const run of runs(text, tokens(text))) {
    const f = judge(text, run, lx);
    if (f) out.push(f);
  }
  return out;
}
