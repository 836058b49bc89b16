// Starts a throwaway code-server: fresh run folder, free loopback port, no auth, the extension under test installed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../helpers/net';
import { codeServerBinary } from './paths';
import { installExtensions, type ExtensionSource } from './extensions';
import { RUN_MARKER_VAR, killGroup, killStrays, sleep, spawnGroup } from './processes';

export interface CodeServerOptions extends ExtensionSource {
  /** Folder to open; an empty one inside the run folder when absent. */
  workspace?: string;
  /** User settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and therefore the extension host (e.g. AIRLOCK_HOME). */
  env?: Record<string, string>;
  /** Keep the run folder (logs, user data) after stop(); also on with AIRLOCK_E2E_KEEP=1. */
  keepRunDir?: boolean;
  startTimeoutMs?: number;
  /** More code-server arguments, e.g. `--enable-proposed-api ID` for a fixture that uses a proposed API. */
  args?: string[];
  /** The code-server launcher (default: codeServerBinary()), e.g. one that runs it where no node exists (target.ts). */
  codeServerBin?: string;
}

export interface CodeServer {
  /** Workbench URL with the workspace folder selected. */
  url: string;
  port: number;
  runDir: string;
  workspace: string;
  logPath: string;
  /** The user settings.json: written over while running, VS Code applies it (e.g. a colour theme). */
  settingsPath: string;
  pid: number;
  stop(): Promise<void>;
}

/** No Restricted Mode banner, no welcome page, nothing that phones home or pops up over the UI under test. */
const DEFAULT_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
};

/**
 * Variables that would change what code-server does: VSCODE_IPC_HOOK_CLI (set inside a VS Code terminal) turns it into
 * a client of that other instance; PORT overrides --bind-addr; PASSWORD and friends re-enable auth; NODE_OPTIONS
 * would carry the test runner's loader into code-server.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|CODE_SERVER_|CS_|ELECTRON_)/.test(key)) continue;
    if (['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT'].includes(key)) continue;
    env[key] = value;
  }
  return env;
}


function makeRunDirs(runDir: string) {
  const dirs = {
    userDataDir: join(runDir, 'user-data'),
    extensionsDir: join(runDir, 'extensions'),
    config: join(runDir, 'xdg', 'config'),
    data: join(runDir, 'xdg', 'data'),
    cache: join(runDir, 'xdg', 'cache'),
    runtime: join(runDir, 'xdg', 'runtime'),
    tmp: join(runDir, 'tmp'),
    home: join(runDir, 'home'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dirs;
}

function writeUserSettings(userDataDir: string, settings: Record<string, unknown> | undefined): void {
  const userDir = join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
}

function logTail(logPath: string, lines = 40): string {
  try {
    return readFileSync(logPath, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHealthy(port: number, exited: () => number | null, logPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const code = exited();
    if (code !== null) throw new Error(`code-server exited (${code}) before it was ready. Log tail:\n${logTail(logPath)}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms. Log tail:\n${logTail(logPath)}`);
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const bin = options.codeServerBin ?? codeServerBinary();
  const runDir = mkdtempSync(join(tmpdir(), 'airlock-e2e-'));
  const dirs = makeRunDirs(runDir);
  const workspace = resolve(options.workspace ?? join(runDir, 'workspace'));
  mkdirSync(workspace, { recursive: true });
  writeUserSettings(dirs.userDataDir, options.settings);
  const logPath = join(runDir, 'code-server.log');
  // HOME too: VS Code and extensions write dotfiles there; the test machine's home stays untouched.
  const env: NodeJS.ProcessEnv = {
    ...inheritedEnv(),
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.runtime,
    TMPDIR: dirs.tmp,
    ...options.env,
    [RUN_MARKER_VAR]: runDir,
  };
  const keep = options.keepRunDir ?? process.env.AIRLOCK_E2E_KEEP === '1';
  const cleanRunDir = () => {
    if (!keep) rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await installExtensions(options, { bin, userDataDir: dirs.userDataDir, extensionsDir: dirs.extensionsDir, env });
  } catch (err) {
    cleanRunDir();
    throw err;
  }
  const port = await freePort();
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    ...(options.args ?? []),
    workspace,
  ];
  const child = spawnGroup(bin, args, env, logPath, () => {
    killStrays(runDir);
    cleanRunDir();
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${bin}`);
  let exitCode: number | null = null;
  child.once('exit', (code, signal) => (exitCode = code ?? (signal ? 128 : 1)));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killGroup(pid, runDir);
    cleanRunDir();
  };
  try {
    await waitForHealthy(port, () => exitCode, logPath, options.startTimeoutMs ?? 30_000);
  } catch (err) {
    // The error message already carries the log tail.
    await stop();
    throw err;
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  return { url, port, runDir, workspace, logPath, settingsPath: join(dirs.userDataDir, 'User', 'settings.json'), pid, stop };
}
