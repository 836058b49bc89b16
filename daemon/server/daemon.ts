// airlockd: opens the home, the token, the store and the settings, listens on 127.0.0.1, dispatches JSON-RPC.
import type { WebSocket } from 'ws';
import pkg from '../../package.json' with { type: 'json' };
import type { DaemonNotification, DaemonNotifications } from '../../protocol/methods';
import { airlockHome, configFile, loadLayeredConfig, machineConfigFile } from '../config';
import { onGrammarError } from '../detect/code/grammars';
import { startPolicySource } from '../policy-source';
import { createKeyStore, type KeyStore } from '../providers/keys';
import { createScanPool, type ScanPool } from '../route/scan-pool';
import { checkWritable, formatHead, openStore } from '../store';
import { wrapSocket, type Connection, type ConnectionLimits } from './connection';
import type { Runner, ServerContext } from './context';
import { handlers } from './handlers';
import { ensureHome, ensureToken } from './home';
import { listen, type Listener } from './http';
import { socketPath } from '../../protocol/node/home';
import { fileLogger, type Logger } from './log';
import { dispatch } from './rpc';
import { createRecordWriter } from './record-writer';
import { createRunner } from './runner';
import { createState, policyLogFields } from './state';
import { endpointKeyVerifier } from './surfaces/keys';
import { surfaceRouter } from './surfaces/router';
import { createExporter } from '../telemetry/exporter';
import { telemetrySettings } from '../telemetry/settings';

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
  /** Free bytes on the store's disk (tests simulate a full disk). */
  freeBytes?: (dir: string) => number;
  /** Per-connection backpressure limits (tests use small ones). */
  connectionLimits?: Partial<ConnectionLimits>;
  /** The Unix socket to listen on besides TCP; default `<home>/airlockd.sock` (Linux, macOS); null: none. */
  socketPath?: string | null;
  /** Called once the daemon has fully stopped (after daemon/shutdown or stop()). */
  onStopped?: () => void;
}

export interface Daemon {
  port: number;
  /** The Unix socket it listens on too, or null. */
  socketPath: string | null;
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
  // A remote policy source is fetched and verified before the policy is loaded (no verified copy: no start).
  const initial = loadLayeredConfig(configFile(env, home), machineConfigFile(env));
  const policySource = initial.policySource ? await startPolicySource(initial, { home, log }) : null;
  let state: ReturnType<typeof createState>;
  try {
    state = createState(configFile(env, home), log, (params) => broadcast('policy/changed', params), undefined, machineConfigFile(env), home);
  } catch (err) {
    policySource?.close();
    throw err;
  }
  const store = openStore(home, {
    onListenerError: (err) => log.error('store listener failed', { message: String(err) }),
    // Every commit's head, so the log holds a copy of the anchor (decisions.head) to compare with.
    onHead: (head) => log.info('audit head', { head: formatHead(head) }),
    onWarning: (message) => log.error('audit anchor', { code: 'AIRLOCK_E_AUDIT_ANCHOR', message }),
  });
  // Keys are read per hosted request: the daemon trusts a keychain answer for a minute (keys/set and a refused key
  // drop it at once).
  const keys = options.keys ?? createKeyStore({ env, cacheMs: 60_000 });
  const startup = store.verify();
  let records = startup.count;
  if (!startup.ok) log.error('audit chain broken at start', { code: startup.code, seq: startup.firstBroken.seq, reason: startup.firstBroken.reason });
  store.subscribe((event) => void (event.type === 'record' && records++));
  // Decisions to the organisation's OpenTelemetry collector: queued here, sent off the request path (telemetry/).
  // The settings are read at start; a changed endpoint applies at the next start.
  const otlp = telemetrySettings(state.config(), env);
  const telemetry = otlp ? createExporter(otlp, { version: pkg.version, log }) : null;
  if (telemetry) store.subscribe((event) => void (event.type === 'record' && telemetry.enqueue(event.entry.record)));

  const recordWriter = createRecordWriter(store);
  const scanPool = options.scanPool ?? createScanPool();
  let stopping: Promise<void> | null = null;
  const ctx: ServerContext & { recordCount(): number } = {
    version: pkg.version,
    home,
    startedAt: Date.now(),
    store,
    records: recordWriter,
    checkStore: () => checkWritable(store.path, undefined, options.freeBytes),
    state,
    keys,
    runner: options.runner ?? createRunner(state, keys, log, scanPool.scan),
    scan: scanPool.scan,
    log,
    now: options.now ?? (() => new Date()),
    inflight: new Map(),
    broadcast,
    port: () => listener.port,
    shutdown: () => void stop(),
    recordCount: () => records,
    telemetry: () => telemetry?.stats() ?? null,
    policySource: () => policySource?.status() ?? null,
  };
  const table = handlers(ctx);

  const onConnection = (ws: WebSocket) => {
    const conn = wrapSocket(ws, { log, limits: options.connectionLimits, onMessage: (text, c) => dispatch(text, table, c, log) });
    connections.add(conn);
    conn.onClose(() => connections.delete(conn));
    ws.on('error', (err) => log.info('connection error', { conn: conn.id, message: err.message }));
    ws.on('close', (code) => {
      if (code === 1009) log.info('connection closed: message too large', { conn: conn.id });
    });
  };

  let listener: Listener;
  try {
    const socket = options.socketPath === undefined ? socketPath(home) : options.socketPath;
    listener = await listen({ port: options.port ?? state.config().port, socketPath: socket, token, log, onConnection, onRequest: surfaceRouter(ctx, endpointKeyVerifier(home)) });
  } catch (err) {
    void scanPool.close();
    policySource?.close();
    state.close();
    store.close();
    throw err;
  }
  const head = startup.ok ? formatHead(startup.head) : null;
  log.info('airlockd started', { pid: process.pid, port: listener.port, socket: listener.socketPath, ...policyLogFields(state.policy()), records, head });
  // detect/ does no I/O: a grammar that fails to load is told here, once, and logged with its code.
  const grammarErrors = onGrammarError((err) => log.error('grammar failed to load', { code: err.code, message: err.message }));

  async function stop(): Promise<void> {
    stopping ??= (async () => {
      for (const abort of ctx.inflight.values()) abort.abort();
      await listener.close();
      await scanPool.close();
      policySource?.close();
      state.close();
      grammarErrors();
      recordWriter.flush();
      await telemetry?.close();
      store.close();
      log.info('airlockd stopped');
      options.onStopped?.();
    })();
    return stopping;
  }
  return { port: listener.port, socketPath: listener.socketPath, home, token, stop };
}
