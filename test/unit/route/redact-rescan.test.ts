// §1: the text that leaves after redaction holds no finding of a kind the rule redacts. The text to send is scanned
// again (placeholders included); what is still found is redacted too, and when that cannot be done nothing is sent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Redaction } from '../../../protocol';
import { scan } from '../../../daemon/detect';
import { planRedactions } from '../../../daemon/policy/redact';
import { PlaceholderBook } from '../../../daemon/route/redact';
import { redactForSending } from '../../../daemon/route/rescan';
import { API_KEY, MODELS, plannedRecord, run, testDeps } from './exec-helpers';
import { startSims, type Sims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true };

function span(text: string, value: string, type: string, placeholder: string, from = 0): Redaction {
  const start = text.indexOf(value, from);
  assert.ok(start >= 0, `${value} in text`);
  return { kind: 'pii', type, start, end: start + value.length, placeholder };
}

/** What the planner redacts under a `redact: [pii]` rule. */
async function planned(text: string): Promise<Redaction[]> {
  return planRedactions((await scan(text, facts)).signals, ['pii'], text);
}

test('a value found once is masked wherever it recurs, and each part of a redacted name where it stands alone', async () => {
  const text = 'Zoolander is a 1996 film directed by Bryan Maclean and starring Maclean. Ask Bryan Maclean, not Macleanish.';
  const plan = [span(text, 'Bryan Maclean', 'person-name', '[PERSON_NAME_1]')];
  const out = await redactForSending(text, plan, new PlaceholderBook());
  assert.equal(out.text, 'Zoolander is a 1996 film directed by [PERSON_NAME_1] and starring [PERSON_NAME_2]. Ask [PERSON_NAME_1], not Macleanish.');
  assert.ok(!/Bryan|Maclean\b/.test(out.text));
});

test('what the plan missed but the re-scan finds is redacted too, and the record says what it found', async () => {
  // The plan covered only the e-mail (as a plan from an older scan, or a partial one, would).
  const text = 'Mail dana.kowalski@northwind.io or call +49 30 5557 8812 about the order.';
  const out = await redactForSending(text, [span(text, 'dana.kowalski@northwind.io', 'email', '[EMAIL_1]')], new PlaceholderBook());
  assert.equal(out.text, 'Mail [EMAIL_1] or call [PHONE_1] about the order.');
  assert.deepEqual(out.rescan, { findings: ['phone'], action: 'redacted' });
});

test('with a scanner the re-scan runs there; one that misses its deadline proves nothing, and nothing is sent', async () => {
  const text = 'Mail dana.kowalski@northwind.io or call +49 30 5557 8812 about the order.';
  const plan = [span(text, 'dana.kowalski@northwind.io', 'email', '[EMAIL_1]')];
  const seen: string[] = [];
  const pooled = await redactForSending(text, plan, new PlaceholderBook(), async (t, f, o) => { seen.push(t); return scan(t, f, o); });
  assert.equal(pooled.text, 'Mail [EMAIL_1] or call [PHONE_1] about the order.');
  assert.ok(seen.length >= 1 && seen.every((t) => !t.includes('dana.kowalski')), 'the scanner saw the redacted text');
  const late = await redactForSending(text, plan, new PlaceholderBook(), async (t, f) => ({ ...(await scan(t, f)), signals: [], truncated: true }));
  assert.deepEqual(late.rescan, { findings: ['scan-deadline'], action: 'blocked' });
});

test('a clean redaction says so', async () => {
  const text = 'Mail dana.kowalski@northwind.io about the order.';
  const out = await redactForSending(text, await planned(text), new PlaceholderBook());
  assert.deepEqual(out.rescan, { findings: [], action: 'clean' });
});

test('a secret turning up where only personal data was redacted means nothing is sent', async () => {
  const text = 'Mail dana.kowalski@northwind.io the token ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u please.';
  const out = await redactForSending(text, [span(text, 'dana.kowalski@northwind.io', 'email', '[EMAIL_1]')], new PlaceholderBook());
  assert.equal(out.rescan.action, 'blocked');
  assert.deepEqual(out.rescan.findings, ['github-token']);
});

test('corpus-style postal blocks and contact sheets leave no value of a redacted kind behind', async () => {
  const cases: Array<[string, string[]]> = [
    ['Marisa Alves\nLegistorm\n09457 Vana-Viru 25 Apt. 971\nArchimandrita Pano, PA 73161\nMobile: 432 03 163\nDesk: (602)272-9781', ['Archimandrita', '73161', '272-9781']],
    ['William Hughes\n\n20789 Allika 46\n Suite 501\n Riisa\n\n Estonia 62488', ['Riisa', '62488', 'Allika']],
    ['>Gyala Antall\n>3369 24 Clarke Avenue\n>Apt. 805\n>Pines Beach\n>New Zealand 34694', ['Apt. 805', 'Pines Beach', '34694']],
  ];
  for (const [text, values] of cases) {
    const out = await redactForSending(text, await planned(text), new PlaceholderBook());
    for (const v of values) assert.ok(!out.text.includes(v), `${v} left in ${JSON.stringify(out.text)}`);
  }
});

let sims: Sims;
before(async () => { sims = await startSims(undefined, { apiKey: API_KEY }); });
after(async () => { await sims.close(); });

test('execute: a redaction that will not come clean sends zero bytes and ends blocked, with the re-scan recorded', async () => {
  await sims.reset();
  const text = 'Mail dana.kowalski@northwind.io the token ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u please.';
  const redactions = [span(text, 'dana.kowalski@northwind.io', 'email', '[EMAIL_1]')];
  const r = await run(testDeps(sims), { record: plannedRecord('hosted', [MODELS.gpt], redactions), models: [MODELS.gpt], text });
  assert.equal(r.record.status, 'blocked');
  assert.equal(r.record.error?.code, 'AIRLOCK_E_BLOCKED');
  assert.deepEqual(r.record.rescan, { findings: ['github-token'], action: 'blocked' });
  assert.deepEqual(r.record.attempts, []);
  assert.equal(sims.openai.receivedBytes().length, 0);
});

test('execute: what the re-scan redacts is what the simulator gets, and the answer restores it', async () => {
  await sims.reset();
  const text = 'Mail dana.kowalski@northwind.io or call +49 30 5557 8812 about the order.';
  const redactions = [span(text, 'dana.kowalski@northwind.io', 'email', '[EMAIL_1]')];
  const r = await run(testDeps(sims), { record: plannedRecord('hosted', [MODELS.gpt], redactions), models: [MODELS.gpt], text });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(r.record.rescan, { findings: ['phone'], action: 'redacted' });
  const sent = sims.openai.receivedText();
  assert.ok(sent.includes('Mail [EMAIL_1] or call [PHONE_1] about'), 'placeholders sent');
  assert.ok(!sent.includes('5557 8812'));
  // The simulator echoes the prompt: the placeholders come back as the user's own values.
  assert.ok(r.text.startsWith('sim-openai: Mail dana.kowalski@northwind.io or call +49 30 5557 8812'), r.text);
});
