import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExtensionEvents } from '../../../protocol/webview';
import { Rpc } from '../../../webview/rpc';
import { onReconnected } from '../../../webview/shared/reconnect';

function connection(rpc: Rpc, state: ExtensionEvents['connection']['state']): void {
  rpc.receive({ kind: 'event', event: 'connection', payload: { state, message: '' } });
}

test('a view connected from the start does not reload: its mount-time load covers it', () => {
  const rpc = new Rpc(() => undefined);
  let reloads = 0;
  onReconnected(rpc, () => reloads++);
  connection(rpc, 'connected');
  connection(rpc, 'connected');
  assert.equal(reloads, 0);
});

test('a view that mounted before the daemon was up reloads once it connects', () => {
  const rpc = new Rpc(() => undefined);
  let reloads = 0;
  onReconnected(rpc, () => reloads++);
  connection(rpc, 'connecting');
  connection(rpc, 'down');
  assert.equal(reloads, 0);
  connection(rpc, 'connected');
  assert.equal(reloads, 1);
});

test('every loss and return of the daemon reloads again; repeated connected events do not', () => {
  const rpc = new Rpc(() => undefined);
  let reloads = 0;
  const stop = onReconnected(rpc, () => reloads++);
  for (const state of ['connected', 'down', 'connected', 'connected', 'connecting', 'connected'] as const) connection(rpc, state);
  assert.equal(reloads, 2);
  stop();
  connection(rpc, 'down');
  connection(rpc, 'connected');
  assert.equal(reloads, 2, 'no reload after unsubscribing');
});
