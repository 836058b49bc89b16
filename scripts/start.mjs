// `npm start`: build, start airlockd, and open VS Code with the Airlock extension loaded from this folder.
// Desktop VS Code (`code` on the PATH) gets --extensionDevelopmentPath; otherwise code-server serves VS Code on
// 127.0.0.1 (installed into ~/.cache/airlock by scripts/install-code-server.sh when missing) until Ctrl-C, which
// stops code-server and, if this script started it, airlockd.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'airlock.js');
const say = (line) => console.log(`airlock start: ${line}`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  return result;
}

function onPath(cmd) {
  return run('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function freePort(preferred) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => (preferred ? freePort(0).then(resolve) : resolve(0)));
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** What a first-time user should start or configure; Airlock still explains every decision without them. */
async function hints() {
  try {
    const res = await fetch('http://127.0.0.1:11434/api/version', { signal: AbortSignal.timeout(1000) });
    if (res.ok) say('Ollama answers on 127.0.0.1:11434: local routes will be answered.');
  } catch {
    say('Ollama is not running: prompts the policy keeps local will be blocked (never sent elsewhere). Start it with `ollama serve` and `ollama pull llama3.2`.');
  }
  if (!process.env.OPENAI_API_KEY && !process.env.ANTHROPIC_API_KEY) {
    say('No hosted API key in the environment: set one in VS Code with "Airlock: Set Provider API Key" (or OPENAI_API_KEY / ANTHROPIC_API_KEY).');
  }
}

function build() {
  say('building…');
  const result = run(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Returns true when this call started the daemon (so Ctrl-C should stop it again). */
function startDaemon() {
  const result = run(process.execPath, [cli, 'daemon', 'start']);
  process.stdout.write(result.stdout);
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    say('airlockd did not start; VS Code opens anyway and says what is wrong ("Airlock: Show Daemon Log").');
    return false;
  }
  return result.stdout.startsWith('started');
}

function stopDaemon() {
  const result = run(process.execPath, [cli, 'daemon', 'stop']);
  process.stdout.write(result.stdout);
}

function codeServerBinary() {
  const cache = process.env.AIRLOCK_CACHE ?? path.join(homedir(), '.cache', 'airlock');
  const bin = path.join(cache, 'code-server-4.104.0', 'bin', 'code-server');
  if (existsSync(bin)) return bin;
  say('code-server is not installed; installing it (about 45 s, once)…');
  const result = run('bash', [path.join(root, 'scripts', 'install-code-server.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error('installing code-server failed (see above)');
  return result.stdout.trim().split('\n').pop();
}

/** A code-server profile of its own, with this folder linked in as the installed Airlock extension. */
function prepareProfile() {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const profile = path.join(process.env.AIRLOCK_CACHE ?? path.join(homedir(), '.cache', 'airlock'), 'start-profile');
  const userData = path.join(profile, 'user-data');
  const extensions = path.join(profile, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  const link = path.join(extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase());
  rmSync(link, { force: true, recursive: false });
  symlinkSync(root, link, 'dir');
  const settings = path.join(userData, 'User', 'settings.json');
  if (!existsSync(settings)) writeFileSync(settings, JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false }, null, 2));
  return { userData, extensions };
}

async function main() {
  build();
  const startedDaemon = startDaemon();
  await hints();
  if (onPath('code') && !process.env.AIRLOCK_USE_CODE_SERVER) {
    spawn('code', [`--extensionDevelopmentPath=${root}`, root], { stdio: 'inherit', detached: true }).unref();
    say('opened VS Code with the Airlock extension (activity bar: the shield). airlockd keeps running; stop it with `npx airlock daemon stop`.');
    return;
  }
  const bin = codeServerBinary();
  const { userData, extensions } = prepareProfile();
  const port = await freePort(Number(process.env.AIRLOCK_START_PORT ?? 8080));
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(VSCODE_|CODE_SERVER_)/.test(key) || key === 'PORT' || key === 'PASSWORD') delete env[key];
  const child = spawn(bin, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--user-data-dir', userData, '--extensions-dir', extensions, root], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  say(`VS Code (code-server) with Airlock: http://127.0.0.1:${port}/?folder=${encodeURIComponent(root)}`);
  say('open it in a browser on this machine; Ctrl-C stops code-server' + (startedDaemon ? ' and airlockd.' : '.'));
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    if (startedDaemon) stopDaemon();
    process.exit(code);
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  child.once('exit', (code) => {
    say(`code-server exited (${code})`);
    stop(code ?? 1);
  });
}

main().catch((err) => {
  console.error(`airlock start: ${err.message}`);
  process.exit(1);
});
