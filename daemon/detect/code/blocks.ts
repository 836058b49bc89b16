// Code whose lines are weak one by one but unmistakable together. A YAML line (`os:`, `- ubuntu-latest`,
// `fail-fast: false`) or one identifier on a line (`unlink0`, `SEEK_SET`) scores around +1 alone, since a form line
// or a bullet looks the same; the lines around it settle it:
// - a YAML block: lines that are all keys, `key: value` pairs and list items, where a bare `key:` (a key that looks
//   like code, not "Pros:") opens a more deeply indented child, or where several `key: value` lines have code-like keys;
// - a bare list: one token per line inside brackets (Perl's `qw(` export lists, enum and constant lists), or a run of
//   identifiers no English word has (snake_case, SCREAMING_CASE, sigils).
// Such lines are lifted to code here; everything else keeps its own score. One pass over the lines, each tested
// against a few anchored, bounded patterns only when a cheap first-character test lets it: linear.
import { CODE_LINE_MIN, type LineScore } from './fallback';

/** A key as YAML writes it: a name with dots, dashes, slashes and `$`, or a quoted string. */
const KEY = String.raw`(?:[A-Za-z_$][\w.$/-]{0,60}|'[^'\n]{1,60}'|"[^"\n]{1,60}")`;
/** `key:`, `- key:`, `key: |` or `key: >-` (a block scalar follows), with an optional comment. */
const YAML_OPEN = new RegExp(String.raw`^(\s*)(?:-\s+)?(${KEY}):(?:\s+([|>][-+]?\d?))?\s*(?:#.*)?$`);
/** `key: value` or `- key: value`. */
const YAML_PAIR = new RegExp(String.raw`^\s*(?:-\s+)?(${KEY}):\s+(\S.*)$`);
/** `- item`. */
const YAML_ITEM = /^\s*-\s+(\S.*)$/;
/** A value a config holds, not a sentence: one token, a quoted string, a flow list or map, at most three words. */
const SCALAR = /^(?:"[^"\n]*"|'[^'\n]*'|\[[^\]\n]*\]|\{[^}\n]*\}|[^\s#]+(?:\s+[^\s#]+){0,2})\s*(?:#.*)?$/;
const COMMENT = /^\s*#(?:\s|$)/;

/** A key that reads as a name in code rather than a label ("Pros:", "Note:"): lower-case start, a separator, camelCase, quoted. */
const codeKey = (key: string) => /^[a-z_$'"]/.test(key) || /[_.$/\d-]|[a-z][A-Z]/.test(key);
/** Stricter, for keys with no nesting to go by: a separator or camelCase (`fail-fast`, `BUILD_TYPE`, `containerPort`). */
const strongKey = (key: string) => /[_.$/-]|[a-z][A-Z]/.test(key);

type YamlKind = 'open' | 'pair' | 'item' | 'loose' | 'comment' | 'blank' | null;

interface YamlLine {
  kind: YamlKind;
  indent: number;
  /** open: the key looks like code; pair: the key is strong and the value is a scalar. */
  keyed: boolean;
  /** open: a block scalar (`|`, `>`) follows. */
  scalar: boolean;
}

const indentOf = (s: string) => s.length - s.trimStart().length;

function yamlLine(line: string): YamlLine {
  const t = line.trim();
  const indent = indentOf(line);
  const none = { indent, keyed: false, scalar: false };
  if (!t) return { kind: 'blank', ...none };
  const c = t.charCodeAt(0);
  if (c === 35) return { kind: COMMENT.test(t) ? 'comment' : null, ...none }; // #
  // Cheap gate: a YAML line is a list item or holds a colon.
  if (c !== 45 && !t.includes(':')) return { kind: null, ...none };
  const open = YAML_OPEN.exec(line);
  if (open) return { kind: 'open', indent, keyed: codeKey(open[2]!), scalar: open[3] !== undefined };
  const pair = YAML_PAIR.exec(line);
  if (pair) {
    const scalar = SCALAR.test(pair[2]!);
    return { kind: scalar ? 'pair' : 'loose', indent, keyed: scalar && strongKey(pair[1]!), scalar: false };
  }
  const item = YAML_ITEM.exec(line);
  if (item) return { kind: SCALAR.test(item[1]!) ? 'item' : 'loose', ...none };
  return { kind: null, ...none };
}

/** Lines of YAML blocks to lift: runs of YAML lines with at least 3 structural ones and a nesting or 4 strong pairs. */
function yamlBlocks(lines: readonly string[], lift: boolean[]): void {
  let i = 0;
  while (i < lines.length) {
    let structural = 0;
    let nested = 0;
    let strongPairs = 0;
    let j = i;
    let last = -1;
    /** The open key awaiting its first child, and the block scalar whose text lines are being skipped. */
    let parent: YamlLine | null = null;
    let scalarIndent = -1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (scalarIndent >= 0) {
        if (!line.trim() || indentOf(line) > scalarIndent) continue; // the block scalar's text
        scalarIndent = -1;
      }
      const y = yamlLine(line);
      if (y.kind === null) break;
      if (y.kind === 'blank' || y.kind === 'comment') continue;
      if (parent && y.indent > parent.indent && parent.keyed) nested++;
      parent = null;
      if (y.kind !== 'loose') structural++;
      if (y.kind === 'pair' && y.keyed) strongPairs++;
      if (y.kind === 'open') {
        if (y.scalar) scalarIndent = y.indent;
        else parent = y;
      }
      last = j;
    }
    if (last >= i && structural >= 3 && (nested > 0 || strongPairs >= 4)) for (let k = i; k <= last; k++) lift[k] = true;
    i = Math.max(i + 1, j);
  }
}

/** One token on a line (after a list marker, if any), an optional comma: `unlink0`, `SEEK_SET,`, `$VERSION`, `'-s'`. */
const BARE_TOKEN = /^(?:-\s)?\s*(?:[$@%&]?[A-Za-z_][\w:]{0,80}|'[^'\s]{1,80}'|"[^"\s]{1,80}")\s*,?\s*$/;
/** A token no English word is: snake_case, SCREAMING_CASE, a sigil, a package path (`Foo::Bar`). */
const IDENTIFIER = /^(?:-\s+)?(?:[$@%&][A-Za-z_]|\w*[a-z0-9]_\w|[A-Z][A-Z0-9_]+,?$|\w+::\w)/;
const OPENS_LIST = /(?:\(|\[|\{|\bqw\s*[([{<]?)\s*$/;
const CLOSES_LIST = /^\s*[)\]}]/;

/** Cheap gate before BARE_TOKEN: a short line with no space inside but a list marker's. */
function bareToken(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 86 && t.indexOf(' ', 2) < 0 && BARE_TOKEN.test(t);
}

/** Lines of bare lists to lift: 3+ one-token lines inside brackets, or 4+ identifier lines no prose writes. */
function bareLists(lines: readonly string[], lift: boolean[]): void {
  let i = 0;
  while (i < lines.length) {
    if (!bareToken(lines[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let identifiers = 0;
    for (; j < lines.length && bareToken(lines[j]!); j++) if (IDENTIFIER.test(lines[j]!.trim())) identifiers++;
    const count = j - i;
    const before = i > 0 ? lines[i - 1]! : '';
    const after = j < lines.length ? lines[j]! : '';
    const bracketed = OPENS_LIST.test(before) || CLOSES_LIST.test(after);
    if ((count >= 3 && bracketed) || identifiers >= 4) for (let k = i; k < j; k++) lift[k] = true;
    i = j;
  }
}

/** The line scores with the lines of YAML blocks and bare lists lifted to code; the input array is not changed. */
export function liftBlocks(lines: readonly string[], scores: readonly LineScore[]): LineScore[] {
  const lift = new Array<boolean>(lines.length).fill(false);
  yamlBlocks(lines, lift);
  bareLists(lines, lift);
  return scores.map((s, k) => (lift[k] && s.verdict !== 'code' && lines[k]!.trim() ? { score: CODE_LINE_MIN, verdict: 'code', depthDelta: s.depthDelta } : s));
}
