// Where the harness finds code-server and Chromium, and where it writes artifacts.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.104.0';
export const CHROMIUM_PATH = process.env.AIRLOCK_CHROMIUM ?? '/usr/bin/chromium';
export const INSTALL_HINT = 'bash scripts/install-code-server.sh';

const harnessDir = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS_DIR = resolve(harnessDir, '..', 'artifacts');

/** Same default location as scripts/install-code-server.sh; AIRLOCK_CODE_SERVER overrides the binary outright. */
export function codeServerBinary(): string {
  const override = process.env.AIRLOCK_CODE_SERVER;
  const cacheRoot = process.env.AIRLOCK_CACHE ?? join(homedir(), '.cache', 'airlock');
  const bin = override ?? join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`, 'bin', 'code-server');
  if (!existsSync(bin)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed at ${bin}. Install it with: ${INSTALL_HINT}`);
  }
  return bin;
}

export function chromiumBinary(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: bash scripts/ci-apt.sh (Debian package chromium)`);
  }
  return CHROMIUM_PATH;
}
