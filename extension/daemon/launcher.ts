// Starts airlockd when nothing answers: `<node> dist/airlock.js daemon run`, detached so it outlives this window and
// serves every window. Which Node that is (VS Code's own runtime in an installed package) is chosen in runtime.ts.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DAEMON_ENV, DAEMON_NODE_ARGS } from '../../protocol/methods';
import { markLaunched } from './lease';

export interface LaunchOptions {
  /** The extension's root: dist/airlock.js lives there. */
  extensionPath: string;
  nodePath: string;
  /** nodePath is VS Code's Electron/Node runtime: run it as plain Node (ELECTRON_RUN_AS_NODE=1). */
  runAsNode?: boolean;
  /** Set when no runtime can run this package's daemon (runtime.ts): every launch fails with this sentence. */
  unavailable?: string;
  home: string;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** How long a new daemon must survive to count as started (default 1.5 s). */
  settleMs?: number;
  /** VS Code's `http.proxy`, `http.noProxy`, `http.proxyStrictSSL`: airlockd gets none of VS Code's proxy handling. */
  proxy?: ProxySettings;
}

export interface ProxySettings {
  proxy?: string;
  noProxy?: string[];
  strictSSL?: boolean;
}

/** The proxy settings as the variables airlockd reads (daemon/providers/proxy.ts); unset ones leave the inherited
 *  environment as it is, so HTTPS_PROXY from the user's shell still works. */
export function proxyEnvironment(settings: ProxySettings | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  if (settings?.proxy?.trim()) env.HTTPS_PROXY = env.HTTP_PROXY = settings.proxy.trim();
  const noProxy = (settings?.noProxy ?? []).map((h) => h.trim()).filter(Boolean);
  if (noProxy.length) env.NO_PROXY = noProxy.join(',');
  if (settings?.strictSSL === false) env.AIRLOCK_PROXY_STRICT_SSL = 'false';
  return env;
}

export type LaunchOutcome = { started: true; pid: number } | { started: false; problem: string };

/** Where the daemon's stdout/stderr go when the extension started it (crash output before its own log exists). */
export function launchOutputFile(home: string): string {
  return path.join(home, 'airlockd.out');
}

function tail(file: string, lines = 8): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Plain-language advice for the ways a launch fails on real machines. */
export function explainLaunchFailure(output: string, nodePath: string): string {
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(output)) {
    return `its native modules were built for another Node than ${nodePath}. Run \`npm rebuild\` with that Node, or set airlock.nodePath to the Node they were built for`;
  }
  if (/EADDRINUSE|is taken/.test(output)) return 'its port is taken by another program; set `port` in ~/.airlock/config.yaml to a free one (the extension finds the daemon through its socket and state file)';
  if (/AIRLOCK_E_CONFIG_(PARSE|INVALID)/.test(output)) return `its config is invalid: ${output.split('\n').find((l) => l.includes('AIRLOCK_E_CONFIG')) ?? ''}`;
  return output ? `it exited:\n${output}` : 'it exited without output';
}

export class DaemonLauncher {
  private launched: Promise<LaunchOutcome> | undefined;
  private started = false;

  constructor(private readonly options: LaunchOptions) {}

  /**
   * Starts the daemon; concurrent calls share one attempt, and once one succeeded later calls return it. A failed
   * attempt is not kept: the next call (a user's retry) tries again. Never rejects: every failure is an outcome.
   */
  ensureStarted(): Promise<LaunchOutcome> {
    if (this.launched) return this.launched;
    const attempt = this.launch().catch((err: unknown): LaunchOutcome => ({ started: false, problem: `airlockd could not start: ${(err as Error).message}` }));
    this.launched = attempt.then((outcome) => {
      if (outcome.started) this.started = true;
      else this.launched = undefined;
      if (!outcome.started) this.options.log(outcome.problem);
      return outcome;
    });
    return this.launched;
  }

  /** Allows another attempt (after the user fixed the setting or rebuilt). */
  reset(): void {
    if (!this.started) this.launched = undefined;
  }

  private async launch(): Promise<LaunchOutcome> {
    const { extensionPath, nodePath, home, log, unavailable } = this.options;
    if (unavailable) return { started: false, problem: `airlockd cannot start: ${unavailable}` };
    const script = path.join(extensionPath, 'dist', 'airlock.js');
    if (!existsSync(script)) return { started: false, problem: `${script} is missing. Build it with \`npm run build\` in ${extensionPath}` };
    // Inside the promise: a home that cannot be made (permissions, a file in the way) is an outcome, not a rejection.
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const outFile = launchOutputFile(home);
    const out = openSync(outFile, 'a', 0o600);
    const args = [...DAEMON_NODE_ARGS, script, 'daemon', 'run'];
    log(`starting airlockd: ${nodePath} ${args.join(' ')} (output in ${outFile})`);
    try {
      const child = spawn(nodePath, args, {
        cwd: extensionPath,
        detached: true,
        // A file, not a pipe: a pipe would break (EPIPE) when this window closes while the daemon lives on.
        stdio: ['ignore', out, out],
        env: { ...DAEMON_ENV, ...(this.options.env ?? process.env), ...proxyEnvironment(this.options.proxy), AIRLOCK_HOME: home, ELECTRON_RUN_AS_NODE: this.options.runAsNode ? '1' : undefined },
      });
      const outcome = await new Promise<LaunchOutcome>((resolve) => {
        // A daemon that survives its first second has loaded its natives and config; a broken one dies sooner.
        const timer = setTimeout(() => {
          // Still running after the settle time: this window's daemon, which the last window to close stops (lease.ts).
          if (child.pid) markLaunched(home, child.pid);
          resolve({ started: true, pid: child.pid ?? 0 });
        }, this.options.settleMs ?? 1_500);
        child.once('error', (err: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          const problem = err.code === 'ENOENT'
            ? `no Node.js at "${nodePath}". Install Node 20 or later, or set airlock.nodePath to its full path`
            : `could not run ${nodePath}: ${err.message}`;
          resolve({ started: false, problem });
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          // Exit 0 quickly can mean "another daemon already runs here": the connection will find it.
          if (code === 0) resolve({ started: true, pid: child.pid ?? 0 });
          else resolve({ started: false, problem: `airlockd could not start: ${explainLaunchFailure(tail(outFile), nodePath)}` });
        });
      });
      child.unref();
      if (outcome.started) log(`airlockd started (pid ${outcome.pid})`);
      return outcome;
    } finally {
      closeSync(out);
    }
  }
}
