// A rule's condition in words, one vocabulary both ways: what the summary and diff say when it holds, what an
// explanation says when a `not` matched because it did not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conditionWords } from '../../../daemon/policy/condition-words';
import type { Condition } from '../../../daemon/policy/schema';

const PATHS = { secrets: ['**/.env', '**/*.pem'] };

const CASES: [Condition, string, string][] = [
  [{ signal: { kind: 'secret' } }, 'the prompt contains secrets', 'the prompt contains no secrets'],
  [{ signal: { kind: 'pii', type: ['email', 'us-ssn'] } }, 'the prompt contains personal data of type email or us ssn', 'the prompt contains no personal data of type email or us ssn'],
  [{ signal: { kind: 'pii', minCount: 3 } }, 'the prompt contains at least 3 findings of personal data', 'the prompt contains fewer than 3 findings of personal data'],
  [{ code: {} }, 'the prompt contains code', 'the prompt contains no code'],
  [{ code: { minShare: 0.3, languages: ['python', 'go'] } }, 'the prompt contains Python or Go code making up at least 30% of it', 'less than 30% of the prompt is Python or Go code'],
  [{ path: 'secrets' }, 'an attached path matches the `secrets` paths (`**/.env`, `**/*.pem`)', 'no attached path matches the `secrets` paths (`**/.env`, `**/*.pem`)'],
  [{ path: ['src/**'] }, 'an attached path matches the globs `src/**`', 'no attached path matches the globs `src/**`'],
  [{ domain: ['medical', 'legal'] } as Condition, 'the prompt touches on medical or legal matters', 'the prompt touches on no medical or legal matters'],
  [{ tools: true }, 'the request uses tools', 'the request uses no tools'],
  [{ tools: false }, 'the request uses no tools', 'the request uses tools'],
  [{ interactive: false }, 'it is a background task', 'the user is waiting for the answer'],
  [{ depth: 'deep' }, 'the user asked for a deeper answer', 'the user asked for a normal answer'],
  [{ truncated: true }, 'the prompt is longer than the scan limit', 'the whole prompt was scanned'],
  [{ always: true }, 'always', 'never'],
  [{ not: { signal: { kind: 'secret' } } }, 'the prompt contains no secrets', 'the prompt contains secrets'],
  [{ any: [{ signal: { kind: 'secret' } }, { tools: true }] }, 'any of: the prompt contains secrets or the request uses tools', 'the prompt contains no secrets and the request uses no tools'],
  [{ all: [{ code: {} }, { interactive: true }] }, 'the prompt contains code and the user is waiting for the answer', 'the prompt contains no code or it is a background task'],
];

test('each condition reads one way when it holds and the opposite way when it does not', () => {
  for (const [cond, holds, fails] of CASES) {
    assert.equal(conditionWords(cond, true, PATHS), holds, JSON.stringify(cond));
    assert.equal(conditionWords(cond, false, PATHS), fails, `not ${JSON.stringify(cond)}`);
  }
});
