// Code whose lines are weak one by one but unmistakable together. A YAML line (`os:`, `- ubuntu-latest`,
// `fail-fast: false`) or one identifier on a line (`unlink0`, `SEEK_SET`) scores around +1 alone, since a form line
// or a bullet looks the same; the lines around it settle it:
// - a YAML block: lines that are all keys, `key: value` pairs and list items, where a bare `key:` (a key that looks
//   like code, not "Pros:") opens a more deeply indented child, or where several `key: value` lines have code-like keys;
// - a bare list: one token per line inside brackets (Perl's `qw(` export lists, enum and constant lists), or a run of
//   identifiers no English word has (snake_case, SCREAMING_CASE, sigils).
// Such lines are lifted to code here; everything else keeps its own score. One pass over the lines; a line meets the
// anchored, bounded patterns only after a character-level gate lets it (a key and a colon first, one token): linear.
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
/** A character of an unquoted key: a letter, a digit, `_`, `.`, `$`, `/` or `-`. */
function keyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 45 && c <= 57) || c === 95 || c === 36; // 45-57: - . / 0-9
}

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

/** Index of the first character that is not a space or a tab (the line's length when there is none). */
function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

const NOT_YAML: YamlLine = { kind: null, indent: 0, keyed: false, scalar: false };

function yamlLine(line: string): YamlLine {
  const indent = indentOf(line);
  const none = { indent, keyed: false, scalar: false };
  if (indent === line.length || !line.trim()) return { kind: 'blank', ...none };
  const c = line.charCodeAt(indent);
  if (c === 35) return COMMENT.test(line) ? { kind: 'comment', ...none } : NOT_YAML; // #
  // Cheap gate before the patterns: after the indentation and a list marker, a quoted key or name characters and a
  // colon; otherwise only a list item (`- x`) can be YAML.
  let k = indent;
  if (c === 45 && line.charCodeAt(k + 1) === 32) for (k++; line.charCodeAt(k) === 32; ) k++;
  const quoted = line.charCodeAt(k) === 39 || line.charCodeAt(k) === 34;
  if (!quoted) while (k < line.length && keyChar(line.charCodeAt(k))) k++;
  if (!quoted && line.charCodeAt(k) !== 58) {
    if (c !== 45) return NOT_YAML;
    const item = YAML_ITEM.exec(line);
    return !item ? NOT_YAML : { kind: SCALAR.test(item[1]!) ? 'item' : 'loose', ...none };
  }
  const open = YAML_OPEN.exec(line);
  if (open) return { kind: 'open', indent, keyed: codeKey(open[2]!), scalar: open[3] !== undefined };
  const pair = YAML_PAIR.exec(line);
  if (pair) {
    const scalar = SCALAR.test(pair[2]!);
    return { kind: scalar ? 'pair' : 'loose', indent, keyed: scalar && strongKey(pair[1]!), scalar: false };
  }
  const item = YAML_ITEM.exec(line);
  if (item) return { kind: SCALAR.test(item[1]!) ? 'item' : 'loose', ...none };
  return NOT_YAML;
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
        const indent = indentOf(line);
        if (indent === line.length || indent > scalarIndent || !line.trim()) continue; // the block scalar's text
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
const BARE_TOKEN = /^\s*(?:-\s+)?(?:[$@%&]?[A-Za-z_][\w:]{0,80}|'[^'\s]{1,80}'|"[^"\s]{1,80}")\s*,?\s*$/;
/** A token no English word is: snake_case, SCREAMING_CASE, a sigil, a package path (`Foo::Bar`). */
const IDENTIFIER = /^\s*(?:-\s+)?(?:[$@%&][A-Za-z_]|\w*[a-z0-9]_\w|[A-Z][A-Z0-9_]+,?$|\w+::\w)/;
const OPENS_LIST = /(?:\(|\[|\{|\bqw\s*[([{<]?)\s*$/;
const CLOSES_LIST = /^\s*[)\]}]/;

/** BARE_TOKEN behind a cheap gate: once indentation and a list marker are left out, no space is followed by more text. */
function bareToken(line: string): boolean {
  let k = indentOf(line);
  if (k === line.length) return false;
  if (line.charCodeAt(k) === 45) while (k + 1 < line.length && line.charCodeAt(k + 1) === 32) k++;
  const space = line.indexOf(' ', k + 1);
  if (space >= 0) for (let m = space; m < line.length; m++) if (line.charCodeAt(m) !== 32 && line.charCodeAt(m) !== 9) return false;
  return line.length - k <= 90 && BARE_TOKEN.test(line);
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
    for (; j < lines.length && bareToken(lines[j]!); j++) if (IDENTIFIER.test(lines[j]!)) identifiers++;
    const count = j - i;
    const before = i > 0 ? lines[i - 1]! : '';
    const after = j < lines.length ? lines[j]! : '';
    const bracketed = OPENS_LIST.test(before) || CLOSES_LIST.test(after);
    if ((count >= 3 && bracketed) || identifiers >= 4) for (let k = i; k < j; k++) lift[k] = true;
    i = j;
  }
}

/** The line scores with the lines of YAML blocks and bare lists lifted to code; the input array is not changed. */
export function liftBlocks(lines: readonly string[], scores: readonly LineScore[]): readonly LineScore[] {
  const lift = new Array<boolean>(lines.length).fill(false);
  yamlBlocks(lines, lift);
  bareLists(lines, lift);
  if (!lift.includes(true)) return scores;
  return scores.map((s, k) => (lift[k] && s.verdict !== 'code' && lines[k]!.trim() ? { score: CODE_LINE_MIN, verdict: 'code', depthDelta: s.depthDelta } : s));
}
