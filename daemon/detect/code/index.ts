// Source-code detector: finds code regions in a prompt (fenced or pasted), names their language, and
// summarises how much of the prompt is code. Synchronous and bounded: line scoring is linear, at most two
// grammars parse a bounded sample of each region, and parsing stops once a per-prompt budget is spent.
import type { CodeRegion, CodeSummary } from '../../../protocol';
import { languageOfGrammar } from './grammars';
import { guessGrammars, type Candidate } from './guess';
import { isCleanParse, isStructured, parseShape, type ParseShape } from './parse';
import { findCandidates, type Candidate as Span } from './regions';

/**
 * isCode threshold: a region needs this many non-blank characters (`let x=5;` counts, `foo()` in a fence or
 * a lone `}` does not). Inline `code` spans in prose are never regions: markdown prose quotes code without being code.
 * Fenced regions span the content lines (fence lines excluded), trimmed of surrounding whitespace.
 */
export const MIN_REGION_CHARS = 6;
/** Longest sample of one region handed to a parser. */
const SAMPLE_CHARS = 1536;
/** Characters parsed per prompt, over all regions and grammars; beyond it only token evidence names languages. */
const PARSE_BUDGET_CHARS = 6144;
/** An unfenced run with one code-looking line needs this line score to count without a parse... */
const STRONG_LINE_SCORE = 4;
/** ...or a clean, structured parse and this much token evidence for its language. */
const WEAK_RUN_GUESS = 3;
/** Token evidence that names a language without a parse (when the parse budget is spent). */
const CONFIDENT_GUESS = 5;

const nonBlankChars = (s: string) => s.replace(/\s+/g, '').length; // not match(/\s/g): an array of every space

/** First SAMPLE_CHARS of a region, cut at a line end so that the parser does not see half a line. */
function sampleOf(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const cut = text.lastIndexOf('\n', SAMPLE_CHARS);
  return text.slice(0, cut > SAMPLE_CHARS / 2 ? cut : SAMPLE_CHARS);
}

interface Verdict {
  isCode: boolean;
  language: string;
}

interface Naming {
  shape: ParseShape | null;
  guessScore: number;
  guessed: string | null;
}

/** Token evidence so clear that parsing would only confirm it. */
function decisive(candidates: readonly Candidate[]): boolean {
  const [top, second] = candidates;
  return top !== undefined && top.score >= CONFIDENT_GUESS && top.score >= 2 * (second?.score ?? 0);
}

/**
 * Name the language of a sample. Parses only when the tokens leave a doubt or `needShape` asks for the tree
 * (an undecided run), tries the second candidate only when the first parse is unclean, and stops once the
 * per-prompt budget is spent.
 */
function nameLanguage(sample: string, needShape: boolean, budget: { chars: number }): Naming {
  const candidates = guessGrammars(sample);
  const top = candidates[0];
  const naming: Naming = { shape: null, guessScore: top?.score ?? 0, guessed: top ? languageOfGrammar(top.grammar) : null };
  if (!needShape && decisive(candidates)) return naming;
  for (const c of candidates) {
    if (budget.chars < sample.length) break;
    budget.chars -= sample.length;
    const shape = parseShape(c.grammar, sample);
    if (shape && isCleanParse(shape)) {
      naming.shape = shape;
      naming.guessed = languageOfGrammar(shape.grammar);
      break;
    }
  }
  return naming;
}

function judge(text: string, c: Span, budget: { chars: number }): Verdict {
  const body = text.slice(c.start, c.end);
  if (c.hint) return { isCode: true, language: c.hint.language };
  const strong = c.fenced || c.codeLines >= 2 || c.lineScore >= STRONG_LINE_SCORE;
  const { shape, guessScore, guessed } = nameLanguage(sampleOf(body), !strong, budget);
  const language = shape || (guessed && guessScore >= CONFIDENT_GUESS) ? guessed ?? 'unknown' : 'unknown';
  // A fence is the author saying "this is code"; a strong run needs no tree. Only the language is in question.
  if (strong) return { isCode: true, language };
  const isCode = shape !== null && isStructured(shape) && guessScore >= WEAK_RUN_GUESS;
  return { isCode, language };
}

function dominantLanguage(regions: readonly CodeRegion[], text: string): string | null {
  const weight = new Map<string, number>();
  for (const r of regions) weight.set(r.language, (weight.get(r.language) ?? 0) + nonBlankChars(text.slice(r.start, r.end)));
  let best: string | null = null;
  let bestWeight = 0;
  for (const [language, w] of weight) if (w > bestWeight) [best, bestWeight] = [language, w];
  return best === 'unknown' ? null : best;
}

export function detectCode(text: string): CodeSummary {
  const regions: CodeRegion[] = [];
  const budget = { chars: PARSE_BUDGET_CHARS };
  let codeChars = 0;
  for (const c of findCandidates(text)) {
    const size = nonBlankChars(text.slice(c.start, c.end));
    if (size < MIN_REGION_CHARS) continue;
    const verdict = judge(text, c, budget);
    if (!verdict.isCode) continue;
    regions.push({ start: c.start, end: c.end, language: verdict.language, fenced: c.fenced });
    codeChars += size;
  }
  const total = nonBlankChars(text);
  return {
    isCode: regions.length > 0,
    language: dominantLanguage(regions, text),
    share: total ? Math.min(1, codeChars / total) : 0,
    regions,
  };
}
