// Which Node runs the daemon the extension starts. An installed package (scripts/package.mjs) runs it on VS Code's
// own runtime (process.execPath with ELECTRON_RUN_AS_NODE=1): a user has VS Code and nothing else. Its native modules
// load only in the ABIs it was built for, listed in dist/native.json, so that list is checked here first: a mismatch
// is a sentence naming both ABIs, not a daemon that dies on `NODE_MODULE_VERSION`. A source checkout (no native.json)
// has natives npm built for the developer's `node`, so it runs that one. `airlock.nodePath` overrides both.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface DaemonRuntime {
  /** The binary to spawn. */
  command: string;
  /** Electron runs as plain Node only with ELECTRON_RUN_AS_NODE=1; another Node must not inherit it. */
  runAsNode: boolean;
  /** For the log: which runtime and why. */
  describe: string;
}

export type RuntimeChoice = { ok: true; runtime: DaemonRuntime } | { ok: false; problem: string };

/** dist/native.json as scripts/package.mjs writes it. */
export interface NativeManifest {
  target: string;
  abis: number[];
  runtimes: string[];
}

export function readNativeManifest(extensionPath: string): NativeManifest | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path.join(extensionPath, 'dist', 'native.json'), 'utf8')) as Partial<NativeManifest>;
    return Array.isArray(parsed.abis) ? { target: parsed.target ?? '', abis: parsed.abis.map(Number), runtimes: parsed.runtimes ?? [] } : undefined;
  } catch {
    return undefined;
  }
}

export interface RuntimeInputs {
  /** `airlock.nodePath`; undefined when unset. */
  nodePath: string | undefined;
  /** The package's native manifest; undefined in a source checkout. */
  native: NativeManifest | undefined;
  /** VS Code's runtime: process.execPath and process.versions.modules of the extension host. */
  execPath: string;
  abi: string;
}

export function chooseRuntime({ nodePath, native, execPath, abi }: RuntimeInputs): RuntimeChoice {
  if (nodePath) return { ok: true, runtime: { command: nodePath, runAsNode: false, describe: `${nodePath} (airlock.nodePath)` } };
  if (!native) return { ok: true, runtime: { command: 'node', runAsNode: false, describe: 'node on PATH (a source checkout: npm built its native modules for that Node)' } };
  if (native.abis.includes(Number(abi))) return { ok: true, runtime: { command: execPath, runAsNode: true, describe: `VS Code's runtime ${execPath} (ABI ${abi})` } };
  return {
    ok: false,
    problem: `this Airlock package carries native modules for ${native.runtimes.join(', ') || `ABI ${native.abis.join(', ')}`}, but this VS Code runs ABI ${abi}. `
      + 'Install the Airlock package built for this VS Code, or set airlock.nodePath to a Node of one of those versions',
  };
}
