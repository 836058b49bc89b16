// A policy's `knownWords` (its products and projects) are vouched for wherever the sweep runs for it: the plan's scan,
// the preset test runner and the re-scan of a redacted prompt before it is sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestFacts } from '../../../protocol';
import { scan, type ScanOptions } from '../../../daemon/detect';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { parsePolicy } from '../../../daemon/policy/load';
import { planRedactions } from '../../../daemon/policy/redact';
import { summarizePolicy } from '../../../daemon/policy/summary';
import { runCase } from '../../../daemon/policy/test-runner';
import { plan } from '../../../daemon/route/plan';
import { PlaceholderBook } from '../../../daemon/route/redact';
import { redactForSending } from '../../../daemon/route/rescan';
import { PRESET_HEADER, signal } from '../policy/policy-helpers';

const chat: RequestFacts = { source: 'chat', interactive: true };

test('a policy\'s knownWords are its own vocabulary: the plan, the preset test runner and the re-scan all vouch for them', async () => {
  const rules = '  - id: unknown-words-local\n    description: d\n    when: { signal: { kind: pii, type: [possible-name] } }\n    route: local\n';
  const withWords = (words: string) => parsePolicy(`${PRESET_HEADER}knownWords: [${words}]\nrules:\n${rules}default:\n  route: hosted\n  prefer: cheap\n`, 'presets/team.yaml');
  const prompt = 'How do I make Zorbix retry failed uploads three times?';
  const ctx = { catalogue: defaultCatalogue, storage: 'redacted' as const, now: new Date(0) };
  assert.equal((await plan(prompt, chat, { ...ctx, policy: withWords('Acme') })).record.route.target, 'local');
  const team = withWords('zorbix, Acme');
  const planned = await plan(prompt, chat, { ...ctx, policy: team });
  assert.equal(planned.record.route.target, 'hosted');
  assert.deepEqual(planned.scanOptions, { sweep: true, knownWords: ['zorbix', 'acme'] });
  // The policy view lists them, so a developer sees which words the team vouched for.
  assert.deepEqual(summarizePolicy(team, []).knownWords, ['zorbix', 'acme']);
  assert.equal(summarizePolicy(withWords('Acme, ACME'), []).knownWords?.length, 1);
  // A name beside the known word is still swept.
  assert.equal((await plan('Did Okwuosa make Zorbix retry?', chat, { ...ctx, policy: team })).record.route.target, 'local');
  const { diff } = await runCase(team, { name: 'n', prompt, expect: { target: 'hosted', rule: 'default' } }, scan, defaultCatalogue);
  assert.deepEqual(diff, []);
  // The re-scan of a redacted prompt sweeps with the same words: only what the plan redacted is replaced.
  const text = 'Ask Okwuosa whether Zorbix retries.';
  const redactions = planRedactions([signal('pii', 'possible-name', 4, 11)], ['possible-name'], text);
  const sent = (options?: ScanOptions) => redactForSending(text, redactions, new PlaceholderBook(), undefined, options);
  assert.equal((await sent(planned.scanOptions)).text, 'Ask [POSSIBLE_NAME_1] whether Zorbix retries.');
  assert.equal((await sent({ sweep: true })).text, 'Ask [POSSIBLE_NAME_1] whether [POSSIBLE_NAME_2] retries.');
});

test('knownWords hold single words: a phrase or a path is refused when the policy loads', () => {
  assert.throws(() => parsePolicy(`${PRESET_HEADER}knownWords: [Zorbix Cloud]\nrules: []\ndefault:\n  route: hosted\n`, 'presets/team.yaml'), /AIRLOCK_E_POLICY|knownWords/);
});
