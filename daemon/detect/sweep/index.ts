// The sweep: for a policy that redacts by allowlist (`strict`), every word of the prompt that no English dictionary
// knows, and every long number, counts as possibly identifying. The name and address recognisers need a cue or a
// listed name ("Dear …", "lives at …"); a surname nobody listed, said with no cue ("Why is Okwuosa so quiet?"),
// passes them. The sweep does not try to recognise: it keeps only what it knows is ordinary language.
// Its findings are weak (`possible-name`, `possible-number`): a policy acts on them only where it names those types.
// Pure and linear: one pass over the words, set lookups.
import type { Finding } from '../finding';
import { isEnglish, lex, standalone } from '../pii/names-context';
import { VOCABULARY } from './vocabulary-data';

export const SWEEP_LABELS = {
  'possible-name': 'word no dictionary knows (possibly a name)',
  'possible-full-name': "run of words no dictionary knows (possibly a person's full name)",
  'possible-number': 'long number (possibly an identifier)',
  'possible-address': 'line opening with a number and an unknown word (possibly a street address)',
} as const;

let vocabulary: Set<string> | undefined;
/** Built on first use: only a policy that sweeps pays for the 42k words and the place names. */
const known = (): Set<string> => (vocabulary ??= new Set([...VOCABULARY.split(' '), ...placeAndLanguageWords()]));

/** UN M49 regions and continents ("Europe", "Latin America"): Intl names them by number. */
const M49 = ['001', '002', '003', '005', '009', '011', '013', '014', '015', '017', '018', '019', '021', '029', '030', '034', '035', '039', '053', '054', '057', '061', '142', '143', '145', '150', '151', '154', '155', '202', '419'];

/**
 * The words of every country and region name, every language name (in English and in itself: "Swedish",
 * "Português") and every city of the time zone database ("Lisbon", "Sao Paulo"), from the runtime's own ICU data:
 * public names, not people. A word that is also a listed given name or surname ("Jordan", "Florence") is left out,
 * so it is still swept.
 */
function placeAndLanguageWords(): string[] {
  const names: string[] = [];
  try {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const region = new Intl.DisplayNames(['en'], { type: 'region' });
    const language = new Intl.DisplayNames(['en'], { type: 'language' });
    for (const code of M49) names.push(region.of(code) ?? '');
    for (const a of letters) {
      for (const b of letters) {
        const two = a + b;
        for (const [of, code] of [[region, two.toUpperCase()], [language, two]] as const) {
          try {
            const name = of.of(code);
            if (name && name.toLowerCase() !== code.toLowerCase()) names.push(name);
          } catch {
            // Not a code this ICU knows.
          }
        }
        try {
          const own = new Intl.DisplayNames([two], { type: 'language', fallback: 'none' }).of(two);
          if (own) names.push(own);
        } catch {
          // Not a locale this ICU knows.
        }
      }
    }
    for (const zone of Intl.supportedValuesOf('timeZone')) names.push(...zone.split('/').slice(1));
  } catch {
    // A runtime without ICU data: fewer public words, so more is swept (the safe side).
  }
  const { first, last } = lex();
  const words = names.flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{M}]+/u)).filter((w) => w.length > 1);
  return [...new Set(words)].filter((w) => { const listed = w[0]!.toUpperCase() + w.slice(1); return !first.has(listed) && !last.has(listed); });
}

/**
 * Programming words the dictionary lacks: keywords of the common languages and the jargon around them. A developer's
 * lowercase prompt is full of them ("why does my async fn need mut"), and none is a name.
 */
const DEVELOPER_WORDS = new Set((
  'api apis async await bool boolean booleans const consts enum enums fn func impl impls init mut struct structs trait traits ' +
  'typedef tuple tuples vec str usize isize args argv argc params lambda lambdas closure closures iterator iterators ' +
  'runtime runtimes mutex mutexes regex regexes stdin stdout stderr localhost backend frontend middleware namespace ' +
  'namespaces filesystem filesystems refactor refactoring repo repos config configs env dev devs http https url urls uri ' +
  'json yaml yml toml xml html css csv sql cli gui ui ux sdk sdks cpu gpu ram ssd tcp udp ip dns ssh ssl tls utf ascii ' +
  'unicode npm pnpm npx cargo pip venv dockerfile kubectl webpack esbuild typescript javascript golang rustc rustup ' +
  'linter linters lint linting debugger debuggers backtrace stacktrace deref dereference dereferencing destructure ' +
  'destructuring allocator allocators hardcoded hardcode newline newlines whitespace multithreaded codebase codebases ' +
  'boilerplate metadata monorepo submodule submodules sudo chmod chown grep sed awk curl wget cron crontab systemd ' +
  'oauth jwt saml ldap sso mfa totp webhook webhooks websocket websockets endpoint endpoints frontend backend ' +
  'macos ios linux ubuntu debian fedora windows powershell bash zsh github gitlab bitbucket' ).split(' '));

const CONTRACTION = /(?:n['’]t|['’](?:ll|ve|re|d|s|m|t))$/iu;
const PLURAL = ['s', 'es'];
/** A lowercase word of the language: either dictionary, or a plural or possessive of one ("tuples", "server's"). */
function ordinary(lower: string): boolean {
  if (isEnglish(lower) || known().has(lower) || lex().never.has(lower) || DEVELOPER_WORDS.has(lower)) return true;
  return PLURAL.some((x) => lower.length > x.length + 2 && lower.endsWith(x) && (known().has(lower.slice(0, -x.length)) || isEnglish(lower.slice(0, -x.length))));
}

/** Particles inside a full name ("Femke ten Brink", "Ludwig van Beethoven"). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'ten', 'ter', 'de', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'dos', 'das', 'do', 'y']);
/** Name-shaped capitals inside a word: McDowell, MacLeod, DeShawn, O'Brien. Other inner capitals are products (GitHub). */
const NAME_CAPS = /^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O['’])\p{Lu}\p{Ll}+$/u;
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
/** A word right after a full stop, a question or exclamation mark, a semicolon or an opening quote, and a space. */
function afterFullStop(text: string, at: number): boolean {
  let k = at - 1;
  if (text[k] !== ' ' && text[k] !== '\t') return false;
  while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\t') && at - k < 3) k--;
  const before = text[k - 1];
  return before !== undefined && '.!?;"“'.includes(before);
}

interface Word { start: number; end: number; text: string }

/**
 * For each word, whether its sentence starts in lowercase ("have you met ngozi adeyemi yet?"): capitals tell
 * nothing in a sentence typed that way. A sentence starts after a full stop, or with the first word of a line that
 * follows a short line, a blank one or a finished sentence; a long line without an end is prose wrapped by an editor,
 * and the sentence goes on ("…for struct\nfields as…"). One forward pass, newlines found once each.
 */
function lowercaseSentences(text: string, words: readonly Word[]): boolean[] {
  let lower = false;
  let lineStart = 0;
  let prevLineStart = -1;
  let nextNewline = text.indexOf('\n');
  return words.map((w, i) => {
    while (nextNewline !== -1 && nextNewline < w.start) {
      prevLineStart = lineStart;
      lineStart = nextNewline + 1;
      nextNewline = text.indexOf('\n', lineStart);
    }
    const firstOnLine = i > 0 && words[i - 1]!.end < lineStart;
    if (i === 0 || afterFullStop(text, w.start) || (firstOnLine && lineEndsSentence(text.slice(prevLineStart, lineStart - 1)))) {
      lower = /^\p{Ll}/u.test(w.text);
    }
    return lower;
  });
}

/** Whether the line before ends what was being said: short (a heading, a label, a card's line), blank, or finished. */
function lineEndsSentence(line: string): boolean {
  const prev = line.trimEnd();
  return prev.length < 50 || /[.!?:"”]$/u.test(prev);
}

function shape(w: string): 'lower' | 'capital' | 'name-caps' | 'other' {
  if (w === w.toLowerCase()) return 'lower';
  // "Okonjo-Bello": every part capitalised.
  if (/[-'’]/u.test(w)) return w.split(/[-'’]/u).every((p) => p === '' || /^\p{Lu}\p{Ll}*$/u.test(p)) ? 'capital' : NAME_CAPS.test(w) ? 'name-caps' : 'other';
  const rest = w.slice(1);
  if (/^\p{Lu}/u.test(w) && rest === rest.toLowerCase()) return 'capital';
  if (NAME_CAPS.test(w)) return 'name-caps';
  return 'other';
}

/** Whether a word, as written at position i, is one the sweep cannot vouch for. */
function unknownWord(text: string, words: readonly Word[], i: number, lowerInText: ReadonlySet<string>, lowerTyped: boolean): boolean {
  const { text: w, start, end } = words[i]!;
  if (w.length < 2) return false;
  // The shape first: it is cheap and rules out most words (lowercase ones in a capitalised sentence).
  const form = shape(w.replace(CONTRACTION, ''));
  if (form === 'other') return false;
  if (form === 'lower' && !lowerTyped) {
    const listed = w[0]!.toUpperCase() + w.slice(1);
    if (!(lex().first.has(listed) && lex().last.has(listed))) return false;
  }
  if (!standalone(text, start, end) || !prose(text, start, end)) return false;
  const whole = w.toLowerCase();
  // "won't" is "wo" + "n't" by the rule, "will" + "not" in fact: the word counts if either reading is one.
  const lower = whole.replace(CONTRACTION, '');
  if (ordinary(lower) || ordinary(whole.replace(/['’]t$/u, '')) || lower.split(/[-'’]/).every((p) => p.length < 2 || ordinary(p))) return false;
  // A capitalised word the same prompt also writes in lowercase is a common noun of its subject ("Tuple", "tuple").
  return form !== 'capital' || !lowerInText.has(lower);
}

/** Not part of a path, a URL, markup or an assignment: `https://`, `</kbd>`, `key=value`, `%PATH%`. */
function prose(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before !== undefined && '/\\<>=%&'.includes(before)) return false;
  if (after !== undefined && '/\\>=%'.includes(after)) return false;
  return !(after === ':' && text[end + 1] === '/');
}

const capitalised = (w: string | undefined): boolean => w !== undefined && /^\p{Lu}\p{Ll}/u.test(w);

/** Unknown words, widened to the whole name they stand in: particles and the next capitalised word, a listed first name before, list mates. */
function possibleNames(text: string): { names: Finding[]; addresses: Finding[] } {
  const words: Word[] = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const lowerInText = new Set(words.filter((w) => w.text === w.text.toLowerCase()).map((w) => w.text));
  const lowerTyped = lowercaseSentences(text, words);
  const marked = words.map((_, i) => unknownWord(text, words, i, lowerInText, lowerTyped[i]!));
  const gap = (a: number, b: number): string => text.slice(words[a]!.end, words[b]!.start);
  for (let i = 0; i < words.length; i++) {
    if (!marked[i]) continue;
    // "Grace Okonjo": a capitalised listed first name right before.
    if (i > 0 && gap(i - 1, i) === ' ' && capitalised(words[i - 1]!.text) && lex().first.has(words[i - 1]!.text)) marked[i - 1] = true;
    // "Femke ten Brink": particles, then the capitalised word they lead to.
    let j = i + 1;
    while (j < words.length && gap(j - 1, j) === ' ' && PARTICLES.has(words[j]!.text)) j++;
    if (j > i + 1 && j < words.length && gap(j - 1, j) === ' ' && capitalised(words[j]!.text)) for (let k = i + 1; k <= j; k++) marked[k] = true;
    // "Nwosu and Brown", "Tendai, Okafor and Reyes": the capitalised members of the list it heads or closes.
    // A walk stops at a word already marked: that word walks on by itself, so each list is walked once (linear).
    for (const dir of [1, -1]) {
      let k = i;
      while (k + dir >= 0 && k + dir < words.length && !marked[k + dir] && /^(?:,? (?:and|or|&) |, )$/.test(dir > 0 ? gap(k, k + dir) : gap(k + dir, k)) && capitalised(words[k + dir]!.text)) {
        k += dir;
        marked[k] = true;
      }
      // "X and Y" reads the conjunction as a word: step over it.
      const c = k + dir;
      const after = k + 2 * dir;
      if (words[c] && /^(?:and|or)$/.test(words[c]!.text) && words[after] && capitalised(words[after]!.text) && /^,? $/.test(dir > 0 ? gap(k, c) : gap(c, k))) marked[after] = true;
    }
  }
  const out: Finding[] = [];
  const addresses = addressLines(text, words, marked);
  for (let i = 0; i < words.length; i++) {
    if (!marked[i]) continue;
    let j = i;
    while (j + 1 < words.length && marked[j + 1] && /^[ \p{Zs}]+$/u.test(gap(j, j + 1))) j++;
    // Two unknown name words in a row are a person far more often than a product ("Ngozi Adeyemi", "Erich Gamma").
    let nameWords = 0;
    for (let k = i; k <= j; k++) if (!PARTICLES.has(words[k]!.text) && words[k]!.text.length > 1) nameWords++;
    out.push(finding(nameWords >= 2 ? 'possible-full-name' : 'possible-name', words[i]!.start, words[j]!.end));
    i = j;
  }
  return { names: out, addresses };
}

const HOUSE_NUMBER = /^[ \t]*\d{1,5}[a-z]?,?[ \t]+/u;
/** A postal block's lines under the street: at most four, each short (UPU addressing: town, region, postcode, country). */
const BLOCK_LINES = 4;
const BLOCK_LINE_CHARS = 40;
/**
 * A line that opens with a house number whose next word (or the one after a one-letter abbreviation: "4410 r naweed")
 * is unknown reads as a street address: the whole line, for the town and country after the street are part of it
 * ("17 calle okwuosa 4, lagos, nigeria"), and so are the short lines of its block below it.
 */
function addressLines(text: string, words: readonly Word[], marked: readonly boolean[]): Finding[] {
  const out: Finding[] = [];
  let w = 0;
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const lead = HOUSE_NUMBER.exec(text.slice(at, Math.min(end, at + 12)));
    if (lead) {
      const from = at + lead[0].length;
      while (w < words.length && words[w]!.start < from) w++;
      const next = words[w]?.start === from && words[w]!.end <= end ? w : -1;
      const hit = next >= 0 && (marked[next] || (words[next]!.text.length <= 2 && words[next + 1] !== undefined && words[next + 1]!.end <= end && marked[next + 1]));
      if (hit) {
        let stop = at + text.slice(at, end).replace(/[\s.]+$/u, '').length;
        let lineEnd = end;
        // The short lines under a street line are its town, region, postcode and country, up to a blank line.
        for (let more = 0; more < BLOCK_LINES && lineEnd < text.length; more++) {
          const nextEnd = text.indexOf('\n', lineEnd + 1) < 0 ? text.length : text.indexOf('\n', lineEnd + 1);
          const line = text.slice(lineEnd + 1, nextEnd);
          if (!line.trim() || line.trim().length > BLOCK_LINE_CHARS || HOUSE_NUMBER.test(line)) break;
          stop = lineEnd + 1 + line.replace(/[\s.]+$/u, '').length;
          lineEnd = nextEnd;
        }
        out.push(finding('possible-address', at + text.slice(at, end).length - text.slice(at, end).trimStart().length, stop));
        at = lineEnd + 1;
        continue;
      }
    }
    at = end + 1;
  }
  return out;
}

const NUMBER = /(?<![\p{L}\p{N}_.,:/#-])\d+(?:[ -]\d+)*(?![\p{L}\p{N}_]|[.,]\d)/gu;
/** A calendar date written with dashes (2024-03-05, 05-03-2024): a date, not an identifier. */
const DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})$/;
/** Five digits or more in one run of groups ("4471 2209", "100271"): postcodes, phone and account numbers. */
function possibleNumbers(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(NUMBER)) {
    if (m[0].replace(/\D/g, '').length >= 5 && !DATE.test(m[0])) out.push(finding('possible-number', m.index, m.index + m[0].length));
  }
  return out;
}

function finding(type: keyof typeof SWEEP_LABELS, start: number, end: number): Finding {
  return { kind: 'pii', type, start, end, detector: 'airlock/sweep', label: SWEEP_LABELS[type], confidence: 0.2 };
}

/** Addresses first: a swept word or number inside a swept address line is part of it, not a finding of its own. */
export function sweep(text: string): Finding[] {
  const { names, addresses } = possibleNames(text);
  const rest = [...names, ...possibleNumbers(text)].sort((a, b) => a.start - b.start);
  const out = [...addresses];
  let a = 0; // addresses are in text order and never overlap: one pointer walks them beside the rest
  for (const f of rest) {
    while (a < addresses.length && addresses[a]!.end <= f.start) a++;
    if (!(a < addresses.length && addresses[a]!.start <= f.start && f.end <= addresses[a]!.end)) out.push(f);
  }
  return out.sort((x, y) => x.start - y.start);
}
