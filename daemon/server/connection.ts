// One client connection: reads requests, sends responses and notifications, and runs cleanups (subscriptions,
// cancels) on close. It bounds what one client can make the daemon hold: while too many reply bytes wait for a client
// that does not read (or too many of its requests are running), the daemon stops reading from it; past a second limit
// it closes the connection with a coded reason and lets go of everything queued for it.
import type { RawData, WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../protocol/methods';
import type { DaemonNotification, DaemonNotifications } from '../../protocol/methods';
import type { Logger } from './log';

export interface Connection {
  readonly id: number;
  notify<N extends DaemonNotification>(method: N, params: DaemonNotifications[N]): void;
  sendRaw(text: string): void;
  /** Runs when the socket closes (or immediately when it already has). */
  onClose(fn: () => void): void;
  /** False once the socket closed or is being closed: nothing more will be sent, so there is no point working for it. */
  readonly open: boolean;
}

export interface ConnectionLimits {
  /** Stop reading the client's requests while more reply bytes than this wait to be sent to it… */
  pauseBytes: number;
  /** …and read again once the backlog is down to this. */
  resumeBytes: number;
  /** Close the connection once this many bytes wait: the client is not reading at all. */
  closeBytes: number;
  /** Stop reading while this many of the client's messages are being handled (a batch counts once). */
  maxPending: number;
  /** How long a connection closed for not reading may take to receive its close frame before it is cut. */
  closeGraceMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  pauseBytes: 4 * 1024 * 1024,
  resumeBytes: 1024 * 1024,
  // Twice the largest message a client accepts, so one big reply to a client that reads never trips it.
  closeBytes: 2 * MAX_MESSAGE_BYTES,
  maxPending: 256,
  closeGraceMs: 5_000,
};

/** WebSocket close code 1008 (policy violation), with the error code first in the reason so clients can show it. */
export const SLOW_CLIENT_CLOSE = { code: 1008, reason: 'AIRLOCK_E_SLOW_CLIENT: the client did not read its replies' } as const;

export interface SocketOptions {
  log: Logger;
  /** Handles one text message; resolves with the reply text, or null when nothing is owed. */
  onMessage?: (text: string, conn: Connection) => Promise<string | null>;
  limits?: Partial<ConnectionLimits>;
}

let nextId = 1;

function messageText(data: RawData, isBinary: boolean): string {
  // A binary frame is not JSON-RPC: NUL makes dispatch answer with a parse error instead of guessing an encoding.
  if (isBinary) return '\u0000';
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8');
}

export function wrapSocket(ws: WebSocket, options: SocketOptions = { log: { info() {}, error() {} } }): Connection {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const { log } = options;
  const cleanups: (() => void)[] = [];
  let open = true;
  let closing = false;
  let paused = false;
  let pending = 0;
  const id = nextId++;

  // Everything held for this client goes: subscriptions end, running requests are aborted.
  const release = () => {
    for (const fn of cleanups.splice(0)) {
      try {
        fn();
      } catch {
        // A cleanup failing must not stop the others.
      }
    }
  };

  const closeSlow = (buffered: number) => {
    closing = true;
    log.info('connection closed: the client does not read its replies', { conn: id, code: 'AIRLOCK_E_SLOW_CLIENT', buffered });
    release();
    ws.close(SLOW_CLIENT_CLOSE.code, SLOW_CLIENT_CLOSE.reason);
    // Read again, so the client's close frame (or end of stream) can arrive; new requests are ignored.
    if (paused) ws.resume();
    // A client that never reads never takes the close frame either: cut it after a grace period.
    const cut = setTimeout(() => ws.terminate(), limits.closeGraceMs);
    cut.unref();
    ws.once('close', () => clearTimeout(cut));
  };

  /** Pauses or resumes reading from the client, or closes it, from its backlog and its running requests. */
  const flow = () => {
    if (!open || closing) return;
    const buffered = ws.bufferedAmount;
    if (buffered > limits.closeBytes) {
      closeSlow(buffered);
    } else if (!paused && (buffered > limits.pauseBytes || pending >= limits.maxPending)) {
      paused = true;
      ws.pause();
      log.info('connection paused: waiting for the client to read its replies', { conn: id, buffered, pending });
    } else if (paused && buffered <= limits.resumeBytes && pending < limits.maxPending) {
      paused = false;
      ws.resume();
      log.info('connection resumed', { conn: id, buffered, pending });
    }
  };

  ws.on('close', () => {
    open = false;
    release();
  });

  const sendRaw = (text: string) => {
    if (!open || closing || ws.readyState !== ws.OPEN) return;
    // The callback runs once the bytes reached the socket: the moment to read from a paused client again.
    ws.send(text, flow);
    flow();
  };

  const conn: Connection = {
    id,
    get open() {
      return open && !closing;
    },
    sendRaw,
    notify: (method, params) => sendRaw(JSON.stringify({ jsonrpc: '2.0', method, params })),
    onClose(fn) {
      if (open && !closing) cleanups.push(fn);
      else fn();
    },
  };

  const onMessage = options.onMessage;
  if (onMessage) {
    ws.on('message', (data: RawData, isBinary) => {
      // Frames already read when the connection paused or began closing still arrive; a closing one takes none.
      if (closing) return;
      pending++;
      flow();
      void onMessage(messageText(data, isBinary), conn)
        .then((reply) => reply !== null && sendRaw(reply))
        .catch((err: unknown) => log.error('dispatch failed', { conn: id, message: String(err) }))
        .finally(() => {
          pending--;
          flow();
        });
    });
  }
  return conn;
}
