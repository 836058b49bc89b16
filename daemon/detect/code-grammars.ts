// Lazily loaded tree-sitter grammars and one reusable parser per grammar.
// Loading all grammars costs ~50 ms, so each is loaded on first use only; a grammar that fails to load
// (missing native build, ABI mismatch) is remembered as unavailable and skipped, never fatal. tree-sitter itself is
// required on first use too: a prompt with no code candidate (`airlock explain 'hello'`) never loads the addon.
import { createRequire } from 'node:module';
import path from 'node:path';
import type Parser from 'tree-sitter';

const require = createRequire(import.meta.url);

/** Grammar ids; `tsx` and `typescript` are separate grammars but both report language `typescript`. */
export type GrammarId =
  | 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'rust' | 'java' | 'csharp'
  | 'c' | 'cpp' | 'ruby' | 'php' | 'bash' | 'json';

export const GRAMMAR_IDS: readonly GrammarId[] = [
  'typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java', 'csharp', 'c', 'cpp', 'ruby', 'php', 'bash', 'json',
];

/** The language name a grammar reports in a CodeRegion. */
export function languageOfGrammar(id: GrammarId): string {
  return id === 'tsx' ? 'typescript' : id;
}

type Language = Parameters<Parser['setLanguage']>[0];

function loadLanguage(id: GrammarId): Language {
  switch (id) {
    case 'typescript': return require('tree-sitter-typescript').typescript;
    case 'tsx': return require('tree-sitter-typescript').tsx;
    // PHP source usually starts with `<?php`; the `php` grammar (not `php_only`) expects that tag.
    case 'php': return require('tree-sitter-php').php;
    // tree-sitter-c-sharp is ESM with top-level await, so require() of its entry throws: load the binding directly.
    case 'csharp': return require('node-gyp-build')(path.dirname(require.resolve('tree-sitter-c-sharp/package.json')));
    default: return require(`tree-sitter-${id}`);
  }
}

const parsers = new Map<GrammarId, Parser | null>();

/** The shared parser for a grammar, or null when the grammar cannot be loaded. */
export function parserFor(id: GrammarId): Parser | null {
  const cached = parsers.get(id);
  if (cached !== undefined) return cached;
  // Outside the try: without tree-sitter itself no grammar can run, and that must fail the scan, not skip code detection.
  const TreeSitter = require('tree-sitter') as typeof Parser;
  let parser: Parser | null = null;
  try {
    parser = new TreeSitter();
    parser.setLanguage(loadLanguage(id));
  } catch {
    parser = null;
  }
  parsers.set(id, parser);
  return parser;
}
