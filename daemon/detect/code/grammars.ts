// Lazily loaded tree-sitter grammars and one reusable parser per grammar.
// Loading all grammars costs ~50 ms, so each is loaded on first use only; a grammar that fails to load
// (missing native build, ABI mismatch) is remembered as unavailable and skipped, never fatal, and reported once
// (AIRLOCK_E_GRAMMAR) to whoever listens: detect/ does no I/O, so the daemon subscribes and logs it. tree-sitter itself
// is required on first use too: a prompt with no code candidate (`airlock explain 'hello'`) never loads the addon.
import { createRequire } from 'node:module';
import path from 'node:path';
import type Parser from 'tree-sitter';
import { AirlockError } from '../../../protocol/errors';

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
const failures: AirlockError[] = [];
const listeners = new Set<(err: AirlockError) => void>();

/** Calls `listener` for every grammar that failed to load, past and future, once each; returns the unsubscribe. */
export function onGrammarError(listener: (err: AirlockError) => void): () => void {
  failures.forEach(listener);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The shared parser for a grammar, or null when the grammar cannot be loaded. `load` is replaceable for tests. */
export function parserFor(id: GrammarId, load: (id: GrammarId) => Language = loadLanguage): Parser | null {
  const cached = parsers.get(id);
  if (cached !== undefined) return cached;
  // Outside the try: without tree-sitter itself no grammar can run, and that must fail the scan, not skip code detection.
  const TreeSitter = require('tree-sitter') as typeof Parser;
  let parser: Parser | null = null;
  try {
    parser = new TreeSitter();
    parser.setLanguage(load(id));
  } catch (err) {
    parser = null;
    // Retrying would fail the same way (the native build does not change under a running process): report once.
    const failure = new AirlockError('AIRLOCK_E_GRAMMAR', `the ${id} grammar failed to load (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); ${id} code is found by the heuristic only`, { grammar: id });
    failures.push(failure);
    listeners.forEach((l) => l(failure));
  }
  parsers.set(id, parser);
  return parser;
}
