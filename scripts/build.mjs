// Builds every bundle with esbuild. Native modules and SDKs stay external: the daemon runs next to node_modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const at = (p) => path.join(root, p);
const watch = process.argv.includes('--watch');

const bundles = [
  // airlockd and the airlock CLI: one ESM bundle for node.
  { entryPoints: [at('daemon/cli/airlock.ts')], outfile: at('dist/airlock.js'), platform: 'node', format: 'esm', packages: 'external', target: 'node20' },
  // The daemon's scan workers (daemon/route/scan-pool.ts loads dist/scan-worker.js next to dist/airlock.js).
  { entryPoints: [at('daemon/route/scan-worker.ts')], outfile: at('dist/scan-worker.js'), platform: 'node', format: 'esm', packages: 'external', target: 'node20' },
  // The VS Code extension: CommonJS, vscode provided by the host.
  { entryPoints: [at('extension/main.ts')], outfile: at('dist/extension.cjs'), platform: 'node', format: 'cjs', external: ['vscode'], target: 'node20' },
  // The sidebar webview: a browser bundle, no Node APIs.
  { entryPoints: [at('webview/main.ts')], outfile: at('dist/webview.js'), platform: 'browser', format: 'iife', target: 'es2022' },
];

for (const options of bundles) {
  const entry = options.entryPoints[0];
  if (!existsSync(entry)) continue; // A part not written yet is skipped, not an error.
  await build({ bundle: true, sourcemap: true, logLevel: watch ? 'info' : 'warning', ...options });
}
