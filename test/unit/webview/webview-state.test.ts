import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chatReducer, initialChatState, loadChatState, loadDecisionsState, MAX_TURNS, Store, streamingTurn, type ChatAction, type ChatState } from '../../../webview/state';
import { makeRecord } from '../../helpers/records';

const run = (actions: ChatAction[], start: ChatState = initialChatState('c1')) => actions.reduce(chatReducer, start);

test('a sent prompt streams chunks and the final response text wins', () => {
  const planned = makeRecord('secret-local', 0, { status: 'planned' });
  const final = makeRecord('secret-local', 0, { status: 'ok' });
  let s = run([{ type: 'draft', text: 'why?' }, { type: 'sent', requestId: 'r1', prompt: 'why?', attach: 'selection' }]);
  assert.equal(s.draft, '');
  assert.equal(streamingTurn(s)?.requestId, 'r1');
  s = run([{ type: 'started', requestId: 'r1', record: planned }, { type: 'chunk', requestId: 'r1', delta: 'Hel' }, { type: 'chunk', requestId: 'r1', delta: 'lo' }], s);
  assert.equal(s.turns[0]!.answer, 'Hello');
  assert.equal(s.turns[0]!.record, planned);
  s = run([{ type: 'finished', requestId: 'r1', record: final, text: 'Hello there.' }, { type: 'chunk', requestId: 'r1', delta: 'late' }], s);
  assert.deepEqual({ answer: s.turns[0]!.answer, status: s.turns[0]!.status }, { answer: 'Hello there.', status: 'done' });
  assert.equal(streamingTurn(s), undefined);
});

test("a turn shows the attachment the record says was sent, not the one asked for", () => {
  const withoutParts = makeRecord('public-hosted', 0, { status: 'planned' });
  const withSelection = makeRecord('code-private', 1, { status: 'ok' });
  withSelection.facts = { ...withSelection.facts, parts: [{ origin: 'selection', path: 'src/a.ts', start: 10, end: 40 }] };
  const asked = run([{ type: 'sent', requestId: 'r1', prompt: 'why?', attach: 'selection' }]);
  assert.equal(asked.turns[0]!.attach, 'selection', 'shown as asked while nothing is known');
  // An empty selection attaches nothing: the planned record has no part.
  assert.equal(run([{ type: 'started', requestId: 'r1', record: { ...withoutParts, facts: { ...withoutParts.facts, parts: undefined } } }], asked).turns[0]!.attach, 'none');
  assert.equal(run([{ type: 'finished', requestId: 'r1', record: withSelection, text: 'ok' }], asked).turns[0]!.attach, 'selection');
});

test('events for unknown requests change nothing', () => {
  const s = initialChatState('c1');
  assert.equal(chatReducer(s, { type: 'chunk', requestId: 'nope', delta: 'x' }), s);
});

test('failures map to blocked, cancelled or error', () => {
  const sent: ChatAction = { type: 'sent', requestId: 'r', prompt: 'p', attach: 'none' };
  const status = (code: string) => run([sent, { type: 'failed', requestId: 'r', error: { code: code as 'AIRLOCK_E_BLOCKED', message: 'm' } }]).turns[0]!.status;
  assert.equal(status('AIRLOCK_E_BLOCKED'), 'blocked');
  assert.equal(status('AIRLOCK_E_CANCELLED'), 'cancelled');
  assert.equal(status('AIRLOCK_E_LOCAL_UNAVAILABLE'), 'error');
  const blockedRecord = run([sent, { type: 'finished', requestId: 'r', record: makeRecord('pii-blocked'), text: '' }]);
  assert.equal(blockedRecord.turns[0]!.status, 'blocked');
});

test('the settings default applies until the user picks an attach mode', () => {
  let s = run([{ type: 'attach', attach: 'selection', chosen: false }]);
  assert.equal(s.attach, 'selection');
  s = run([{ type: 'attach', attach: 'file', chosen: true }, { type: 'attach', attach: 'none', chosen: false }], s);
  assert.equal(s.attach, 'file');
});

test('new conversation clears turns but keeps the draft; the transcript is capped', () => {
  let s = initialChatState('c1');
  for (let i = 0; i < MAX_TURNS + 5; i++) s = chatReducer(s, { type: 'sent', requestId: `r${i}`, prompt: `p${i}`, attach: 'none' });
  assert.equal(s.turns.length, MAX_TURNS);
  assert.equal(s.turns[0]!.requestId, 'r5');
  s = run([{ type: 'draft', text: 'keep me' }, { type: 'new', conversationId: 'c2' }], s);
  assert.deepEqual({ id: s.conversationId, turns: s.turns.length, draft: s.draft }, { id: 'c2', turns: 0, draft: 'keep me' });
});

test('loading saved state: a stream in flight becomes interrupted; junk gives a fresh state', () => {
  const saved = run([{ type: 'sent', requestId: 'r', prompt: 'p', attach: 'none' }, { type: 'draft', text: 'd' }]);
  const loaded = loadChatState(JSON.parse(JSON.stringify(saved)), () => 'fresh');
  assert.equal(loaded.turns[0]!.status, 'interrupted');
  assert.equal(loaded.draft, 'd');
  assert.equal(loaded.conversationId, 'c1');
  assert.equal(loadChatState('garbage', () => 'fresh').conversationId, 'fresh');
  assert.deepEqual(loadDecisionsState({ filters: { target: 'local' }, selectedId: 7 }).filters.target, 'local');
  assert.equal(loadDecisionsState({ filters: { target: 'local' }, selectedId: 7 }).selectedId, null);
});

test('the store batches saves and flushes the latest state', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const saves: ChatState[] = [];
  const store = new Store(initialChatState('c1'), chatReducer, (s) => saves.push(s), 20);
  store.dispatch({ type: 'draft', text: 'a' });
  store.dispatch({ type: 'draft', text: 'ab' });
  t.mock.timers.tick(19);
  assert.equal(saves.length, 0, 'nothing saved before the interval');
  t.mock.timers.tick(1);
  assert.deepEqual(saves.map((s) => s.draft), ['ab']);
  store.dispatch({ type: 'draft', text: 'abc' });
  store.flush();
  assert.equal(saves.at(-1)!.draft, 'abc');
});
