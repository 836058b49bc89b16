// YAML with positions: every error Airlock reports about a preset (or a preset test file) names file:line:col.
import { isMap, isPair, isScalar, isSeq, LineCounter, Parser, parseDocument, type CST, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { AirlockError, type ErrorCode } from '../../protocol';

export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
  value: unknown;
}

/** Deeper than any preset or config needs; far below where the YAML composer and zod run out of stack. */
export const MAX_YAML_DEPTH = 64;

/** The offset of the first collection nested deeper than `max`, or null. Iterative: depth itself cannot overflow. */
export function tooDeepAt(text: string, max = MAX_YAML_DEPTH): number | null {
  const stack: { token: CST.Token; depth: number }[] = [];
  for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 });
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > max) return token.offset;
      // Pushed last-first so the first too-deep collection in file order is found first.
      for (const item of [...token.items].reverse()) {
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** Parses YAML text; a syntax error becomes `errorCode` with `file:line:col: message`. */
export function parseYamlSource(text: string, file: string, errorCode: ErrorCode = 'AIRLOCK_E_POLICY_PARSE'): YamlSource {
  const lines = new LineCounter();
  const deep = tooDeepAt(text);
  if (deep !== null) {
    lines.addNewLine(0);
    for (let nl = text.indexOf('\n'); nl !== -1 && nl < deep; nl = text.indexOf('\n', nl + 1)) lines.addNewLine(nl + 1);
    const { line, col } = lines.linePos(deep);
    throw new AirlockError(errorCode, `${file}:${line}:${col}: nesting too deep (more than ${MAX_YAML_DEPTH} levels)`, { file, line, col });
  }
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lines.linePos(first.pos[0]);
    throw new AirlockError(errorCode, `${file}:${line}:${col}: ${first.message.split('\n')[0]}`, { file, line, col });
  }
  try {
    return { file, doc, lines, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    throw new AirlockError(errorCode, `${file}:1:1: ${(err as Error).message}`, { file, line: 1, col: 1 });
  }
}

type PathKey = PropertyKey;

/** The deepest YAML node along `path` (the parent when the last step is missing, e.g. a required field). */
export function nodeAt(src: YamlSource, path: readonly PathKey[]): Node | null {
  let node = src.doc.contents as Node | null;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
      node = node.items[key] as Node;
    } else {
      return node;
    }
  }
  return node;
}

/** The key node of `field` inside the map at `path`, for "unknown field" errors. */
function keyNodeAt(src: YamlSource, path: readonly PathKey[], field: string): Node | null {
  const map = nodeAt(src, path);
  if (!isMap(map)) return map;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === field);
  return (pair?.key as Node | undefined) ?? map;
}

export function lineColOf(src: YamlSource, node: Node | null): { line: number; col: number } {
  const offset = node?.range?.[0] ?? 0;
  return src.lines.linePos(offset);
}

/** 1-based line of the node at `path`. */
export function lineAt(src: YamlSource, path: readonly PathKey[]): number {
  return lineColOf(src, nodeAt(src, path)).line;
}

function dotted(path: readonly PathKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

/** Each zod issue as `file:line:col: field: what is wrong`, in file order. */
export function describeIssues(src: YamlSource, issues: readonly z.core.$ZodIssue[]): string[] {
  const located = issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        pos: lineColOf(src, keyNodeAt(src, issue.path, key)),
        text: `${dotted([...issue.path, key])}: unknown field '${key}'`,
      }));
    }
    const where = dotted(issue.path);
    return [{ pos: lineColOf(src, nodeAt(src, issue.path)), text: where ? `${where}: ${issue.message}` : issue.message }];
  });
  located.sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
  return located.map(({ pos, text }) => `${src.file}:${pos.line}:${pos.col}: ${text}`);
}
