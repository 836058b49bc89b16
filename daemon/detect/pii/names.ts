// Person names without a model: capitalised words looked up in first-name and surname lists
// (pii/names-data.ts), helped by context (titles, "my name is", greetings) and held back by a list of
// common English words, so sentence starts and product names ("Will", "Rose", "Swift") stay quiet.
import type { Finding } from '../finding';
import { piiFinding } from './finding';
import { CUE, isEnglish, lex, PERSON_VERB, standalone, STRONG_CUE, SURNAME_SHAPE, TITLE, type Lexicon } from './names-context';

/** A following word that makes the run an organisation: "Hill Inc", "Davis Orchestra", "Thomas and Sons". */
const ORG_WORD =
  /^(?:Inc|Ltd|LLC|LLP|PLC|GmbH|AG|SA|Corp|Corporation|Co|Company|Group|Holdings|Bank|Investments|Partners|Associates|Sons|Brothers|Orchestra|Band|University|College|School|Institute|Foundation|Hospital|Hotel|Museum|Agency|Studios?|Labs?|Systems|Technologies|Solutions|Services|Media|Records)\b/;
/** A capitalised word: "Anna", "McCray", "Jean-Luc", "Åsa". All-caps words and camelCase identifiers do not match. */
const TOKEN = /\p{Lu}\p{Ll}+(?:['’-]?\p{Lu}?\p{Ll}+)*/gu;
/** Between two parts of one name: a space, or a middle initial ("John A. Leiva"). */
const JOINER = /^ (?:\p{Lu}\.? )?$/u;
/** A line holding nothing but the name, as at the top of a contact card or under a signature. */
const NAME_LINE = /(?:^|\n)[ \t>]*$/;

interface Token {
  word: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (!standalone(text, m.index, m.index + m[0].length)) continue;
    // A possessive is the name plus 's: "Asya's kid" looks up "Asya".
    const word = m[0].replace(/['’]s$/, '');
    out.push({ word, start: m.index, end: m.index + word.length });
  }
  return out;
}

/** Capitalised greetings and sign-offs that open a line before a name: a cue, never its first part ("Hi Wojtek,"). */
const GREETING_WORD = /^(?:Hi|Hello|Hey|Dear|Thanks|Cheers|Regards|Congrats|Congratulations|Welcome|Bye|Goodbye|Morning|Evening)$/;

/** Consecutive tokens that may form one name (at most four parts); a greeting word ends its run. */
function runs(text: string, toks: Token[]): Token[][] {
  const out: Token[][] = [];
  let run: Token[] = [];
  for (const t of toks) {
    const prev = run[run.length - 1];
    if (prev && run.length < 4 && !GREETING_WORD.test(prev.word) && JOINER.test(text.slice(prev.end, t.start))) run.push(t);
    else {
      if (run.length) out.push(run);
      run = [t];
    }
  }
  if (run.length) out.push(run);
  return out;
}

interface WordTests {
  common: (t: Token) => boolean;
  known: (t: Token) => boolean;
  never: (t: Token) => boolean;
}
const wordTests = new WeakMap<Lexicon, WordTests>();

/** The lexicon's word tests, built once (scanperf): three closures per run cost a fifth of a 51,200-word prompt's scan. */
function testsOf(lx: Lexicon): WordTests {
  let tests = wordTests.get(lx);
  if (!tests) {
    const common = (t: Token) => lx.common.has(t.word.toLowerCase());
    tests = {
      common,
      known: (t) => lx.first.has(t.word) || lx.last.has(t.word) || (SURNAME_SHAPE.test(t.word) && !common(t)),
      never: (t) => lx.never.has(t.word.toLowerCase()),
    };
    wordTests.set(lx, tests);
  }
  return tests;
}

const INITIAL_BETWEEN = /^ \p{Lu}\. $/u;
// Module-level, not a closure per run: a prompt of 34,000 one-word lines made 34,000 of each (and under tsx a
// keepNames wrapper each), half the name finder's time on `Hi\n` repeated.
const english = (t: Token): boolean => isEnglish(t.word.toLowerCase());

function judge(text: string, run: Token[], lx: Lexicon): Finding | null {
  const { common, known, never } = testsOf(lx);
  const before = text.slice(Math.max(0, run[0]!.start - 24), run[0]!.start);
  const first = run[0]!;
  const last = run[run.length - 1]!;
  if (ORG_WORD.test(text.slice(last.end + 1, last.end + 16)) || run.some((t) => ORG_WORD.test(t.word))) return null;
  // After a title or "my name is", even a common word is the name: "Dr. Burke", "her maiden name is Key".
  if (TITLE.test(before) && !never(first)) return piiFinding('person-name', first.start, last.end, 0.9);
  const cueBefore = CUE.test(before);
  // STRONG_CUE's phrases are all in CUE, so the cheaper test guards it.
  if (cueBefore && STRONG_CUE.test(before) && run.length <= 3 && !run.some(never)) return piiFinding('person-name', first.start, last.end, 0.85);
  const cued = cueBefore || PERSON_VERB.test(text.slice(last.end, last.end + 16));
  const ownLine = run.length >= 2 && run.length <= 3 && NAME_LINE.test(before) && /^[ \t]*(?:\n|$)/.test(text.slice(last.end, last.end + 4));
  // Leading words that are not names ("Yesterday Anna Berg") are dropped; the name starts at a known word.
  // A cue lets a name that is also a word through: "named Frank", "Dear Rose".
  let from = -1;
  for (let i = 0; i < run.length && from === -1; i++) if (known(run[i]!) && (!common(run[i]!) || (cued && i === 0))) from = i;
  // "Mohmad R. Vizirov": first name, middle initial, surname is a name's shape even when the words are unknown.
  const initialShape = run.length === 2 && INITIAL_BETWEEN.test(text.slice(first.end, last.start)) && !common(first) && !common(last);
  if (initialShape) return piiFinding('person-name', first.start, last.end, 0.75);
  if (from === -1) {
    // Unknown words need a cue; leading common words are not part of the name ("Producer Mashuu Samurakami explained").
    // Leading dictionary words go too ("Producer Mashuu Samurakami"); a lone unlisted word must be no English word at all:
    // a cue before a team or a product ("Hi Platform,") names no one.
    let lead = -1;
    for (let i = 0; i < run.length && lead === -1; i++) if (!common(run[i]!) && !english(run[i]!)) lead = i;
    if (lead === -1 || !(cued || (ownLine && lead === 0))) return null;
    const rest = run.slice(lead);
    if (rest.length > 3 || rest.some(common) || (rest.length === 1 && english(rest[0]!))) return null;
    return piiFinding('person-name', rest[0]!.start, rest[rest.length - 1]!.end, 0.7);
  }
  const parts = run.slice(from);
  let end = -1;
  for (let i = 1; i < parts.length && end === -1; i++) if (common(parts[i]!) && !known(parts[i]!)) end = i;
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
