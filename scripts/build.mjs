// Builds every bundle with esbuild. Native modules stay external: the daemon runs next to node_modules.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const at = (p) => path.join(root, p);
const watch = process.argv.includes('--watch');

// Native addons (and ws's optional ones) load from node_modules at run time; everything else is bundled.
const NATIVE = ['better-sqlite3', 'keytar', 'tree-sitter', 'tree-sitter-*', 'node-gyp-build', 'bufferutil', 'utf-8-validate'];
// Bundled CommonJS calls require(): give the ESM chunks one.
const ESM_REQUIRE = "import { createRequire as __airlockRequire } from 'node:module'; const require = __airlockRequire(import.meta.url);";

const bundles = [
  // airlockd and the airlock CLI: ESM for node, split so each command loads only its own code (dist/airlock.js plus
  // dist/airlock-*.js; start-up is part of the product). Pure-JS packages are bundled in (resolving hundreds of
  // node_modules files cost more than the rest of `airlock explain`); native modules stay external.
  { entryPoints: [at('daemon/cli/airlock.ts')], outdir: at('dist'), splitting: true, chunkNames: 'airlock-[name]-[hash]', platform: 'node', format: 'esm', external: NATIVE, banner: { js: ESM_REQUIRE }, target: 'node20' },
  // The daemon's scan workers (daemon/route/scan-pool.ts loads dist/scan-worker.js next to dist/airlock.js).
  { entryPoints: [at('daemon/route/scan-worker.ts')], outfile: at('dist/scan-worker.js'), platform: 'node', format: 'esm', external: NATIVE, banner: { js: ESM_REQUIRE }, target: 'node20' },
  // The VS Code extension: CommonJS, vscode provided by the host.
  { entryPoints: [at('extension/main.ts')], outfile: at('dist/extension.cjs'), platform: 'node', format: 'cjs', external: ['vscode'], target: 'node20' },
  // The sidebar webview: a browser bundle, no Node APIs.
  { entryPoints: [at('webview/main.ts')], outfile: at('dist/webview.js'), platform: 'browser', format: 'iife', target: 'es2022' },
];

// The CLI's chunks are content-hashed: drop the previous build's, or dist/ (and the .vsix) keeps every old one.
for (const f of existsSync(at('dist')) ? readdirSync(at('dist')) : []) if (/^airlock-.*\.js(\.map)?$/.test(f)) rmSync(at(`dist/${f}`));

for (const options of bundles) {
  const entry = options.entryPoints[0];
  if (!existsSync(entry)) continue; // A part not written yet is skipped, not an error.
  await build({ bundle: true, sourcemap: true, logLevel: watch ? 'info' : 'warning', ...options });
}
