// airlockd: opens the home, the token, the store and the settings, listens on 127.0.0.1, dispatches JSON-RPC.
import type { RawData, WebSocket } from 'ws';
import pkg from '../../package.json' with { type: 'json' };
import type { DaemonNotification, DaemonNotifications } from '../../protocol/methods';
import { airlockHome, configFile } from '../config';
import { createKeyStore, type KeyStore } from '../providers/keys';
import { createScanPool, type ScanPool } from '../route/scan-pool';
import { openStore } from '../store';
import { wrapSocket, type Connection } from './connection';
import type { Runner, ServerContext } from './context';
import { handlers } from './handlers';
import { ensureHome, ensureToken } from './home';
import { listen, type Listener } from './http';
import { fileLogger, type Logger } from './log';
import { dispatch } from './rpc';
import { createRecordWriter } from './record-writer';
import { createRunner } from './runner';
import { createState } from './state';

export interface DaemonOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides the config's port; 0 picks a free one (tests). */
  port?: number;
  keys?: KeyStore;
  runner?: Runner;
  /** The scan worker pool; tests pass one with a wrapped worker. The daemon closes it when it stops. */
  scanPool?: ScanPool;
  log?: Logger;
  now?: () => Date;
  /** Called once the daemon has fully stopped (after daemon/shutdown or stop()). */
  onStopped?: () => void;
}

export interface Daemon {
  port: number;
  home: string;
  token: string;
  stop(): Promise<void>;
}

export async function startDaemon(options: DaemonOptions = {}): Promise<Daemon> {
  const env = options.env ?? process.env;
  const home = ensureHome(airlockHome(env));
  const token = ensureToken(home);
  const log = options.log ?? fileLogger(home);
  const connections = new Set<Connection>();
  const broadcast = <N extends DaemonNotification>(method: N, params: DaemonNotifications[N]) => {
    for (const conn of connections) conn.notify(method, params);
  };
  const state = createState(configFile(env, home), log, (params) => broadcast('policy/changed', params));
  const store = openStore(home, { onListenerError: (err) => log.error('store listener failed', { message: String(err) }) });
  const keys = options.keys ?? createKeyStore({ env });
  const startup = store.verify();
  let records = startup.count;
  if (!startup.ok) log.error('audit chain broken at start', { seq: startup.firstBroken.seq, reason: startup.firstBroken.reason });
  store.subscribe((event) => void (event.type === 'record' && records++));

  const recordWriter = createRecordWriter(store);
  const scanPool = options.scanPool ?? createScanPool();
  let stopping: Promise<void> | null = null;
  const ctx: ServerContext & { recordCount(): number } = {
    version: pkg.version,
    home,
    startedAt: Date.now(),
    store,
    records: recordWriter,
    state,
    keys,
    runner: options.runner ?? createRunner(state, keys, log),
    scan: scanPool.scan,
    log,
    now: options.now ?? (() => new Date()),
    inflight: new Map(),
    broadcast,
    shutdown: () => void stop(),
    recordCount: () => records,
  };
  const table = handlers(ctx);

  const onConnection = (ws: WebSocket) => {
    const conn = wrapSocket(ws);
    connections.add(conn);
    conn.onClose(() => connections.delete(conn));
    ws.on('error', (err) => log.info('connection error', { conn: conn.id, message: err.message }));
    ws.on('close', (code) => {
      if (code === 1009) log.info('connection closed: message too large', { conn: conn.id });
    });
    ws.on('message', (data: RawData, isBinary) => {
      const text = isBinary ? null : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8');
      void dispatch(text ?? '\u0000', table, conn, log)
        .then((reply) => reply && conn.sendRaw(reply))
        .catch((err: unknown) => log.error('dispatch failed', { message: String(err) }));
    });
  };

  let listener: Listener;
  try {
    listener = await listen(options.port ?? state.config().port, token, log, onConnection);
  } catch (err) {
    void scanPool.close();
    state.close();
    store.close();
    throw err;
  }
  log.info('airlockd started', { pid: process.pid, port: listener.port, policy: state.policy().ref.name, records });

  async function stop(): Promise<void> {
    stopping ??= (async () => {
      for (const abort of ctx.inflight.values()) abort.abort();
      await listener.close();
      await scanPool.close();
      state.close();
      recordWriter.flush();
      store.close();
      log.info('airlockd stopped');
      options.onStopped?.();
    })();
    return stopping;
  }
  return { port: listener.port, home, token, stop };
}
