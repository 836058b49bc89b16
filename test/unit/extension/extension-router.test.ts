// The webview → daemon routing in the extension: what each request becomes on the wire.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AirlockError } from '../../../protocol/errors';
import { answer, createHandlers, type RouterDeps } from '../../../extension/views/router';

function fakeDeps(storage: 'none' | 'redacted' | 'full') {
  const sent: { method: string; params: unknown }[] = [];
  const deps: RouterDeps = {
    request: (async (method: string, params: unknown) => {
      sent.push({ method, params });
      return {};
    }) as RouterDeps['request'],
    attachment: (mode) => (mode === 'selection' ? { text: 'DB_PASSWORD=x', origin: 'selection', path: 'config/.env', language: 'dotenv' } : undefined),
    openRule: async () => true,
    helpAction: async (action) => {
      sent.push({ method: 'helpAction', params: action });
      return true;
    },
    insertAtCursor: async (code) => {
      sent.push({ method: 'insertAtCursor', params: code });
      return true;
    },
    applyToFile: async (code, file) => {
      sent.push({ method: 'applyToFile', params: { code, file } });
      return { applied: true, message: 'Applied.' };
    },
    openDecisionTab: async (id) => {
      sent.push({ method: 'openDecisionTab', params: id });
      return true;
    },
    switchPolicy: async () => ({}) as never,
    reviewer: () => 'ana',
    storePrompts: () => storage,
  };
  return { deps, sent };
}

test('chat/send carries the attachment as a fact, the conversation, and the storePrompts setting', async () => {
  const { deps, sent } = fakeDeps('none');
  await createHandlers(deps)['chat/send']({ requestId: 'r1', text: 'Is this right?', attach: 'selection', conversationId: 'c1' });
  const [call] = sent;
  assert.equal(call?.method, 'chat/send');
  const params = call?.params as { text: string; storePrompts: string; facts: { filePath: string; conversationId: string; parts: { start: number; end: number }[] } };
  assert.equal(params.storePrompts, 'none');
  assert.equal(params.facts.filePath, 'config/.env');
  assert.equal(params.facts.conversationId, 'c1');
  const part = params.facts.parts[0]!;
  assert.equal(params.text.slice(part.start, part.end), 'DB_PASSWORD=x');
});

test('the preview is a dry run: explain/run, never chat/send', async () => {
  const { deps, sent } = fakeDeps('redacted');
  await createHandlers(deps)['explain/run']({ text: 'hello', attach: 'none' });
  assert.deepEqual(sent.map((s) => s.method), ['explain/run']);
});

test('a review is signed with the local user name', async () => {
  const { deps, sent } = fakeDeps('redacted');
  await createHandlers(deps)['decision/review']({ id: 'rec-1', note: 'checked with the owner' });
  assert.deepEqual(sent[0], { method: 'decision/review', params: { id: 'rec-1', by: 'ana', note: 'checked with the owner' } });
});

test('a webview request always gets a coded reply: unknown method, daemon error, bug', async () => {
  const { deps } = fakeDeps('redacted');
  const handlers = createHandlers({
    ...deps,
    request: (async (method: string) => {
      if (method === 'policy/get') throw new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', 'airlockd is not running');
      throw new TypeError('cannot read properties of undefined');
    }) as RouterDeps['request'],
  });
  assert.deepEqual(await answer(handlers, 'decisions/nope', {}), { error: { code: 'AIRLOCK_E_RPC_METHOD', message: "unknown webview request 'decisions/nope'" } });
  assert.deepEqual(await answer(handlers, 'toString', {}), { error: { code: 'AIRLOCK_E_RPC_METHOD', message: "unknown webview request 'toString'" } });
  assert.deepEqual(await answer(handlers, 'policy/get', {}), { error: { code: 'AIRLOCK_E_DAEMON_UNREACHABLE', message: 'airlockd is not running' } });
  assert.deepEqual(await answer(handlers, 'policy/test', {}), { error: { code: 'AIRLOCK_E_INTERNAL', message: 'cannot read properties of undefined' } });
  assert.deepEqual(await answer(createHandlers(deps), 'policy/get', {}), { result: {} });
});

test('editor/insert hands the code block to the editor, never to the daemon', async () => {
  const { deps, sent } = fakeDeps('none');
  const result = await createHandlers(deps)['editor/insert']({ code: 'print(1)\n' });
  assert.deepEqual(result, { inserted: true });
  assert.deepEqual(sent, [{ method: 'insertAtCursor', params: 'print(1)\n' }]);
});

test('the banner\'s buttons reach the extension (start, log, settings), never the daemon it cannot reach', async () => {
  const { deps, sent } = fakeDeps('none');
  const handlers = createHandlers(deps);
  for (const action of ['start', 'log', 'settings'] as const) assert.deepEqual(await handlers['help/run']({ action }), { done: true });
  assert.deepEqual(sent, [{ method: 'helpAction', params: 'start' }, { method: 'helpAction', params: 'log' }, { method: 'helpAction', params: 'settings' }]);
});
