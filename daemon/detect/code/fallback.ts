// Language-agnostic "does this line look like code?" scoring. It works for languages without a grammar
// (TOML, YAML, SQL, Kotlin, …) and is the cheap first pass before any tree-sitter parse.
// A line gets code points (statement punctuation, assignments, keywords followed by code, operators,
// identifier shapes, symbol density) and prose points (function words, sentence endings, typographic quotes).
import { shapeScore } from './shapes';

/** Positive: code-like; negative: prose-like; around 0: undecided (blank lines, lone words). */
export type LineVerdict = 'code' | 'prose' | 'neutral';

export interface LineScore {
  score: number;
  verdict: LineVerdict;
  /** Bracket balance of the line, for keeping multi-line constructs together. */
  depthDelta: number;
}

export const CODE_LINE_MIN = 2;
export const PROSE_LINE_MAX = -1.5;

// English function words: code lines rarely hold several of them outside comments and strings.
const FUNCTION_WORDS = new Set(
  ('the a an is are was were be been to of and in that it its for with this these those we you they he she our your ' +
    'their as on not can will would should could have has had or by from but if when which so at do does did how what ' +
    'why there here then than also just into about because while where who all any some more most such only very ' +
    'me my i us him her them need want please help fix explain why does')
    .split(' '),
);

// A keyword that opens a declaration or statement in some popular language, at the start of the line.
const LEADING_KEYWORD =
  /^(?:pub(?:\([\w ]+\))?\s+|export\s+(?:default\s+)?|async\s+|static\s+|public\s+|private\s+|protected\s+|final\s+|abstract\s+|unsafe\s+|extern\s+(?:"C"\s+)?)*(?:fn|let|const|var|val|def|class|struct|enum|trait|impl|mod|use|import|from|package|func|interface|type|return|if|else|elif|for|while|match|switch|case|try|catch|except|finally|raise|throw|yield|await|namespace|using|require|include|module|end|begin|do|foreach|function|void|int|char|bool|float|double|long|String|echo|print|println|printf|select|insert|update|delete|create|alter|drop|where|with|local|lambda|object|data|fun|override|template|typedef|auto|defer|go|loop|unless|until|then|fi|done|esac|set|export)\b/i;

// Punctuation sequences that are operators in code and rare in prose.
const OPERATOR = /::|->|=>|==|!=|<=|>=|&&|\|\||\+=|-=|\*=|\/=|:=|<<|>>|\+\+|--(?=\w)|\?\.|\?\?|\.\.|\$\{|\$\(|#\[|@\w+\(|\w\(|\)\s*\{|\)\s*;|\[\d*\]|&mut\b|&self\b|\bself\.|\bthis\.|\w\.\w+\(/g;

// snake_case, camelCase, PascalCase::path, dotted.member: identifier shapes of code.
const IDENTIFIER_SHAPE = /\b[a-z]+_[a-z0-9_]+\b|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[a-z]+[A-Z]\w*\b|\b\w+::\w+|\b[a-z_]\w*\.[a-z_]\w*\b/g;

// Import lines carry no punctuation in Python, Go and Ruby: `from x import y`, `import "fmt"`, `require 'json'`.
const IMPORT_LINE = /^(?:from\s+[\w.]+\s+import\s+[\w., *()]+|import\s+[\w.]+(?:\s+as\s+\w+)?|(?:import|require|require_once|use|include|using|source)\s*\(?\s*["'<][^"'>]+["'>]\)?;?)$/;
const SQL_KEYWORD = /\b(?:SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|INSERT INTO|VALUES|UPDATE|DELETE FROM|CREATE TABLE|ALTER TABLE|LIMIT|HAVING|DISTINCT|PRIMARY KEY|NOT NULL)\b/g;
const SYMBOLS = /[{}()[\];=<>&|*+/\\!%^~:$#@]/g;
// `name = value`, `x := 1`, `key: value` (YAML keys are lower-case; "Phone: 555" is a form, not code).
const ASSIGNMENT = /^(?:[\w.$[\]'"@-]+\s*(?::=|[-+*/]?=(?!=))|[a-z_][\w.-]*:\s+(?=\S))/;
// ` * ` continues a block comment only when indented; at column 0 it is a markdown bullet.
const COMMENT_START = /^(?:\/\/|\/\*|\*\/|--\s|;;)|^\s+\*(?:\s|$)/;
const BRACKETS_ONLY = /^[\]})({[;,\s]+$/;
const SENTENCE_END = /[A-Za-z)"'’”`*_]\s*[.!?]["'”’)]?$/;
const MARKDOWN_LIST = /^(?:[-*+]|\d+[.)])\s+[A-Za-z]/;
// A word runs through upper-case letters too: `AS`, `CFLAGS` and `PATHNAME` are one word each (upper-case ones are
// skipped below as keywords), never a run of letters whose "A" and "I" would count as the English words "a" and "i".
// Underscores belong to the word too: `build_has_any` and `is_valid` are one identifier each, not the English words
// "has", "any" and "is".
const WORD = /[A-Za-z][A-Za-z_’']*[,.;:!?]?/g;
const INLINE_CODE = /`[^`\n]+`/g;
const STRING_LITERAL = /"(?:[^"\\\n]|\\.)*"/g;
const TRAILING_COMMENT = /\s(?:\/\/|#)\s.*$/;
// Rust lifetimes and integer types are not the words "a" and "i": `&'a i32`, `<'a>`, `u8`.
const NOT_WORDS = /(?<=[&<+,(]\s?)'[a-z]\w*|\b[iu](?:8|16|32|64|128|size)\b/g;
// Link text and target exclude '[' so that a failed attempt stops at the next '[', where the next attempt starts:
// `[[[[…` is linear (it was quadratic per line).
const MARKDOWN_LINK = /\[[^[\]\n]{1,1000}\](?:\([^()[\]\s]{1,2000}\)|\[[\w-]{0,100}\])|<!--\s*ignore\s*-->/g;
const BOLD = /\*\*(?=\S)([^*\n]+?)\*\*/g;
const BLOCKQUOTE = /^\s*(?:>\s?)+/;

function bracketDelta(line: string): number {
  let delta = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 123 || c === 40 || c === 91) delta++; // { ( [
    else if (c === 125 || c === 41 || c === 93) delta--; // } ) ]
  }
  return delta;
}

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/** Score one line. Inline `code spans` count as one prose word: markdown prose quotes code without being code. */
export function scoreLine(rawLine: string): LineScore {
  let line = rawLine.includes('`') ? rawLine.replace(INLINE_CODE, 'x') : rawLine;
  // Blockquotes and markdown links are prose markup: score what they quote, and links as one word.
  if (line.includes('>')) line = line.replace(BLOCKQUOTE, '');
  if (line.includes('[')) line = line.replace(MARKDOWN_LINK, 'x');
  if (line.includes('**')) line = line.replace(BOLD, '$1');
  const t = line.trim();
  if (!t) return { score: 0, verdict: 'neutral', depthDelta: 0 };
  const depthDelta = bracketDelta(t);
  if (BRACKETS_ONLY.test(t)) return { score: 3, verdict: 'code', depthDelta };

  let code = 0;
  let prose = 0;
  const last = t[t.length - 1];
  if (last === ';' || last === '{' || last === '}') code += 2;
  else if (last === ')' || last === ',' || last === '[' || last === '(' || last === '\\') code += 0.75;
  if (t.startsWith('#[') || t.startsWith('#!') || /^#\s*(?:include|define|ifn?def|endif|pragma|import)\b/.test(t)) code += 3;
  const comment = COMMENT_START.test(line);
  if (comment) code += 2;
  if (LEADING_KEYWORD.test(t)) code += /[(){}[\];=<>:]|::/.test(t) ? 2 : 0.5;
  if (IMPORT_LINE.test(t)) code += 2.5;
  if (ASSIGNMENT.test(t)) code += t.includes('=') ? 2 : 0.75;
  if (/^\[[\w.\-" ]+\]$/.test(t)) code += 3; // [section] header (TOML, INI)
  if (/^<\/?[A-Za-z][\w-]*(?:\s[^>]*)?\/?>/.test(t)) code += 1.5; // markup tag at line start
  code += Math.min(3, count(OPERATOR, t) * 0.75);
  code += Math.min(2, count(IDENTIFIER_SHAPE, t) * 0.5);
  code += Math.min(3, count(SQL_KEYWORD, t));
  code += shapeScore(t);
  const nonSpace = t.replace(/\s+/g, '').length;
  const density = count(SYMBOLS, t) / Math.max(1, nonSpace);
  // Short lines ("error:", "> ") reach high densities by chance: weight density by length.
  code += Math.min(3, density * 15) * Math.min(1, nonSpace / 12);

  // String literals and trailing comments hold prose inside code: leave them out of the word count.
  const wordText = t.replace(STRING_LITERAL, 's').replace(TRAILING_COMMENT, '').replace(NOT_WORDS, ' ');
  const words = wordText.match(WORD) ?? [];
  let functionWords = 0;
  for (const w of words) {
    const bare = w.replace(/[,.;:!?]$/, '');
    // Upper-case keywords (SQL's ON, AND, BY) are code, not English.
    if (bare.length > 1 && bare === bare.toUpperCase()) continue;
    if (FUNCTION_WORDS.has(bare.toLowerCase())) functionWords++;
  }
  prose += Math.min(5, functionWords * 0.9);
  if (words.length >= 6) prose += Math.min(2, (words.length - 5) * 0.25);
  if (SENTENCE_END.test(t)) prose += 1.5;
  if (/[’“”]/.test(t)) prose += 1;
  if (MARKDOWN_LIST.test(t)) prose += 0.5;
  if (/^[A-Z][a-z]+\s+[a-z]+\s+[a-z]+/.test(t)) prose += 1; // "The value is", "When the match"
  if (/^#{1,6}\s+[A-Z]/.test(t)) prose += 1.5; // markdown heading

  // Comments hold prose by design: keep them from reading as prose lines.
  if (comment) prose = Math.min(prose, 0.5);
  const score = code - prose;
  const verdict: LineVerdict = score >= CODE_LINE_MIN ? 'code' : score <= PROSE_LINE_MAX ? 'prose' : 'neutral';
  return { score, verdict, depthDelta };
}
