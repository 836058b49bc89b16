// The sweep: for a policy that redacts by allowlist (`strict`), every word of the prompt that no English dictionary
// knows, and every long number, counts as possibly identifying. The name and address recognisers need a cue or a
// listed name ("Dear …", "lives at …"); a surname nobody listed, said with no cue ("Why is Okwuosa so quiet?"),
// passes them. The sweep does not try to recognise: it keeps only what it knows is ordinary language.
// Its findings are weak (`possible-name`, `possible-full-name`, `possible-number`, `possible-address`): a policy acts on
// them only where it names those types.
// Pure and linear: one pass over the words, set lookups.
import type { Finding } from '../finding';
import { lex, standalone } from '../pii/names-context';
import { addressLines } from './address';
import { finding } from './finding';
import { possibleNumbers } from './numbers';
import { jargonShaped } from './jargon';
import { ambiguousPlace, placeByContext } from './places';
import { lowercaseSentences, type Word } from './sentences';
import { CONTRACTION, ordinary, plainlyKnown } from './vocabulary';

export { SWEEP_LABELS } from './finding';

/** Particles inside a full name ("Femke ten Brink", "Ludwig van Beethoven"). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'ten', 'ter', 'de', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'dos', 'das', 'do', 'y']);
/** Name-shaped capitals inside a word: McDowell, MacLeod, DeShawn, O'Brien. Other inner capitals are products (GitHub). */
const NAME_CAPS = /^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O['’])\p{Lu}\p{Ll}+$/u;
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

/** How a word is written: the sweep reads capitalised words anywhere, lowercase ones only in lowercase sentences. */
function shape(w: string): 'lower' | 'capital' | 'name-caps' | 'other' {
  if (w === w.toLowerCase()) return 'lower';
  // "Okonjo-Bello": every part capitalised.
  if (/[-'’]/u.test(w)) return w.split(/[-'’]/u).every((p) => p === '' || /^\p{Lu}\p{Ll}*$/u.test(p)) ? 'capital' : NAME_CAPS.test(w) ? 'name-caps' : 'other';
  const rest = w.slice(1);
  if (/^\p{Lu}/u.test(w) && rest === rest.toLowerCase()) return 'capital';
  if (NAME_CAPS.test(w)) return 'name-caps';
  return 'other';
}

/** What a word is, wherever it stands: a word of the language, or unknown in one of the shapes that can be a name. */
type Verdict = { known: true } | { known: false; form: 'lower' | 'capital' | 'name-caps'; lower: string; jargon: boolean };
const KNOWN: Verdict = { known: true };

function verdictOf(w: string, known: ReadonlySet<string>): Verdict {
  if (w.length < 2) return KNOWN;
  // Most capitalised words start a sentence and are plain words ("The", "Install"): set lookups settle them.
  const whole = w.toLowerCase();
  if (plainlyKnown(whole) || known.has(whole)) return KNOWN;
  const form = shape(w.replace(CONTRACTION, ''));
  if (form === 'other') return KNOWN;
  // "won't" is "wo" + "n't" by the rule, "will" + "not" in fact: the word counts if either reading is one.
  const lower = whole.replace(CONTRACTION, '');
  if (ordinary(lower) || ordinary(whole.replace(/['’]t$/u, '')) || lower.split(/[-'’]/).every((p) => p.length < 2 || ordinary(p))) return KNOWN;
  return { known: false, form, lower, jargon: form === 'lower' && jargonShaped(lower) };
}

/** How far the sweep vouches for a word where it stands: a word of the language, jargon, or possibly a name. */
const enum Standing { Known, Jargon, Unknown }

/**
 * Whether a word, as written at position i, is one the sweep cannot vouch for. What does not depend on the position is
 * asked once per distinct word of the text (`verdicts`): a prompt of one word repeated costs one verdict.
 */
function standing(text: string, words: readonly Word[], i: number, lowerInText: () => ReadonlySet<string>, lowerTyped: boolean, verdicts: Map<string, Verdict>, known: ReadonlySet<string>): Standing {
  const { text: w, start, end } = words[i]!;
  if (w.length < 2) return Standing.Known;
  // Most words are lowercase dictionary words: one set lookup settles them, before the verdict map.
  if (lex().english.has(w)) return Standing.Known;
  let verdict = verdicts.get(w);
  if (!verdict) verdicts.set(w, (verdict = verdictOf(w, known)));
  if (verdict.known || !standalone(text, start, end) || !prose(text, start, end)) return Standing.Known;
  // A lowercase word in a capitalised sentence: a name typed in lowercase ("ask okonkwo about it") when a name list
  // holds it or it is not built like jargon ("configmap", "prebuilt", "deps"). Jargon still opens a street line.
  if (!lowerTyped && verdict.form === 'lower' && verdict.jargon && !listedName(w)) return Standing.Jargon;
  if (verdict.form === 'capital' && ambiguousPlace(verdict.lower) && placeByContext(text, words, i)) return Standing.Known;
  // A capitalised word the same prompt also writes in lowercase is a common noun of its subject ("Tuple", "tuple").
  return verdict.form !== 'capital' || !lowerInText().has(verdict.lower) ? Standing.Unknown : Standing.Known;
}

/** Not part of a path, a URL, markup or an assignment: `https://`, `</kbd>`, `key=value`, `%PATH%`. */
function prose(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before !== undefined && '/\\<>=%&'.includes(before)) return false;
  if (after !== undefined && '/\\>=%'.includes(after)) return false;
  return !(after === ':' && text[end + 1] === '/');
}

const SAME_LINE = /^[ \p{Zs}]+$/u;
const LINE_BREAK = /^[ \t]*\r?\n\s*$/;
const nameWord = (w: string): boolean => w.length > 1 && !PARTICLES.has(w);

const capitalised = (w: string | undefined): boolean => w !== undefined && /^\p{Lu}\p{Ll}/u.test(w);

/** Written without capitals (caseless scripts included), as `shape` reads 'lower'; ASCII decided by the first letter. */
function lowerShaped(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
    if (c > 127) return w === w.toLowerCase(); // beyond ASCII: ask the case tables, once
  }
  return true;
}

/** A lowercase word that is a listed given name or surname: the lists hold them capitalised ("Okonkwo"). */
function listedName(lower: string): boolean {
  const { first, last } = lex();
  const name = lower.charAt(0).toUpperCase() + lower.slice(1);
  return first.has(name) || last.has(name);
}

/** A span the sweep leaves alone: source code (its own route keeps it local under every preset that sweeps). */
export interface Span { start: number; end: number }

/** The words of the text outside `skip` (sorted, not overlapping). */
function readWords(text: string, skip: readonly Span[]): Word[] {
  const words: Word[] = [];
  const re = new RegExp(WORD.source, WORD.flags);
  let s = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    while (s < skip.length && skip[s]!.end <= m.index) s++;
    const inside = s < skip.length && skip[s]!.start <= m.index;
    if (inside) re.lastIndex = Math.max(re.lastIndex, skip[s]!.end);
    else words.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return words;
}

/** Unknown words, widened to the whole name they stand in: particles and the next capitalised word, a listed first name before, list mates. */
function possibleNames(text: string, skip: readonly Span[], known: ReadonlySet<string>): { names: Finding[]; addresses: Finding[] } {
  const words = readWords(text, skip);
  const lowerTyped = lowercaseSentences(text, words);
  const verdicts = new Map<string, Verdict>();
  // The words written all in lowercase: asked only for an unknown capitalised word, so built only then.
  let lowerWords: Set<string> | undefined;
  const lowerInText = (): Set<string> => (lowerWords ??= new Set(words.map((w) => w.text).filter(lowerShaped)));
  const standings = words.map((_, i) => standing(text, words, i, lowerInText, lowerTyped[i] === 1, verdicts, known));
  const marked = standings.map((s) => s === Standing.Unknown);
  const gap = (a: number, b: number): string => text.slice(words[a]!.end, words[b]!.start);
  // A list mate is capitalised and not one of the policy's own words (a team vouches that those are not names).
  const mate = (k: number): boolean => capitalised(words[k]!.text) && !known.has(words[k]!.text.toLowerCase());
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
      while (k + dir >= 0 && k + dir < words.length && !marked[k + dir] && /^(?:,? (?:and|or|&) |, )$/.test(dir > 0 ? gap(k, k + dir) : gap(k + dir, k)) && mate(k + dir)) {
        k += dir;
        marked[k] = true;
      }
      // "X and Y" reads the conjunction as a word: step over it.
      const c = k + dir;
      const after = k + 2 * dir;
      if (words[c] && /^(?:and|or)$/.test(words[c]!.text) && words[after] && mate(after) && /^,? $/.test(dir > 0 ? gap(k, c) : gap(c, k))) marked[after] = true;
    }
  }
  const out: Finding[] = [];
  const addresses = addressLines(text, words, marked.map((m, i) => m || standings[i] === Standing.Jargon));
  for (let i = 0; i < words.length; i++) {
    if (!marked[i]) continue;
    let j = i;
    // Two unknown name words side by side on a line are a person far more often than a product ("Ngozi Adeyemi",
    // "Erich Gamma"): a full name.
    let onLine = nameWord(words[i]!.text) ? 1 : 0;
    let full = false;
    const take = (k: number, sameLine: boolean): void => {
      onLine = (sameLine ? onLine : 0) + (nameWord(words[k]!.text) ? 1 : 0);
      full ||= onLine >= 2;
      j = k;
    };
    for (;;) {
      const next = j + 1 < words.length && marked[j + 1] ? gap(j, j + 1) : null;
      if (next !== null && SAME_LINE.test(next)) take(j + 1, true);
      // A column of unknown words, one per line, is one run: one placeholder, not one finding per line.
      else if (next !== null && LINE_BREAK.test(next)) take(j + 1, false);
      // "ngozi t adeyemi", "Femke J. Okwuosa": an initial between two unknown words joins them into one name.
      else if (j + 2 < words.length && marked[j + 2] && words[j + 1]!.text.length === 1 && gap(j, j + 1) === ' ' && /^\.? $/.test(gap(j + 1, j + 2))) take(j + 2, true);
      else break;
    }
    out.push(finding(full ? 'possible-full-name' : 'possible-name', words[i]!.start, words[j]!.end));
    i = j;
  }
  return { names: out, addresses };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Addresses first: a swept word or number inside a swept address line is part of it, not a finding of its own.
 * `knownWords` (lowercase) are the policy's own vocabulary: its products and projects, vouched for like dictionary words.
 */
export function sweep(text: string, skip: readonly Span[] = [], knownWords: ReadonlySet<string> = NONE): Finding[] {
  const { names, addresses } = possibleNames(text, skip, knownWords);
  const rest = [...names, ...possibleNumbers(text, skip)].sort((a, b) => a.start - b.start);
  const out = [...addresses];
  let a = 0; // addresses are in text order and never overlap: one pointer walks them beside the rest
  for (const f of rest) {
    while (a < addresses.length && addresses[a]!.end <= f.start) a++;
    if (!(a < addresses.length && addresses[a]!.start <= f.start && f.end <= addresses[a]!.end)) out.push(f);
  }
  return out.sort((x, y) => x.start - y.start);
}
