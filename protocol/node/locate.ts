// Where a client finds the running airlockd — one rule for the CLI and the extension: the Unix socket in the home
// first (Linux, macOS), then TCP on the port the daemon wrote to its state file, else the config's `port`, else the
// caller's fallback (the extension's setting) or 47611. A stale entry is harmless: the handshake rejects an impostor.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_DAEMON_PORT } from '../methods';
import { configFile, socketPath, STATE_FILE } from './home';

export type Endpoint = { kind: 'unix'; path: string } | { kind: 'tcp'; port: number };

export function describeEndpoint(endpoint: Endpoint): string {
  return endpoint.kind === 'unix' ? endpoint.path : `127.0.0.1:${endpoint.port}`;
}

const isPort = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536;

function portFrom(file: string, read: (text: string) => unknown): number | null {
  try {
    const value = read(readFileSync(file, 'utf8')) as { port?: unknown } | null;
    return value && typeof value === 'object' && isPort(value.port) ? value.port : null;
  } catch {
    return null; // Missing or unreadable: the next source decides. A bad config is the daemon's to report.
  }
}

/** The TCP port: the running daemon's state file, then the config, then `fallback`. */
export function daemonPort(home: string, env: NodeJS.ProcessEnv = process.env, fallback = DEFAULT_DAEMON_PORT): number {
  return portFrom(path.join(home, STATE_FILE), JSON.parse) ?? portFrom(configFile(env, home), parse) ?? fallback;
}

/** Endpoints to try, best first. */
export function locateDaemon(home: string, env: NodeJS.ProcessEnv = process.env, fallbackPort?: number): Endpoint[] {
  const unix = socketPath(home);
  const tcp: Endpoint = { kind: 'tcp', port: daemonPort(home, env, fallbackPort) };
  return unix && existsSync(unix) ? [{ kind: 'unix', path: unix }, tcp] : [tcp];
}
