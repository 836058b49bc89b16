// One method vocabulary: a webview request the daemon answers carries the daemon's own method name, and both
// directions' clients are typed from one method → [params, result] map (a wrong name or params does not compile).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHandlers, type RouterDeps } from '../../../extension/views/router';
import { clientRequests } from '../../../protocol/methods';
import { JsonRpcClient } from '../../../protocol/rpc-client';
import type { WebviewMethod } from '../../../protocol/webview';
import { Rpc } from '../../../webview/rpc';

/** Requests only the extension itself answers (the editor, the daemon's start-up): no daemon method of that name. */
const WEBVIEW_ONLY: readonly WebviewMethod[] = ['decision/openRule', 'decision/openTab', 'help/run', 'editor/insert', 'editor/apply'];

const PARAMS: { [M in WebviewMethod]: unknown } = {
  'chat/send': { requestId: 'r1', text: 'hi', attach: 'none', conversationId: 'c1' },
  'chat/cancel': { requestId: 'r1' },
  'explain/run': { text: 'hi', attach: 'none' },
  'decision/list': { limit: 5 },
  'decision/get': { id: 'x' },
  'decision/review': { id: 'x' },
  'decision/openRule': { file: 'presets/balanced.yaml', line: 3 },
  'policy/get': {},
  'policy/set': { policy: 'strict' },
  'policy/test': {},
  'policy/replay': { policy: 'strict', days: 7 },
  'providers/check': {},
  'help/run': { action: 'log' },
  'editor/insert': { code: 'x' },
  'editor/apply': { code: 'x' },
  'decision/openTab': { id: 'x' },
};

test('every webview request the daemon answers is forwarded under the same name; the rest are webview-only', async () => {
  const handlers = createHandlers({
    request: (async (method: string) => ({ method })) as RouterDeps['request'],
    // policy/set goes through the extension (it also updates the status bar), which sends the daemon's policy/set.
    switchPolicy: (async () => ({ method: 'policy/set' })) as unknown as RouterDeps['switchPolicy'],
    attachment: () => undefined,
    openRule: async () => true,
    helpAction: async () => true,
    insertAtCursor: async () => true,
    applyToFile: async () => ({ applied: true, message: 'applied' }),
    openDecisionTab: async () => true,
    reviewer: () => 'ana',
    storePrompts: () => 'redacted',
  });
  const names = Object.keys(handlers) as WebviewMethod[];
  assert.deepEqual(names.sort(), Object.keys(PARAMS).sort());
  for (const name of names) {
    const result = (await (handlers[name] as (p: unknown) => Promise<unknown>)(PARAMS[name])) as { method?: string };
    if (WEBVIEW_ONLY.includes(name)) {
      assert.equal(result.method, undefined, `${name} is answered by the extension`);
      assert.ok(!Object.hasOwn(clientRequests, name), `${name} must not share a name with a daemon method it does not call`);
    } else {
      assert.equal(result.method, name, `webview ${name} is the daemon's ${result.method}: one name for one action`);
    }
  }
});

test('both clients are typed from their method map: a wrong method or params is a compile error (tsc checks this file)', async () => {
  const webview = new Rpc(() => {}, { defaultMs: 1 });
  // @ts-expect-error -- the old webview verb is gone
  void webview.request('decisions/query', {});
  // @ts-expect-error -- decision/get takes an id
  void webview.request('decision/get', { limit: 5 });
  const daemon = new JsonRpcClient(() => {}, { defaultTimeoutMs: 1 });
  // @ts-expect-error -- the daemon has no such method
  void daemon.request('policy/switch', { policy: 'strict' }).catch(() => {});
  const res = await webview.request('decision/get', { id: 'x' });
  // Typed result: `.value.record` compiles only because decision/get's result type comes from the map.
  assert.equal(res.ok ? res.value.record.id : res.error.code, 'AIRLOCK_E_DAEMON_UNREACHABLE');
});
