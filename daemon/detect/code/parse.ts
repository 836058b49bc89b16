// Parse a bounded sample with one grammar and summarise the tree's shape. Error share alone does not
// separate code from prose (prose often parses as bash or Python without errors); depth and the variety
// of named node types do: prose gives flat trees of a few node types.
import { parserFor, type GrammarId } from './grammars';

export interface ParseShape {
  grammar: GrammarId;
  /** ERROR and MISSING nodes per non-blank line. */
  errorsPerLine: number;
  /** Distinct named node types. */
  namedTypes: number;
  maxDepth: number;
  /** Parse halted by the time limit. */
  timedOut: boolean;
}

/**
 * No wall-clock cap on a parse: with one, the language found depended on CPU load (a test got `cpp` for C under load).
 * The cost is bounded by size instead: a sample is at most SAMPLE_CHARS and a prompt parses at most PARSE_BUDGET_CHARS
 * (code/index.ts), which costs milliseconds; the scan pool's per-prompt deadline is the backstop against the unforeseen.
 */
const PARSE_TIMEOUT_MICROS = 0;

export function parseShape(grammar: GrammarId, sample: string): ParseShape | null {
  const parser = parserFor(grammar);
  if (!parser) return null;
  parser.setTimeoutMicros(PARSE_TIMEOUT_MICROS);
  let tree;
  try {
    tree = parser.parse(sample);
  } catch {
    tree = undefined;
  }
  if (!tree) {
    parser.reset(); // otherwise the next parse resumes the halted one
    return { grammar, errorsPerLine: Infinity, namedTypes: 0, maxDepth: 0, timedOut: true };
  }
  const cursor = tree.walk();
  const types = new Set<number>();
  let errors = 0;
  let maxDepth = 0;
  let depth = 0;
  for (;;) {
    if (cursor.nodeIsNamed) types.add(cursor.nodeTypeId);
    if (cursor.nodeIsMissing || cursor.nodeType === 'ERROR') errors++;
    if (cursor.gotoFirstChild()) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      continue;
    }
    let climbed = true;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        climbed = false;
        break;
      }
      depth--;
    }
    if (!climbed) break;
  }
  let lines = 0;
  for (const l of sample.split('\n')) if (l.trim()) lines++;
  return { grammar, errorsPerLine: errors / Math.max(1, lines), namedTypes: types.size, maxDepth, timedOut: false };
}

/** A parse good enough to name the language: few errors and real structure. */
export function isCleanParse(shape: ParseShape): boolean {
  return shape.errorsPerLine <= 0.15 && shape.namedTypes >= 3;
}

/** Tree structure that prose does not produce. */
export function isStructured(shape: ParseShape): boolean {
  return isCleanParse(shape) && shape.namedTypes >= 6 && shape.maxDepth >= 4;
}
