// Type-aware linting stays off: tsc --noEmit already checks types; eslint catches what tsc does not.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---- Layers (docs: /work/shared/notes/architecture.md "Boundaries worth keeping") ----
// The layering is enforced here, not only followed: `npm test` runs eslint, so a forbidden import fails it.
// test/unit/layers.test.ts lints samples through this config to keep the rules themselves honest.
// Our own folders are matched by regex on the relative specifier, one block per folder depth, because a relative
// import's meaning depends on where the importing file sits (`../daemon/x` from extension/views/ is extension/daemon/).

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
/** Builtins and packages that reach the disk, the network, other processes or threads, or a native store. */
const ioModules = [
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'child_process', 'cluster',
  'worker_threads', 'readline', 'module',
].flatMap((m) => [m, `node:${m}`]).concat([
  'ws', 'better-sqlite3', 'keytar', 'ollama', 'openai', '@anthropic-ai/sdk', 'vscode',
]);

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * A regex matching a relative specifier that, from a file `depth` folders below the repo root, lands in `folder`
 * (root-relative). `dir`: the importing file's folder when known (then `../store` from daemon/detect is caught too).
 */
function reach(depth, folder, dir) {
  const forms = ['../'.repeat(depth) + folder];
  if (dir && dir.split('/').length === depth) forms.push(path.posix.relative(dir, folder));
  return `^(\\./)?(${forms.map(escape).join('|')})(/|$)`;
}

/**
 * One `no-restricted-imports` block per depth under `dir` (a later block replaces an earlier one's options for the
 * same file, so each file gets exactly one). `ours`: repo-root-relative folders `dir` must not import.
 */
function layer(dir, depths, { modules, ours, why, allNode = false }) {
  return depths.map((depth) => ({
    files: [`${dir}/${'*/'.repeat(depth - dir.split('/').length)}*.ts`],
    rules: { 'no-restricted-imports': ['error', restrictions(depth, { modules, ours, why, allNode }, dir)] },
  }));
}

/** `layer` for `dir` and each of its subfolders (detect/secrets, detect/pii, …), each block knowing its own folder, so
 *  `../../store` from daemon/detect/pii/ is caught as well as `../store` from daemon/detect/. */
function layerTree(dir, opts) {
  const root = path.dirname(new URL(import.meta.url).pathname);
  const subs = readdirSync(path.join(root, dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${dir}/${d.name}`);
  return [dir, ...subs].flatMap((d) => layer(d, [d.split('/').length], opts));
}

function restrictions(depth, { modules, ours, why, allNode = false }, dir) {
  return {
    paths: modules.map((name) => ({ name, message: why })),
    patterns: [
      ...(allNode ? [{ group: ['node:*'], message: why }] : []),
      ...ours.map((folder) => ({ regex: reach(depth, folder, dir), message: `${why} (${folder}/)` })),
    ],
  };
}

const pureWhy = 'detect/ and policy/ are pure: no disk, network, process, store, server or provider access';
/** What detect/ and policy/ may not reach, as root-relative folders. */
const impureFolders = ['daemon/server', 'daemon/store', 'daemon/providers', 'daemon/route', 'daemon/config', 'daemon/cli',
  'extension', 'webview'];
const browserWhy = 'webview/ is a browser bundle: no Node APIs, no daemon or extension code (talk through protocol/)';

const layers = [
  ...layerTree('daemon/detect', { modules: ioModules, ours: [...impureFolders, 'daemon/policy'], why: pureWhy }),
  ...layer('daemon/policy', [2], { modules: ioModules, ours: impureFolders, why: pureWhy }),
  // Deliberate exceptions, kept to the files that need them:
  // - code/grammars.ts loads the tree-sitter grammars (native modules) lazily with createRequire: code, not data I/O.
  { files: ['daemon/detect/code/grammars.ts'], rules: { 'no-restricted-imports': ['error', restrictions(3, {
    modules: ioModules.filter((m) => !/^(node:)?module$/.test(m)), ours: [...impureFolders, 'daemon/policy'], why: pureWhy,
  }, 'daemon/detect/code')] } },
  // - load.ts reads a preset file, test-cases.ts a preset's test file, and sources.ts resolves (realpath) which preset
  //   files a client may choose, for the CLI and the daemon's loader: the reading is the edge of policy/, evaluation
  //   (evaluate.ts, conditions.ts…) stays pure. Follow-up: move the three to daemon/config/ and drop this exception.
  { files: ['daemon/policy/load.ts', 'daemon/policy/test-cases.ts', 'daemon/policy/sources.ts'], rules: { 'no-restricted-imports': ['error', restrictions(2, {
    modules: ioModules.filter((m) => !/^(node:)?fs$/.test(m)), ours: impureFolders, why: pureWhy,
  }, 'daemon/policy')] } },
  ...layer('webview', [1, 2, 3], {
    modules: [...nodeBuiltins, 'ws', 'vscode'], ours: ['daemon', 'extension'], why: browserWhy, allNode: true,
  }),
  ...layer('extension', [1, 2, 3], {
    modules: [], ours: ['daemon', 'webview'],
    why: 'extension/ talks to airlockd only through protocol/ (types and the wire), never its internals',
  }),
  ...layer('protocol', [1], {
    modules: [...nodeBuiltins], allNode: true,
    ours: ['daemon', 'extension', 'webview', 'test', 'scripts', 'bench', 'presets'],
    why: 'protocol/ imports nothing of ours and no Node API: the daemon, the extension and the webview all import it',
  }),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '**/dist/', 'test/e2e/artifacts/', '.airlock-test/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  ...layers,
);
