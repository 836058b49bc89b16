// Puts the extension under test into a fresh extensions dir: a symlink for a source folder (dev loop, no packaging),
// or code-server's own --install-extension for a .vsix (the path users take).
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const VSCE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'node_modules', '.bin', 'vsce');

export interface ExtensionSource {
  /** An unpacked extension folder (has package.json); linked in as publisher.name-version. */
  extensionDevelopmentPath?: string;
  /** A packaged extension; installed with `code-server --install-extension`. */
  vsixPath?: string;
  /** A folder whose subfolders are unpacked extensions (e.g. a prepared extensions dir); each is linked in. */
  extensionDir?: string;
}

interface ExtensionManifest {
  publisher: string;
  name: string;
  version: string;
}

function readManifest(extensionPath: string): ExtensionManifest {
  const manifestPath = join(extensionPath, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Partial<ExtensionManifest>;
  if (!manifest.publisher || !manifest.name || !manifest.version) {
    throw new Error(`${manifestPath} needs publisher, name and version to be installed as an extension`);
  }
  return { publisher: manifest.publisher, name: manifest.name, version: manifest.version };
}

/** VS Code names installed extension folders `publisher.name-version`, lower case. */
export function installedFolderName(extensionPath: string): string {
  const { publisher, name, version } = readManifest(extensionPath);
  return `${publisher}.${name}-${version}`.toLowerCase();
}

/** The id commands like `--enable-proposed-api` and `vscode.extensions.getExtension` use. */
export function extensionId(extensionPath: string): string {
  const { publisher, name } = readManifest(extensionPath);
  return `${publisher}.${name}`;
}

function linkExtension(extensionPath: string, extensionsDir: string): void {
  const absolute = resolve(extensionPath);
  symlinkSync(absolute, join(extensionsDir, installedFolderName(absolute)), 'dir');
}

export async function installExtensions(
  source: ExtensionSource,
  codeServer: { bin: string; userDataDir: string; extensionsDir: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  if (source.extensionDevelopmentPath) linkExtension(source.extensionDevelopmentPath, codeServer.extensionsDir);
  if (source.extensionDir) {
    for (const entry of readdirSync(source.extensionDir, { withFileTypes: true })) {
      if (entry.isDirectory() || entry.isSymbolicLink()) linkExtension(join(source.extensionDir, entry.name), codeServer.extensionsDir);
    }
  }
  if (source.vsixPath) {
    const args = ['--user-data-dir', codeServer.userDataDir, '--extensions-dir', codeServer.extensionsDir, '--install-extension', resolve(source.vsixPath), '--force'];
    try {
      await execFileAsync(codeServer.bin, args, { env: codeServer.env, timeout: 60_000 });
    } catch (err) {
      const output = err as { stdout?: string; stderr?: string };
      throw new Error(`installing ${basename(source.vsixPath)} failed:\n${output.stdout ?? ''}${output.stderr ?? ''}`, { cause: err });
    }
  }
}

/** Packages an extension folder with @vscode/vsce (a devDependency) into `outPath`; returns `outPath`. */
export async function packageVsix(extensionPath: string, outPath: string): Promise<string> {
  const args = ['package', '--allow-missing-repository', '--skip-license', '--no-dependencies', '-o', resolve(outPath)];
  try {
    await execFileAsync(VSCE, args, { cwd: resolve(extensionPath), timeout: 120_000 });
  } catch (err) {
    const output = err as { stdout?: string; stderr?: string };
    throw new Error(`vsce package in ${extensionPath} failed:\n${output.stdout ?? ''}${output.stderr ?? ''}`, { cause: err });
  }
  return resolve(outPath);
}
