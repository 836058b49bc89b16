// route/at-rest.ts: the masking of what the audit log keeps of a request, field by field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestFacts } from '../../../protocol';
import { scan } from '../../../daemon/detect';
import { maskQuoted, maskStrings, storedRequest } from '../../../daemon/route/at-rest';

const TOKEN = 'ghp_Q3vK9mX2pL7wR4tN8sB1cF6hJ0dG5yZ2aE7u';
const OTHER = 'sk_live_51Hq8ZcCanaryQ4vT7wX2nB5mK9pL3sR6yD1fG';

test('each string is masked where the one scan found something in it; clean strings are left out', async () => {
  const masked = await maskStrings(['plain words', `see ${TOKEN} now`, 'mail ann@example.org', ''], 'redacted');
  assert.deepEqual([...masked.keys()], [`see ${TOKEN} now`, 'mail ann@example.org']);
  assert.equal(masked.get(`see ${TOKEN} now`), 'see [SECRET_1] now');
  assert.equal(masked.get('mail ann@example.org'), 'mail [EMAIL_1]');
  // `full` keeps personal data, never secrets: the same rule as the stored prompt.
  const full = await maskStrings([`see ${TOKEN}`, 'mail ann@example.org'], 'full');
  assert.deepEqual([...full.values()], ['see [SECRET_1]']);
});

test('a finding never spills into the neighbouring field', async () => {
  // Offsets of the joined scan map back to each field: a later field is masked at its own positions.
  const masked = await maskStrings(['api_key =', TOKEN, 'tail'], 'redacted');
  assert.equal(masked.get(TOKEN), '[SECRET_1]');
  assert.equal(masked.has('tail'), false);
});

test('every string in the facts is covered, whatever field it sits in; the original is not changed', async () => {
  const facts = { source: 'api', interactive: true, rag: { index: 'docs', sources: [`https://x.example/?t=${TOKEN}`] }, future: { note: TOKEN } } as RequestFacts & { future: { note: string } };
  const stored = await storedRequest('hello', await scan('hello', facts), facts, 'none', [`req-${TOKEN}`]);
  assert.deepEqual(stored.prompt, { chars: 5, storage: 'none' });
  assert.ok(!JSON.stringify(stored.facts).includes(TOKEN));
  assert.deepEqual(stored.facts.rag, { index: 'docs', sources: ['https://x.example/?t=[SECRET_1]'] });
  assert.equal(facts.future.note, TOKEN);
  assert.equal(stored.quote(`request req-${TOKEN} done`), 'request req-[SECRET_1] done');
  assert.equal(stored.quote(`from https://x.example/?t=${TOKEN}`), 'from https://x.example/?t=[SECRET_1]');
});

test('quoting replaces the longest raw value first', () => {
  const map = new Map([['abc', '[A]'], ['abcdef', '[B]']]);
  assert.equal(maskQuoted('x abcdef y abc', map), 'x [B] y [A]');
});

test('a value found once is masked wherever else it appears: in the prompt, in the facts, across both', async () => {
  const { plan } = await import('../../../daemon/route/plan');
  const { loadPolicy } = await import('../../../daemon/policy/load');
  const { defaultCatalogue } = await import('../../../daemon/policy/catalogue');
  // The detector sees the token once (after "token"); glued into a word it does not see it again.
  const text = `token ${TOKEN}\nthe log said abc${TOKEN}def twice: x${TOKEN}y`;
  const facts: RequestFacts = { source: 'chat', interactive: true, conversationId: `c${TOKEN}d`, task: `see ${OTHER}` };
  const promptWithOther = `${text}\nand q${OTHER}q`;
  for (const storage of ['redacted', 'full'] as const) {
    const { record } = await plan(promptWithOther, facts, { policy: loadPolicy('balanced'), catalogue: defaultCatalogue, storage, now: new Date() });
    const json = JSON.stringify(record);
    assert.ok(!json.includes(TOKEN), `${storage}: ${record.prompt.text}`);
    assert.ok(!json.includes(OTHER), `${storage}: a secret found in a fact is masked in the prompt too`);
    assert.equal(record.prompt.text, 'token [SECRET_1]\nthe log said abc[SECRET_1]def twice: x[SECRET_1]y\nand q[SECRET_2]q');
    assert.equal(record.facts.conversationId, 'c[SECRET_1]d');
  }
});

test('a value inside a merged finding is known on its own: a password in `user:pass@host` and again bare', async () => {
  // The password and the e-mail-shaped `pass@host` overlap and merge into one redaction; the bare copy on the next
  // line is not detected there (a weak value after a plain name).
  const text = "engine = create_engine('postgresql://postgres:m42ploz2wd@google.com:5432/mydb')\nPG_PASSWORD=m42ploz2wd";
  const found = await scan(text, { source: 'chat', interactive: true });
  assert.ok(found.signals.some((s) => s.kind === 'pii' && text.slice(s.start, s.end).startsWith('m42ploz2wd@')), 'the overlap this test is about');
  for (const storage of ['redacted', 'full'] as const) {
    const stored = await storedRequest(text, found, { source: 'chat', interactive: true }, storage);
    assert.ok(!stored.prompt.text?.includes('m42ploz2wd'), `${storage}: ${stored.prompt.text}`);
  }
});

test('the record says where its stored prompt differs from the raw one (offsets and placeholders, no values), so signals can be laid over it', async () => {
  const { plan } = await import('../../../daemon/route/plan');
  const { loadPolicy } = await import('../../../daemon/policy/load');
  const { defaultCatalogue } = await import('../../../daemon/policy/catalogue');
  const { spansInStoredText } = await import('../../../webview/decisions/highlight');
  // A detected token, the same token glued into words elsewhere (masked by the book, not by a redaction), an e-mail.
  const text = `deploy with token ${TOKEN} please\nthe log said abc${TOKEN}def; mail ann.lee@example.org`;
  const facts: RequestFacts = { source: 'chat', interactive: true };
  for (const storage of ['redacted', 'full'] as const) {
    // The route is local: nothing was redacted for sending, only masked at rest (the case the decision tab missed).
    const { record } = await plan(text, facts, { policy: loadPolicy('balanced'), catalogue: defaultCatalogue, storage, now: new Date() });
    assert.equal(record.redactions.length, 0, 'kept local: nothing redacted for sending');
    const masks = record.prompt.masks ?? assert.fail(`${storage}: no masks`);
    assert.ok(masks.length >= 2, `${storage}: the detected token and its glued copy`);
    for (const m of masks) assert.match(m.placeholder, /^\[[A-Z_]+_\d+\]$/);
    let rebuilt = '';
    let at = 0;
    for (const m of masks) [rebuilt, at] = [rebuilt + text.slice(at, m.start) + m.placeholder, m.end];
    assert.equal(rebuilt + text.slice(at), record.prompt.text);
    const secret = record.signals.find((s) => s.kind === 'secret') ?? assert.fail('the token is a signal');
    const [span] = spansInStoredText(record, [secret]) ?? assert.fail(`${storage}: signals not placed over the stored text`);
    assert.equal(record.prompt.text?.slice(span!.start, span!.end), '[SECRET_1]');
  }
});

test('a repeated field text is scanned once per scanner, with the same masking; an unfinished scan is not remembered', async () => {
  const { deadlineResult } = await import('../../../daemon/route/scan-pool');
  const counting = () => {
    const texts: string[] = [];
    const scanner = (text: string, facts: RequestFacts) => {
      texts.push(text);
      return scan(text, facts);
    };
    return { texts, scanner };
  };
  // An HTTP client's facts: the same on each of its requests.
  const facts: RequestFacts = { source: 'api', interactive: true, surface: 'openai', client: { key: 'tool', userAgent: `agent/1 ${TOKEN}` }, model: 'gpt-x' };
  const one = counting();
  const first = await storedRequest('hello', await scan('hello', facts), facts, 'redacted', [], one.scanner);
  const second = await storedRequest('hello', await scan('hello', facts), facts, 'redacted', [], one.scanner);
  assert.equal(one.texts.length, 1, 'the second request reused the first scan of the same fields');
  assert.deepEqual(second.facts, first.facts);
  assert.equal(second.facts.client?.userAgent, 'agent/1 [SECRET_1]');
  assert.equal(second.quote(`agent/1 ${TOKEN}`), first.quote(`agent/1 ${TOKEN}`));
  // Other fields are scanned anew; so is the same text for another scanner.
  await storedRequest('hello', await scan('hello', facts), { ...facts, model: 'gpt-y' }, 'redacted', [], one.scanner);
  assert.equal(one.texts.length, 2);
  const other = counting();
  await storedRequest('hello', await scan('hello', facts), facts, 'redacted', [], other.scanner);
  assert.equal(other.texts.length, 1);
  // A scan that missed its deadline says nothing about the text: it is asked again next time.
  let deadlines = 0;
  const late = async (text: string, f: RequestFacts) => {
    deadlines++;
    return deadlineResult(text, f, 5000, 5000);
  };
  await storedRequest('hello', await scan('hello', facts), facts, 'redacted', [], late);
  await storedRequest('hello', await scan('hello', facts), facts, 'redacted', [], late);
  assert.equal(deadlines, 2);
});

test('what the sweep found is not kept raw at rest: strict redacted it, balanced kept the prompt local for it; full keeps prompts whole', async () => {
  const { plan } = await import('../../../daemon/route/plan');
  const { loadPolicy } = await import('../../../daemon/policy/load');
  const { defaultCatalogue } = await import('../../../daemon/policy/catalogue');
  const text = 'Why did Okwuosa skip the review of the Zorbix release?';
  const stored = async (policy: string, storage: 'redacted' | 'full') =>
    (await plan(text, { source: 'chat', interactive: true }, { policy: loadPolicy(policy), catalogue: defaultCatalogue, storage, now: new Date(0) })).record;
  const strict = await stored('strict', 'redacted');
  assert.deepEqual(strict.redactions.map((r) => r.type), ['possible-name', 'possible-name']);
  assert.equal(strict.prompt.text, 'Why did [POSSIBLE_NAME_1] skip the review of the [POSSIBLE_NAME_2] release?');
  const balanced = await stored('balanced', 'redacted');
  assert.equal(balanced.route.target, 'local');
  assert.deepEqual(balanced.redactions, [], 'nothing redacted for the local model');
  assert.equal(balanced.prompt.text, strict.prompt.text);
  assert.equal((await stored('strict', 'full')).prompt.text, text);
  assert.equal((await stored('balanced', 'full')).prompt.text, text);
  // A policy that never sweeps masks no word of it.
  assert.equal((await stored('local-only', 'redacted')).prompt.text, text);
});
