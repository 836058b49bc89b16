// VS Code refuses a second registration of a command id and the whole activation fails: the palette commands and
// the ids the chat integration registers must never overlap (seen: two 'airlock.openDecision').
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OPEN_DECISION_COMMAND } from '../../../extension/chat/deps';
import { COMMAND_TITLES } from '../../../extension/commands/ids';

test('no palette command id is also registered by the chat integration', () => {
  assert.ok(!Object.hasOwn(COMMAND_TITLES, OPEN_DECISION_COMMAND), `${OPEN_DECISION_COMMAND} is registered twice`);
});
