// Split a prompt into candidate code spans: markdown fences (with their language hint) and runs of
// code-looking lines in unfenced text. Candidates are verified (and named) by code.ts.
import { scoreLine } from './code-fallback';
import { fenceHint, type FenceLanguage } from './code-languages';

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
 * Runs of code-looking lines among lines[from, to). Blank and undecided lines bridge code lines;
 * a prose line ends the run, unless it sits deeper-indented inside an open bracket (a multi-line
 * string or comment inside code). A run ends on its last code-looking line.
 */
function codeRuns(text: string, lines: Line[], from: number, to: number, fenced: boolean, out: Candidate[]): void {
  let first = -1;
  let lastCode = -1;
  let depth = 0;
  let baseIndent = 0;
  let lineScore = 0;
  let codeLines = 0;
  const close = () => {
    if (first < 0) return;
    const [start, end] = trimSpan(text, lines[first]!.start, lines[lastCode]!.end);
    out.push({ start, end, fenced, lineScore, codeLines });
    first = -1;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    const raw = text.slice(line.start, line.end);
    const s = scoreLine(raw);
    if (s.verdict === 'code') {
      if (first < 0) {
        first = i;
        depth = 0;
        baseIndent = indentOf(raw);
        lineScore = 0;
        codeLines = 0;
      }
      lastCode = i;
      lineScore += s.score;
      codeLines++;
      depth += s.depthDelta;
    } else if (first >= 0) {
      if (s.verdict === 'prose' && !(depth > 0 && indentOf(raw) > baseIndent)) {
        close();
        continue;
      }
      depth += s.depthDelta;
    }
  }
  close();
}

/** Fenced blocks (content only, fence lines excluded) and unfenced code-looking runs, in text order. */
export function findCandidates(text: string): Candidate[] {
  const lines = splitLines(text);
  const out: Candidate[] = [];
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
    codeRuns(text, lines, plainFrom, i, false, out);
    const hint = fenceHint(open[2] ?? '');
    if (hint === 'not-code') codeRuns(text, lines, i + 1, j, true, out);
    else if (j > i + 1) {
      // An unclosed fence runs to the end of the prompt, as in CommonMark.
      const [start, end] = trimSpan(text, lines[i + 1]!.start, lines[Math.min(j, lines.length) - 1]!.end);
      if (end > start) out.push({ start, end, fenced: true, lineScore: 0, codeLines: 0, ...(hint ? { hint } : {}) });
    }
    plainFrom = j + 1;
    i = j;
  }
  codeRuns(text, lines, plainFrom, lines.length, false, out);
  return out.sort((a, b) => a.start - b.start);
}
