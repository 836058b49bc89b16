// Views load their data once when they mount; the daemon may not be there yet (the extension is still starting it)
// or may restart later. This calls `reload` each time the connection comes back after being lost, so a view never
// keeps showing the error or the stale data from before.
import type { ExtensionEvents } from '../../protocol/webview';
import type { Rpc } from '../rpc';

type ConnectionState = ExtensionEvents['connection']['state'];

/**
 * Fires on every move into 'connected' from another state seen by this view. The first state the view hears of is
 * not a move: the mount-time load already covers a daemon that is connected from the start.
 */
export function onReconnected(rpc: Pick<Rpc, 'on'>, reload: () => void): () => void {
  let last: ConnectionState | undefined;
  return rpc.on('connection', ({ state }) => {
    const back = state === 'connected' && last !== undefined && last !== 'connected';
    last = state;
    if (back) reload();
  });
}
