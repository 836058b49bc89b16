// Markdown fence info strings → language names and the grammar that parses them.
import type { GrammarId } from './grammars';

export interface FenceLanguage {
  /** Name reported in the CodeRegion (`rust`, `toml`, `kotlin`, …). */
  language: string;
  /** Grammar that parses it, when we ship one. */
  grammar?: GrammarId;
}

const GRAMMAR_ALIASES: Record<string, GrammarId> = {
  ts: 'typescript', typescript: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx',
  js: 'javascript', javascript: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  py: 'python', python: 'python', python3: 'python', py3: 'python',
  go: 'go', golang: 'go',
  rs: 'rust', rust: 'rust',
  java: 'java',
  cs: 'csharp', csharp: 'csharp', 'c#': 'csharp',
  c: 'c', h: 'c',
  cpp: 'cpp', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp',
  rb: 'ruby', ruby: 'ruby',
  php: 'php',
  sh: 'bash', bash: 'bash', shell: 'bash', zsh: 'bash', console: 'bash', 'shell-session': 'bash',
  json: 'json', jsonc: 'json', json5: 'json',
};

// Languages without a grammar: still code, reported under one canonical name.
const OTHER_ALIASES: Record<string, string> = {
  yml: 'yaml', kt: 'kotlin', kts: 'kotlin', hs: 'haskell', ps1: 'powershell', pwsh: 'powershell',
  dockerfile: 'dockerfile', tf: 'hcl', terraform: 'hcl', ex: 'elixir', exs: 'elixir', m: 'objective-c', objc: 'objective-c',
};

/** Fence tags that say "this is not code": their content is classified like unfenced text. */
const NON_CODE_TAGS = new Set(['text', 'txt', 'plain', 'plaintext', 'markdown', 'md', 'output', 'log', 'none']);

export type FenceHint = FenceLanguage | 'not-code' | null;

/** `rust,ignore` → rust; `{.python}` → python; empty → null (no hint). */
export function fenceHint(info: string): FenceHint {
  const tag = info.trim().replace(/^\{?\.?/, '').split(/[\s,{}]/)[0]?.toLowerCase() ?? '';
  if (!tag) return null;
  if (NON_CODE_TAGS.has(tag)) return 'not-code';
  const grammar = GRAMMAR_ALIASES[tag];
  if (grammar) return { language: grammar === 'tsx' ? 'typescript' : grammar, grammar };
  return { language: OTHER_ALIASES[tag] ?? tag };
}
