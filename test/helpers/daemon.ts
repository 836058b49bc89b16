// A real airlockd in-process on 127.0.0.1 (ephemeral port) and its Unix socket, with a temp AIRLOCK_HOME, plus
// raw-socket helpers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import WebSocket from 'ws';
import { createKeyStore } from '../../daemon/providers/keys';
import { connect, type DaemonClient } from '../../daemon/server/client';
import { dial } from '../../protocol/node/dial';
import { NONCE_HEADER, newNonce } from '../../protocol/node/handshake';
import { startDaemon, type Daemon, type DaemonOptions } from '../../daemon/server/daemon';

export interface TestDaemon extends Daemon {
  env: NodeJS.ProcessEnv;
  client(): Promise<DaemonClient>;
}

export function tempHome(t: TestContext, config?: string): string {
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-home-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  if (config !== undefined) writeFileSync(path.join(home, 'config.yaml'), config);
  return home;
}

/** No OS keychain in unit tests: keys come from the environment only. */
export function envOnlyKeys(env: NodeJS.ProcessEnv) {
  return createKeyStore({ env, loadKeytar: () => { throw new Error('no keychain in tests'); } });
}

export async function startTestDaemon(t: TestContext, opts: { config?: string; home?: string; env?: NodeJS.ProcessEnv } & Partial<DaemonOptions> = {}): Promise<TestDaemon> {
  const home = opts.home ?? tempHome(t, opts.config);
  // No machine-wide config unless a test gives one: whatever /etc/airlock holds on this machine stays out.
  const env = { AIRLOCK_HOME: home, AIRLOCK_MACHINE_CONFIG: '', ...opts.env };
  const daemon = await startDaemon({ port: 0, keys: envOnlyKeys(env), log: { info() {}, error() {} }, ...opts, env });
  const clients: DaemonClient[] = [];
  t.after(async () => {
    clients.forEach((c) => c.close());
    await daemon.stop();
  });
  return {
    ...daemon,
    env,
    async client() {
      const c = await connect({ home, port: daemon.port });
      clients.push(c);
      return c;
    },
  };
}

/** Tries a WebSocket upgrade with these headers (a valid nonce unless overridden); resolves with the HTTP status of a
 * refusal, or 101 when the upgrade succeeded (the challenge–response comes after it). */
export function tryUpgrade(port: number, headers: Record<string, string>, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const all = { [NONCE_HEADER]: newNonce(), ...headers, ...(host ? { Host: host } : {}) };
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { headers: all });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', (err) => reject(err));
  });
}

/** An authenticated raw socket (TCP, after the challenge–response), for sending bytes the typed client never would. */
export async function rawSocket(d: { port: number; token: string }): Promise<{ ws: WebSocket; send(text: string | Buffer): Promise<unknown>; closed: Promise<number> }> {
  const ws = await dial({ kind: 'tcp', port: d.port }, { token: d.token, timeoutMs: 5000, onMessage: () => undefined });
  ws.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return {
    ws,
    closed,
    send(text) {
      return new Promise((resolve) => {
        ws.once('message', (data) => resolve(JSON.parse(String(data))));
        ws.send(text);
      });
    },
  };
}
