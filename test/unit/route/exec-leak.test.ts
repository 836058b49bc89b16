// Leak checks at the byte level: what the hosted simulators received, for routes that must keep data local and
// for redacted prompts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Redaction } from '../../../protocol';
import { PlaceholderBook } from '../../../daemon/route/redact';
import { API_KEY, MODELS, plannedRecord, run, testDeps } from './exec-helpers';
import { startSims, type Sims } from '../../helpers/sims';

let sims: Sims;
before(async () => { sims = await startSims(undefined, { apiKey: API_KEY }); });
after(async () => { await sims.close(); });

const KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const EMAIL = 'dana.kowalski@northwind.io';

function hostedBytes(): number {
  return sims.openai.receivedBytes().length + sims.anthropic.receivedBytes().length;
}

function redaction(text: string, value: string, kind: Redaction['kind'], type: string, placeholder: string): Redaction {
  const start = text.indexOf(value);
  assert.ok(start >= 0);
  return { kind, type, start, end: start + value.length, placeholder };
}

test('local route, local simulator down: hosted simulators receive zero bytes, even when handed hosted models', async () => {
  await sims.reset();
  await sims.local.down();
  const everything = [MODELS.llama, MODELS.azure, MODELS.gpt, MODELS.claude];
  const text = `Why is my key ${KEY} rejected?`;
  // `models` wrongly carries hosted ones; the plan accepted only the local model.
  const r = await run(testDeps(sims), { record: plannedRecord('local', [MODELS.llama]), models: everything, text });
  assert.equal(r.record.error?.code, 'AIRLOCK_E_LOCAL_UNAVAILABLE');
  // Even a plan that wrongly accepts hosted models under a local target does not reach them.
  const wrong = await run(testDeps(sims), { record: plannedRecord('local', everything), models: everything, text });
  assert.equal(wrong.record.status, 'blocked');
  assert.deepEqual(wrong.record.attempts.map((a) => a.provider), ['ollama']);
  assert.equal(hostedBytes(), 0);
});

for (const [name, model] of [['openai', MODELS.gpt], ['anthropic', MODELS.claude]] as const) {
  test(`redacted prompt to ${name}: the simulator's bytes hold placeholders, never the values; the user gets the values back`, async () => {
    await sims.reset();
    const text = `Key ${KEY} mail ${EMAIL} - why?`;
    const redactions = [redaction(text, KEY, 'secret', 'aws-secret-access-key', '[SECRET_1]'), redaction(text, EMAIL, 'pii', 'email', '[EMAIL_1]')];
    const book = new PlaceholderBook();
    const r = await run(testDeps(sims), { record: plannedRecord('hosted', [model], redactions), models: [model], text, book });
    assert.equal(r.record.status, 'ok');
    const sent = sims[name].receivedText();
    assert.ok(sent.includes('Key [SECRET_1] mail [EMAIL_1]'), 'placeholders sent');
    assert.ok(!sent.includes(KEY) && !sent.includes(EMAIL), 'no value sent');
    // The sim echoes the prompt: the echoed placeholders come back as the user's values, which are theirs to see.
    assert.equal(r.text, `sim-${name}: Key ${KEY} mail ${EMAIL} - why?`);
    assert.deepEqual(r.record.outputFilters, [{ name: 'secrets', action: 'none', findings: [] }]);
    assert.deepEqual(r.record.redactions.map((x) => x.placeholder), ['[SECRET_1]', '[EMAIL_1]']);
    assert.ok(!JSON.stringify(r.record).includes(KEY), 'the record holds no secret');

    // Next turn: the history (as the user saw it, with values) and a prompt that repeats the key unflagged.
    const history = [{ role: 'user' as const, content: text }, { role: 'assistant' as const, content: r.text }];
    sims[name].reset();
    const next = await run(testDeps(sims), { record: plannedRecord('hosted', [model]), models: [model], text: `And ${KEY} again?`, history, book });
    assert.equal(next.record.status, 'ok');
    const sent2 = sims[name].receivedText();
    assert.ok(!sent2.includes(KEY) && !sent2.includes(EMAIL), 'history and repeat masked');
    assert.ok(sent2.includes('And [SECRET_1] again?'));
    assert.equal(next.text, `sim-${name}: And ${KEY} again?`);
  });
}

test('a secret the model invents is redacted in the answer and in no way attributed to the user', async () => {
  await sims.reset();
  const invented = 'ghp_R2d4Xk9mPq7LwZs3Vb8Nc1Hj6Ty5Ue0Ia4Kf';
  sims.anthropic.script({ kind: 'ok', text: `Try this token:\n${invented}\nGood luck.`, chunks: 5 });
  const r = await run(testDeps(sims), { record: plannedRecord('hosted', [MODELS.claude]), models: [MODELS.claude] });
  assert.equal(r.text, 'Try this token:\n[REDACTED_SECRET]\nGood luck.');
  assert.ok(!r.deltas.join('').includes('ghp_'));
  assert.deepEqual(r.record.outputFilters, [{ name: 'secrets', action: 'redacted', findings: ['github-token'] }]);
});
