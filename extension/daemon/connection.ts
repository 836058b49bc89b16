// The extension's one connection to airlockd: finds it the way the CLI does (protocol/node/locate.ts), opens it
// with the mutual challenge–response (protocol/node/dial.ts), speaks JSON-RPC through the shared client core
// (protocol/rpc-client.ts), and reconnects with backoff. No VS Code import: tested against a real daemon.
import type WebSocket from 'ws';
import { AirlockError, toErrorValue } from '../../protocol/errors';
import type { ClientMethod, ClientResults, ParamsOf } from '../../protocol/methods';
import { dialFirst, isRefusal } from '../../protocol/node/dial';
import { readToken } from '../../protocol/node/home';
import { describeEndpoint, locateDaemon, type Endpoint } from '../../protocol/node/locate';
import { JsonRpcClient, type NotificationListener } from '../../protocol/rpc-client';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';

export type ConnectionState = 'connecting' | 'connected' | 'down';

/** What the launcher reports back: started (the connection dials again at once) or why not. */
export type LaunchResult = { started: true } | { started: false; problem: string };

export interface ConnectionOptions {
  home: string;
  env?: NodeJS.ProcessEnv;
  /** The TCP port when neither the daemon's state file nor the config names one (the airlock.daemonPort setting). */
  fallbackPort?: number;
  /** Where to dial; default: locateDaemon(home, env, fallbackPort), re-read on every attempt. */
  endpoints?: () => Endpoint[];
  /** Bounds each request (long methods have their own, protocol/rpc-client.ts). */
  requestTimeoutMs?: number;
  /** Bounds one connect + handshake. */
  connectTimeoutMs?: number;
  /** How long a request waits while a connection or a launch is under way; when down, requests fail at once. */
  startupGraceMs?: number;
  backoff?: BackoffOptions;
  /** Starts a daemon when nothing listens; asked once until a connection succeeds or the user retries. */
  launch?: () => Promise<LaunchResult>;
  log?: (line: string) => void;
}

export class DaemonConnection {
  private socket: WebSocket | undefined;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private dialing = false;
  private launchTried = false;
  /** Set while a daemon this connection launched may still be coming up (the launcher reports a start once the
   *  process survives its settle time, which on a loaded machine can be before it listens): failed dials then keep
   *  the state `connecting`, so requests wait out the start-up grace instead of failing. */
  private startingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why the last launch failed: later dials fail for that reason, not the "no token" they would report. */
  private launchProblem: string | undefined;
  private current: ConnectionState = 'down';
  private lastProblem = 'not started';
  private readonly rpc: JsonRpcClient;
  private readonly stateListeners = new Set<(state: ConnectionState, message: string) => void>();

  constructor(private readonly options: ConnectionOptions) {
    this.rpc = new JsonRpcClient((text) => {
      if (this.socket?.readyState !== 1) throw new Error('the connection is closed');
      this.socket.send(text);
    }, { defaultTimeoutMs: options.requestTimeoutMs, log: options.log });
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Why the connection is down, in words a user can act on. */
  get problem(): string {
    return this.lastProblem;
  }

  onState(listener: (state: ConnectionState, message: string) => void): { dispose(): void } {
    this.stateListeners.add(listener);
    return { dispose: () => this.stateListeners.delete(listener) };
  }

  onNotification(listener: NotificationListener): { dispose(): void } {
    return { dispose: this.rpc.onNotification(listener) };
  }

  start(): void {
    if (this.disposed || this.socket || this.dialing) return;
    void this.connect();
  }

  /** Forget the backoff (and the launch already tried) and try now: a user's retry. */
  reconnectNow(): void {
    if (this.disposed || this.current === 'connected') return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempt = 0;
    this.launchTried = false;
    if (!this.socket && !this.dialing) void this.connect();
  }

  /**
   * Resolves once connected; rejects when the connection goes down, or after `timeoutMs`, with the reason the daemon
   * is unreachable.
   */
  waitConnected(timeoutMs: number): Promise<void> {
    if (this.current === 'connected') return Promise.resolve();
    if (this.current === 'down') return Promise.reject(this.unreachable());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(this.unreachable());
      }, timeoutMs);
      const sub = this.onState((state) => {
        if (state === 'connecting') return;
        clearTimeout(timer);
        sub.dispose();
        if (state === 'connected') resolve();
        else reject(this.unreachable());
      });
    });
  }

  /** Every request has a deadline; while the daemon is down it fails at once with what to do. */
  async request<M extends ClientMethod>(method: M, params: ParamsOf<M>, timeoutMs?: number): Promise<ClientResults[M]> {
    if (this.current !== 'connected') await this.waitConnected(this.options.startupGraceMs ?? 20_000);
    return this.rpc.request(method, params, timeoutMs);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.startingTimer);
    this.socket?.terminate();
    this.socket = undefined;
    this.rpc.failAll('the connection to airlockd was closed');
    this.setState('down', 'closed');
  }

  private unreachable(): AirlockError {
    return new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `airlockd is not running: ${this.lastProblem}. Start it with \`airlock daemon start\` (or \`npm start\`), or check "Airlock: Show Daemon Log".`);
  }

  private setState(state: ConnectionState, message: string): void {
    if (state !== 'connected') this.lastProblem = message;
    const changed = state !== this.current;
    this.current = state;
    if (changed || state !== 'connected') for (const listener of [...this.stateListeners]) listener(state, message);
  }

  private endpoints(): Endpoint[] {
    return this.options.endpoints?.() ?? locateDaemon(this.options.home, this.options.env ?? process.env, this.options.fallbackPort);
  }

  private async connect(): Promise<void> {
    this.dialing = true;
    const endpoints = this.endpoints();
    this.setState('connecting', `connecting to airlockd at ${endpoints.map(describeEndpoint).join(' or ')}`);
    try {
      const token = readToken(this.options.home);
      const { ws, endpoint } = await dialFirst(endpoints, {
        token, timeoutMs: this.options.connectTimeoutMs ?? 5_000, onMessage: (text) => this.rpc.receive(text),
      });
      this.dialing = false;
      if (this.disposed) return void ws.terminate();
      this.adopt(ws, endpoint);
    } catch (err) {
      this.dialing = false;
      if (this.disposed) return;
      const { message } = toErrorValue(err);
      // No token yet means no daemon ever ran with this home: like "nothing listens", a launch may help.
      const refused = isRefusal(err);
      if (refused && this.options.launch && !this.launchTried) return this.launchThenConnect(message);
      this.scheduleRetry(refused && this.launchProblem ? this.launchProblem : message);
    }
  }

  private async launchThenConnect(reason: string): Promise<void> {
    this.launchTried = true;
    this.setState('connecting', `starting airlockd (${reason})`);
    let outcome: LaunchResult;
    try {
      outcome = await this.options.launch!();
    } catch (err) {
      outcome = { started: false, problem: `could not start airlockd: ${toErrorValue(err).message}` };
    }
    if (this.disposed) return;
    if (!outcome.started) {
      this.launchProblem = outcome.problem;
      return this.scheduleRetry(outcome.problem);
    }
    this.launchProblem = undefined;
    clearTimeout(this.startingTimer);
    this.startingTimer = setTimeout(() => {
      this.startingTimer = undefined;
      // The grace is over: a daemon that has not come up is down, and whoever waits is told why.
      if (this.current === 'connecting' && !this.dialing) this.setState('down', this.lastProblem);
    }, this.options.startupGraceMs ?? 20_000);
    return this.connect();
  }

  private adopt(ws: WebSocket, endpoint: Endpoint): void {
    this.socket = ws;
    this.attempt = 0;
    this.launchTried = false;
    clearTimeout(this.startingTimer);
    this.startingTimer = undefined;
    this.launchProblem = undefined;
    ws.on('error', (err) => this.options.log?.(`airlockd connection error: ${err.message}`));
    ws.on('close', (code, reason) => {
      if (this.socket === ws) this.socket = undefined;
      this.rpc.connectionClosed(code, reason.toString(), 'the connection to airlockd closed');
      if (!this.disposed) this.scheduleRetry(`airlockd closed the connection${reason.length ? ` (${reason.toString()})` : ''}`);
    });
    this.setState('connected', `connected to airlockd at ${describeEndpoint(endpoint)}`);
  }

  private scheduleRetry(reason: string): void {
    if (this.disposed) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.options.log?.(`airlockd unreachable (${reason}); retrying in ${delay} ms`);
    if (this.startingTimer) this.setState('connecting', `waiting for the airlockd just started to listen (${reason})`);
    else this.setState('down', reason);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
  }
}
