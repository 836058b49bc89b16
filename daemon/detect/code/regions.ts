// Split a prompt into candidate code spans: markdown fences (with their language hint) and runs of
// code-looking lines in unfenced text. Candidates are verified (and named) by code.ts.
import { liftBlocks } from './blocks';
import { scoreLine, type LineScore } from './fallback';
import { fenceHint, type FenceLanguage } from './languages';

export interface Line {
  start: number;
  /** End of the line's text, excluding the newline. */
  end: number;
}

export interface Candidate {
  start: number;
  end: number;
  fenced: boolean;
  /** Language named by the fence's info string. */
  hint?: FenceLanguage;
  /** Unfenced runs: summed line scores and the number of code-looking lines, for the verdict. */
  lineScore: number;
  codeLines: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start, end: end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^`]*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})\s*$/;

const indentOf = (s: string) => s.length - s.trimStart().length;

/** Trim a span to its first and last non-whitespace characters. */
function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

/**
 * Runs of code-looking lines among lines[from, to). Blank and undecided lines bridge code lines; a prose
 * line ends the run unless it is indented deeper than the run's first line and code follows it (a
 * docstring, a wrapped string). Undecided lines leaning to code (`package main`, `end`, `fi`) just before
 * or after a run join it.
 */
function codeRuns(text: string, masked: string[], lines: Line[], from: number, to: number, fenced: boolean, out: Candidate[], memo: Map<string, LineScore>): void {
  const own: LineScore[] = [];
  const texts: string[] = [];
  for (let i = from; i < to; i++) {
    const line = masked[i] ?? text.slice(lines[i]!.start, lines[i]!.end);
    let score = memo.get(line);
    if (score === undefined) memo.set(line, (score = scoreLine(line)));
    own.push(score);
    texts.push(line);
  }
  // Lines weak alone and code together (YAML blocks, bare lists): lifted by their neighbours.
  const scores = liftBlocks(texts, own);
  const at = (i: number) => scores[i - from]!;
  const isBlank = (i: number) => lines[i]!.end === lines[i]!.start || !text.slice(lines[i]!.start, lines[i]!.end).trim();
  const leansCode = (i: number) => at(i).verdict === 'neutral' && at(i).score > 0;
  const nextNonBlank = (i: number) => {
    while (i < to && isBlank(i)) i++;
    return i;
  };
  let i = from;
  while (i < to) {
    if (at(i).verdict !== 'code') {
      i++;
      continue;
    }
    let first = i;
    for (let k = i - 1; k >= from && (isBlank(k) || leansCode(k)); k--) if (!isBlank(k)) first = k;
    const baseIndent = indentOf(text.slice(lines[i]!.start, lines[i]!.end));
    let last = i;
    let lineScore = 0;
    let codeLines = 0;
    let j = i;
    for (; j < to; j++) {
      const s = at(j);
      if (s.verdict === 'code') {
        last = j;
        lineScore += s.score;
        codeLines++;
      } else if (s.verdict === 'prose') {
        const next = nextNonBlank(j + 1);
        const nested = indentOf(text.slice(lines[j]!.start, lines[j]!.end)) > baseIndent;
        if (!(nested && next < to && at(next).verdict !== 'prose')) break;
      }
    }
    while (last + 1 < to && leansCode(last + 1)) last++;
    const [start, end] = trimSpan(text, lines[first]!.start, lines[last]!.end);
    out.push({ start, end, fenced, lineScore, codeLines });
    i = Math.max(j, last + 1);
  }
}

// Markdown inline code may wrap onto the next line (`let job =\nreceiver.lock();`).
// A double-backtick span holds single backticks (`` `Rc<T>` cannot be sent ``) and may wrap once too; exactly two
// backticks open and close it, so a ``` fence is never one.
const INLINE_CODE = /(?<!`)``(?!`)(?:[^\n]|\n(?!\n)){1,400}?(?<!`)``(?!`)|`[^`\n]+(?:\n[^`\n]+)?`/g;

/** The text's lines with inline code spans replaced by a word, newlines kept so that line i stays line i. */
function maskInlineCode(text: string): string[] {
  if (!text.includes('`')) return [];
  return text.replace(INLINE_CODE, (span) => (span.startsWith('```') ? span : 'x' + '\n'.repeat(span.split('\n').length - 1))).split('\n');
}

/** Fenced blocks (content only, fence lines excluded) and unfenced code-looking runs, in text order. */
export function findCandidates(text: string): Candidate[] {
  const lines = splitLines(text);
  const masked = maskInlineCode(text);
  const out: Candidate[] = [];
  // A line's score depends on the line alone: a line seen before in this prompt is not scored again. Prompts repeat
  // lines (blank ones, `}`, log lines), and a hostile one repeats one short line tens of thousands of times, where
  // about 25 regexes a line were most of the scan.
  const memo = new Map<string, LineScore>();
  let plainFrom = 0;
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(text.slice(lines[i]!.start, lines[i]!.end));
    if (!open) continue;
    const marker = open[1]!;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const m = FENCE_CLOSE.exec(text.slice(lines[j]!.start, lines[j]!.end));
      if (m && m[1]![0] === marker[0] && m[1]!.length >= marker.length) break;
    }
    codeRuns(text, masked, lines, plainFrom, i, false, out, memo);
    const hint = fenceHint(open[2] ?? '');
    if (hint === 'not-code') codeRuns(text, masked, lines, i + 1, j, true, out, memo);
    else if (j > i + 1) {
      // An unclosed fence runs to the end of the prompt, as in CommonMark.
      const [start, end] = trimSpan(text, lines[i + 1]!.start, lines[Math.min(j, lines.length) - 1]!.end);
      if (end > start) out.push({ start, end, fenced: true, lineScore: 0, codeLines: 0, ...(hint ? { hint } : {}) });
    }
    plainFrom = j + 1;
    i = j;
  }
  codeRuns(text, masked, lines, plainFrom, lines.length, false, out, memo);
  return out.sort((a, b) => a.start - b.start);
}
