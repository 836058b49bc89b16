// A tree-sitter grammar that fails to load is reported once with AIRLOCK_E_GRAMMAR (to listeners past and future),
// and its code is still found by the heuristic instead of failing the scan.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onGrammarError, parserFor } from '../../../daemon/detect/code/grammars';
import type { AirlockError } from '../../../protocol/errors';

test('a grammar that fails to load is reported once with its code, and stays skipped', () => {
  const early: AirlockError[] = [];
  const off = onGrammarError((e) => early.push(e));
  const broken = () => {
    throw new Error('The module was compiled against a different Node.js version (NODE_MODULE_VERSION 115)\nmore detail');
  };
  assert.equal(parserFor('bash', broken), null);
  assert.equal(parserFor('bash', broken), null, 'cached as unavailable');
  assert.equal(early.length, 1, 'reported once');
  assert.equal(early[0]!.code, 'AIRLOCK_E_GRAMMAR');
  assert.deepEqual(early[0]!.details, { grammar: 'bash' });
  assert.equal(early[0]!.message, 'the bash grammar failed to load (The module was compiled against a different Node.js version (NODE_MODULE_VERSION 115)); bash code is found by the heuristic only');
  off();

  // A listener that subscribes later (the daemon starts after a CLI scan in the same process) still hears it.
  const late: AirlockError[] = [];
  onGrammarError((e) => late.push(e))();
  assert.deepEqual(late.map((e) => e.details), [{ grammar: 'bash' }]);

  // A grammar that loads is not reported.
  assert.ok(parserFor('json'));
  assert.equal(early.length, 1);
});
