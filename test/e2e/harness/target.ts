// Which Airlock the e2e tests drive: the source checkout (linked in; the default) or the packaged .vsix installed by
// code-server itself into a VS Code where no `node` runs (as a user who has VS Code and nothing else).
//   AIRLOCK_E2E_VSIX=1           package once per test file for code-server's Node, then install that
//   AIRLOCK_E2E_VSIX=/path.vsix  install this package (built with `--node <code-server's node>`)
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { codeServerBinary } from './paths';
import type { CodeServerOptions } from './server';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

export type Target = Pick<CodeServerOptions, 'extensionDevelopmentPath' | 'vsixPath' | 'codeServerBin'> & { kind: 'source' | 'vsix' };

/** Masking node needs a mount namespace (unshare -m, bind mounts): root, as on this machine and in CI. A skip reason otherwise. */
export const VSIX_UNAVAILABLE: string | false = process.getuid?.() === 0 ? false : 'masking node needs root (unshare -m and bind mounts)';

/** The Node code-server runs on (its wrapper script execs it): VS Code's runtime here, so the one to package for. */
export function codeServerNode(): string {
  const match = /exec "([^"]+)"/.exec(readFileSync(codeServerBinary(), 'utf8'));
  if (!match?.[1]) throw new Error(`${codeServerBinary()} names no node to exec`);
  return match[1];
}

/**
 * A code-server launcher for a machine with VS Code and no Node: code-server runs in its own mount namespace where
 * every `node` on this PATH is covered by /dev/null (a PATH trick is not enough: VS Code's server takes the extension
 * host's PATH from a login shell). It refuses to start (exit 97) if `node` still runs there.
 */
export function codeServerWithoutNode(dir: string): string {
  const nodes = new Set<string>();
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (existsSync(join(folder, 'node'))) nodes.add(realpathSync(join(folder, 'node')));
  }
  const masks = [...nodes].map((n) => `mount --bind /dev/null '${n}' || exit 98`).join('\n');
  const script = join(dir, 'code-server-without-node');
  writeFileSync(script, `#!/bin/sh
# Runs code-server where no node exists: a private mount namespace, each node binary covered by /dev/null.
exec unshare -m sh -c '
${masks}
if command -v node >/dev/null && node -v >/dev/null 2>&1; then echo "node still runs" >&2; exit 97; fi
exec "$0" "$@"' '${codeServerBinary()}' "$@"
`, { mode: 0o755 });
  return script;
}

/** `node scripts/package.mjs` for code-server's Node into `dir`; compiling better-sqlite3 the first time takes ~2 min. */
export async function packageForCodeServer(dir: string): Promise<string> {
  const vsix = join(dir, 'airlock-linux-x64.vsix');
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'package.mjs'), '--node', codeServerNode(), '--out', vsix, '--stage', join(dir, 'stage')], { cwd: REPO_ROOT, timeout: 600_000 });
  return vsix;
}

/** The installed package in a node-less code-server; `work` holds the launcher. */
export function vsixTarget(vsixPath: string, work: string): Target {
  return { kind: 'vsix', vsixPath, codeServerBin: codeServerWithoutNode(work) };
}

let chosen: Promise<Target> | undefined;

/** What AIRLOCK_E2E_VSIX asks for (the source checkout when unset); packaged at most once per process. */
export function extensionUnderTest(): Promise<Target> {
  chosen ??= (async (): Promise<Target> => {
    const wanted = process.env.AIRLOCK_E2E_VSIX;
    if (!wanted) return { kind: 'source', extensionDevelopmentPath: REPO_ROOT };
    if (VSIX_UNAVAILABLE) throw new Error(`AIRLOCK_E2E_VSIX is set but ${VSIX_UNAVAILABLE}`);
    const work = mkdtempSync(join(tmpdir(), 'airlock-e2e-target-'));
    return vsixTarget(wanted === '1' ? await packageForCodeServer(work) : resolve(wanted), work);
  })();
  return chosen;
}
