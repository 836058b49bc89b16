// Cheap candidate selection: score each grammar by tokens typical of its language, so that at most two
// grammars are ever parsed (a wrong grammar's error recovery costs 7-38 ms per 10 KB).
import type { GrammarId } from './grammars';

type Pattern = [RegExp, number];

const C_FAMILY: Pattern[] = [[/\b(?:int|char|void|unsigned|long|size_t)\s+\**\w+\s*[(=;[,]/g, 2], [/->\w/g, 1], [/\bstruct\s+\w+/g, 1], [/\bNULL\b/g, 2], [/\b(?:malloc|free|printf|sizeof)\s*\(/g, 2]];
const JS_FAMILY: Pattern[] = [
  [/\b(?:const|let|var)\s+[\w${}[\], ]+=/g, 1.5], [/=>/g, 1], [/\bfunction\s*\w*\s*\(/g, 2], [/\bconsole\.\w+\(/g, 3],
  [/\b(?:import\s+[\w{},* ]+\s+from\s+['"]|require\(['"])/g, 3], [/\bexport\s+(?:default|const|function|class)\b/g, 2],
  [/===|!==/g, 2], [/\bawait\s+\w/g, 0.5], [/\b(?:document|window|JSON|Promise)\.\w+/g, 2], [/\bundefined\b/g, 1],
];
const TS_ONLY: Pattern[] = [
  [/\binterface\s+\w+\s*(?:<[^>]*>)?\s*(?:extends\s+[\w<>, ]+)?\{/g, 3], [/\btype\s+\w+\s*(?:<[^>]*>)?\s*=/g, 2],
  [/[\w)]\s*:\s*(?:string|number|boolean|void|unknown|any|never|Promise<|Record<|readonly\b)/g, 3],
  [/\bas\s+(?:const|string|number|unknown|any)\b/g, 2], [/\b(?:private|public|readonly)\s+\w+\s*[:;=]/g, 1.5],
];
const JSX: Pattern[] = [[/<[A-Z]?\w+(?:\s+\w+=\{)[^>]*>/g, 3], [/<\/[A-Za-z]\w*>/g, 1], [/\breturn\s*\(\s*</g, 3], [/\bclassName=/g, 3]];

const PATTERNS: Record<GrammarId, Pattern[]> = {
  javascript: [...JS_FAMILY, ...JSX.slice(2)],
  typescript: [...JS_FAMILY, ...TS_ONLY],
  tsx: [...JS_FAMILY, ...TS_ONLY, ...JSX],
  python: [
    [/^\s*def\s+\w+\s*\(.*\)\s*(?:->\s*[\w[\], .]+)?:\s*$/gm, 4], [/^\s*class\s+\w+(?:\(.*\))?:\s*$/gm, 4],
    [/^\s*(?:from\s+[\w.]+\s+import|import\s+[\w.]+(?:\s+as\s+\w+)?\s*$)/gm, 3], [/^\s*(?:if|elif|for|while|with|try|except[^:]*|else)\b.*:\s*$/gm, 1.5],
    [/\bself\.\w+/g, 1], [/\b(?:None|True|False)\b/g, 1], [/\bprint\(/g, 1], [/__\w+__/g, 2], [/\b(?:elif|lambda|pass|nonlocal)\b/g, 2],
  ],
  go: [
    [/^package\s+\w+\s*$/gm, 5], [/\bfunc\s+(?:\([^)]*\)\s*)?\w+\s*\(/g, 4], [/:=/g, 1.5], [/\bfmt\.\w+\(/g, 3],
    [/\berr\s*!=\s*nil\b/g, 4], [/\b(?:chan|defer|go func)\b/g, 2], [/\[\]\w+\{/g, 1.5],
  ],
  rust: [
    [/\bfn\s+\w+\s*(?:<[^>]*>)?\s*\(/g, 4], [/\blet\s+mut\b/g, 3], [/\blet\s+\w+\s*:\s*[&\w[]/g, 2], [/\b\w+!\s*\(/g, 2],
    [/\bimpl(?:<[^>]*>)?\s+[\w<>]+/g, 3], [/\b(?:pub\s+(?:fn|struct|enum|mod|trait|use)|use\s+(?:std|crate|super|self)::)/g, 3],
    [/&mut\b|&self\b|&'\w+/g, 2], [/\b(?:Some|None|Ok|Err|Box|Vec|Option|Result|String)\b[(<:]/g, 1.5], [/::/g, 0.5],
    [/#\[\w+/g, 3], [/\bmatch\s+[\w.&*]+\s*\{/g, 2], [/\b(?:i32|u8|u32|u64|i64|usize|f64|str)\b/g, 1.5], [/\blet\s+\w+\s*=/g, 0.5],
    [/\b(?:const|static)\s+(?:mut\s+)?[A-Z][A-Z0-9_]*\s*:\s*[&\w[(]/g, 3], [/\bdyn\s+[A-Z]\w*/g, 2], [/'static\b/g, 2],
  ],
  java: [
    [/\b(?:public|private|protected)\s+(?:static\s+)?(?:final\s+)?[\w<>[\]]+\s+\w+\s*\(/g, 3], [/\bSystem\.out\.print/g, 4],
    [/^import\s+(?:static\s+)?[\w.]+(?:\.\*)?;\s*$/gm, 3], [/^package\s+[\w.]+;\s*$/gm, 4], [/@Override\b/g, 3],
    [/\bnew\s+\w+(?:<[^>]*>)?\(/g, 1], [/\bclass\s+\w+\s*(?:extends|implements)\b/g, 1.5], [/\bString\[\]/g, 2],
  ],
  csharp: [
    [/^\s*using\s+[\w.]+;\s*$/gm, 3], [/\bnamespace\s+[\w.]+/g, 3], [/\bConsole\.Write/g, 4], [/\{\s*get;\s*(?:set;)?\s*\}/g, 4],
    [/\b(?:public|private|internal)\s+(?:static\s+|async\s+|override\s+)*[\w<>[\]]+\s+\w+\s*\(/g, 2], [/\bvar\s+\w+\s*=/g, 1],
    [/\b(?:string|bool|int)\s+\w+\s*[=;)]/g, 1], [/\basync\s+Task\b/g, 3], [/\[\w+(?:\(.*\))?\]\s*$/gm, 1],
  ],
  c: [...C_FAMILY, [/^#include\s*<\w+\.h>/gm, 4], [/^#define\s+\w+/gm, 2]],
  cpp: [
    ...C_FAMILY, [/^#include\s*<\w+(?:\.h)?>/gm, 3], [/\bstd::\w+/g, 3], [/\b(?:template\s*<|namespace\s+\w+|nullptr|cout|cin)\b/g, 3],
    [/\bclass\s+\w+\s*(?::\s*public\b|\{)/g, 2], [/\b(?:public|private|protected):/g, 2], [/\bauto\s+\w+\s*=/g, 1.5],
  ],
  ruby: [
    [/^\s*def\s+\w+[?!]?(?:\(.*\))?\s*$/gm, 3], [/^\s*end\s*$/gm, 2], [/\b(?:puts|require|attr_\w+)\b/g, 2], [/\bdo\s*\|[\w, ]+\|/g, 3],
    [/@\w+/g, 0.5], [/:\w+\s*=>/g, 2], [/\.each\b/g, 1.5], [/\b(?:elsif|unless|module)\b/g, 2], [/^\s*class\s+\w+(?:\s*<\s*\w+)?\s*$/gm, 2],
  ],
  php: [[/<\?php/g, 10], [/\$\w+\s*(?:=|->)/g, 2], [/\bfunction\s+\w+\s*\(\s*\$?/g, 1], [/\becho\s/g, 1], [/\$this->/g, 3], [/\bnamespace\s+[\w\\]+;/g, 3]],
  bash: [
    [/^#!\/(?:usr\/)?bin\/(?:env\s+)?(?:ba|z)?sh/gm, 6], [/^\s*(?:echo|export|cd|sudo|apt(?:-get)?|npm|pip|git|curl|ls|mkdir|rm|chmod|grep|cat|docker|cargo)\s/gm, 2],
    [/\$\{?\w+\}?/g, 0.5], [/\b(?:fi|done|esac|then)\s*$/gm, 3], [/\[\[?\s+-\w\s/g, 3], [/\s\|\s*\w+/g, 1], [/\s--?\w[\w-]*/g, 0.5], [/^\s*\$\s+\w+/gm, 2],
  ],
  json: [[/^\s*[{[]\s*$/gm, 1], [/^\s*"[^"\n]+"\s*:\s*/gm, 2]],
};

export interface Candidate {
  grammar: GrammarId;
  score: number;
}

// On equal scores the simpler grammar wins: JavaScript over TypeScript, C over C++.
const TIE_ORDER: readonly GrammarId[] = ['json', 'javascript', 'typescript', 'tsx', 'c', 'cpp', 'python', 'go', 'rust', 'java', 'csharp', 'ruby', 'php', 'bash'];

/** Grammars ranked by token evidence in `sample`, best first, at most `limit`, only those with any evidence. */
export function guessGrammars(sample: string, limit = 2): Candidate[] {
  const scored: Candidate[] = [];
  for (const grammar of TIE_ORDER) {
    let score = 0;
    for (const [re, weight] of PATTERNS[grammar]) {
      re.lastIndex = 0;
      let hits = 0;
      while (re.exec(sample) && hits < 20) hits++;
      score += hits * weight;
    }
    if (grammar === 'json' && !/^\s*[{[]/.test(sample)) score = 0; // JSON must start like JSON
    if (score > 0) scored.push({ grammar, score });
  }
  // Stable sort keeps TIE_ORDER among equals.
  return scored.sort((a, b) => b.score - a.score).slice(0, limit);
}
