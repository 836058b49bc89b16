// One client connection: sends responses and notifications, and runs cleanups (subscriptions, cancels) on close.
import type { WebSocket } from 'ws';
import type { DaemonNotification, DaemonNotifications } from '../../protocol/methods';

export interface Connection {
  readonly id: number;
  notify<N extends DaemonNotification>(method: N, params: DaemonNotifications[N]): void;
  sendRaw(text: string): void;
  /** Runs when the socket closes (or immediately when it already has). */
  onClose(fn: () => void): void;
  readonly open: boolean;
}

let nextId = 1;

export function wrapSocket(ws: WebSocket): Connection {
  const cleanups: (() => void)[] = [];
  let open = true;
  const id = nextId++;
  ws.on('close', () => {
    open = false;
    for (const fn of cleanups.splice(0)) {
      try {
        fn();
      } catch {
        // A cleanup failing must not stop the others.
      }
    }
  });
  const sendRaw = (text: string) => {
    if (open && ws.readyState === ws.OPEN) ws.send(text);
  };
  return {
    id,
    get open() {
      return open;
    },
    sendRaw,
    notify: (method, params) => sendRaw(JSON.stringify({ jsonrpc: '2.0', method, params })),
    onClose(fn) {
      if (open) cleanups.push(fn);
      else fn();
    },
  };
}
