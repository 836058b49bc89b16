// The real webview bundle in headless Chromium, talking to a fake extension host over postMessage.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, startWebviewHarness, type WebviewHarness } from './webview-harness';

let h: WebviewHarness;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await startWebviewHarness();
});
after(async () => h?.close());

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `webview-${name}.png`) });

/** Requests the page's webview sent, as recorded by the fake host. */
async function requests(page: Page, method: string): Promise<Record<string, unknown>[]> {
  return page.evaluate((m) => {
    const log = (window as unknown as { __host: { log: { kind: string; method?: string; params?: unknown }[] } }).__host.log;
    return log.filter((x) => x.kind === 'request' && x.method === m).map((x) => x.params as Record<string, unknown>);
  }, method);
}

const rowCount = (page: Page) => page.locator('.vlist-row').count();
/** Step mode (`step: 1`): lets the fake host send the next `n` answer chunks. */
const step = (page: Page, n = 1) => page.evaluate((k) => (window as unknown as { __host: { step(n: number): void } }).__host.step(k), n);

test('chat: preview, then chunks stream into an answer with a route badge', async () => {
  const page = await h.open('chat', { step: 1 });
  const input = page.locator('vscode-text-area textarea');
  await input.fill('Why is boto3 failing? aws_secret_access_key = "..."');
  await page.locator('.preview').filter({ hasText: 'Will be redacted' }).waitFor();
  assert.match(await page.locator('.preview').innerText(), /AWS secret access key/);
  await input.press('Enter');
  const answer = page.locator('.turn .answer-text').last();
  await page.locator('.turn .route-badge').filter({ hasText: 'local · qwen2.5-coder:7b · secret' }).waitFor();
  await step(page);
  await answer.filter({ hasText: 'Rotate the key first.' }).waitFor();
  const partial = await answer.innerText();
  assert.ok(!partial.includes('attached to the role'), `still streaming, got: ${partial}`);
  assert.equal(await page.locator('vscode-button[aria-label="Cancel the streaming answer"]').isVisible(), true);
  await step(page, 2);
  await answer.filter({ hasText: 'attached to the role.' }).waitFor();
  assert.equal(await answer.innerText(), 'Rotate the key first. Then check the IAM policy attached to the role.');
  assert.equal(await page.locator('.preview').isVisible(), false, 'the preview clears on send');
  await shot(page, 'chat-answer-dark');
  // The badge opens the record inline.
  await page.locator('.turn .route-badge').click();
  await page.locator('.answer-detail .detail').waitFor();
  assert.match(await page.locator('.answer-detail').innerText(), /secrets-stay-local/);
  await shot(page, 'chat-detail-dark');
  const sent = await requests(page, 'chat/send');
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.attach, 'none');
  await page.context().close();
});

test('chat: Escape cancels a streaming answer; a blocked prompt says why', async () => {
  // Step mode with no step given: the answer cannot finish before Escape, however slow the page is.
  const page = await h.open('chat', { step: 1 });
  const input = page.locator('vscode-text-area textarea');
  await input.fill('Tell me a secret about tokens');
  await input.press('Enter');
  await page.locator('.turn .route-badge').waitFor();
  await input.press('Escape');
  await page.locator('.turn[data-status="cancelled"]').waitFor();
  assert.equal((await requests(page, 'chat/cancel')).length, 1);
  await input.fill('Draft a letter with passport number X1234567');
  await input.press('Enter');
  const blocked = page.locator('.turn[data-status="blocked"]');
  await blocked.waitFor();
  assert.match(await blocked.innerText(), /Blocked, nothing was sent\. Blocked: the prompt contains a passport number/);
  assert.equal(await blocked.locator('.route-badge').innerText(), 'blocked');
  await page.context().close();
});

test('chat: transcript and draft survive a reload (getState)', async () => {
  const page = await h.open('chat', { chunkMs: 10 });
  const input = page.locator('vscode-text-area textarea');
  await input.fill('Explain TCP and UDP');
  await input.press('Enter');
  await page.locator('.turn .answer-text').filter({ hasText: 'attached to the role.' }).waitFor();
  await input.fill('an unsent draft');
  // The store saves at most every 200 ms: wait for the save itself, not for a guess at its timing.
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => sessionStorage.getItem(k)?.includes('an unsent draft')));
  await page.reload();
  await page.locator('.turn .route-badge').filter({ hasText: 'hosted · gpt-4o-mini' }).waitFor();
  assert.equal(await page.locator('.turn .prompt-text-chat').innerText(), 'Explain TCP and UDP');
  assert.equal(await page.locator('vscode-text-area').evaluate((e) => (e as HTMLTextAreaElement).value), 'an unsent draft');
  await page.context().close();
});

test('decisions: 10,000 records stay virtual; filters send the right query', async () => {
  const page = await h.open('decisions', { count: 10_000, pageSize: 10_000 });
  await page.locator('.list-status').filter({ hasText: '10000 recorded decisions' }).waitFor();
  const rows = await rowCount(page);
  assert.ok(rows > 5 && rows < 100, `rows in the DOM: ${rows}`);
  await shot(page, 'decisions-dark');
  // Scroll to the very end: still few rows, and the oldest record is there.
  await page.locator('.vlist').evaluate((e) => (e.scrollTop = e.scrollHeight));
  const oldest = await page.evaluate(() => (window as unknown as { __host: { records(): { id: string }[] } }).__host.records().at(-1)!.id);
  await page.locator(`.vlist-row[data-id="${oldest}"]`).waitFor();
  assert.ok((await rowCount(page)) < 100);

  await page.locator('vscode-dropdown[aria-label="Route target"]').click();
  await page.locator('vscode-option').filter({ hasText: 'Blocked' }).click();
  await page.locator('.list-status').filter({ hasText: '2000 matching decisions' }).waitFor();
  let queries = await requests(page, 'decision/list');
  assert.deepEqual(queries.at(-1), { limit: 200, target: 'blocked' });
  assert.deepEqual(new Set(await page.locator('.vlist-row .chip').allInnerTexts()), new Set(['blocked']));

  await page.locator('vscode-text-field[aria-label="Search decisions"] input').fill('passport');
  await page.waitForFunction(() => (window as unknown as { __host: { log: { method?: string; params?: { text?: string } }[] } }).__host.log.some((m) => m.params?.text === 'passport'));
  queries = await requests(page, 'decision/list');
  assert.deepEqual(queries.at(-1), { limit: 200, target: 'blocked', text: 'passport' });
  assert.equal(queries.filter((q) => typeof q.text === 'string').length, 1, 'typing is debounced into one query');

  // A live record that matches the filter is prepended; one that does not is not shown.
  const before = await page.evaluate(() => (window as unknown as { __airlockDecisions: { count(): number } }).__airlockDecisions.count());
  await page.evaluate(() => (window as unknown as { __host: { append(k: string): string } }).__host.append('public-hosted'));
  await page.evaluate(() => (window as unknown as { __host: { append(k: string): string } }).__host.append('pii-blocked'));
  await page.waitForFunction((n) => (window as unknown as { __airlockDecisions: { count(): number } }).__airlockDecisions.count() === n + 1, before);
  await page.context().close();
});

test('decisions: paging by cursor on scroll', async () => {
  const page = await h.open('decisions', { count: 700 });
  await page.locator('.list-status').filter({ hasText: '200+ recorded' }).waitFor();
  await page.locator('.vlist').evaluate((e) => (e.scrollTop = e.scrollHeight));
  await page.locator('.list-status').filter({ hasText: '400+ recorded' }).waitFor();
  const queries = await requests(page, 'decision/list');
  assert.equal(queries[0]!.before, undefined);
  assert.equal(typeof queries[1]!.before, 'string');
  await page.context().close();
});

test('decisions: detail shows signals over the stored text and opens the rule; selection survives a reload', async () => {
  const page = await h.open('decisions', { count: 50 });
  await page.locator('.chip-local').first().click();
  const detail = page.locator('.detail-pane .detail');
  await detail.waitFor();
  const mark = detail.locator('mark.signal-mark');
  assert.equal(await mark.innerText(), '[SECRET_1]');
  assert.match((await mark.getAttribute('title')) ?? '', /AWS secret access key \(secret\/aws-secret-access-key, secretlint\/aws\)/);
  const text = await detail.innerText();
  assert.match(text, /secrets-stay-local/);
  assert.match(text, /Kept on the local model: the prompt contains an AWS secret access key/);
  assert.match(text, /1:60/); // line:col of the signal
  assert.doesNotMatch(text, /wJalrXUtnFEMI/, 'the raw secret is never shown');
  // The policy by origin and hash (a file that is not shipped says so; see policy-identity.test.ts).
  assert.match(text, /balanced@sha256:a3f1c9000000 1\.2\.0/);
  assert.match(text, /Source\s+shipped preset/);
  await detail.locator('vscode-button', { hasText: 'Open rule' }).click();
  await page.waitForFunction(() => (window as unknown as { __host: { log: { method?: string }[] } }).__host.log.some((m) => m.method === 'decision/openRule'));
  assert.deepEqual((await requests(page, 'decision/openRule'))[0], { file: 'presets/balanced.yaml', line: 12 });
  await shot(page, 'detail-dark');
  // The selection is saved at most every 200 ms: wait for the save, then reload.
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => /"selectedId":"/.test(sessionStorage.getItem(k) ?? '')));
  await page.reload();
  await page.locator('.detail-pane .detail mark.signal-mark').waitFor();
  await page.context().close();
});

test('decisions: a record flagged for review can be marked reviewed with a note', async () => {
  const page = await h.open('decisions', { count: 20 });
  await page.locator('.row-flag').first().click();
  await page.locator('vscode-text-field[aria-label="Review note (optional)"] input').fill('checked the citations');
  await page.locator('vscode-button', { hasText: 'Mark reviewed' }).click();
  await page.waitForFunction(() => (window as unknown as { __host: { log: { method?: string }[] } }).__host.log.some((m) => m.method === 'decision/review'));
  const [review] = await requests(page, 'decision/review');
  assert.equal(review!.note, 'checked the citations');
  await page.context().close();
});

test('policy: rules in plain English, switching, preset tests with diffs; banner when the daemon is down', async () => {
  const page = await h.open('policy', { down: 1 });
  await page.locator('.banner').filter({ hasText: 'airlockd is not running: connect ECONNREFUSED' }).waitFor();
  await page.locator('.rule-plain').first().waitFor();
  assert.match(await page.locator('.policy-summary').innerText(), /Source\s+shipped preset/);
  assert.deepEqual(await page.locator('.rules li').evaluateAll((lis) => lis.map((l) => l.getAttribute('data-rule'))), ['secrets-stay-local', 'block-identity-documents', 'public-text-hosted']);
  await page.locator('vscode-button', { hasText: 'Run preset tests' }).click();
  await page.locator('.test-summary').filter({ hasText: '1 of 2 cases fail.' }).waitFor();
  assert.match(await page.locator('.case-fail .case-diff').innerText(), /route.target: expected blocked, got local/);
  await shot(page, 'policy-dark');
  await page.locator('vscode-button', { hasText: 'Check providers' }).click();
  await page.locator('.provider-checks .test-summary').filter({ hasText: '1 of 2 providers fail.' }).waitFor();
  assert.deepEqual(await page.locator('.provider-check').allInnerTexts(), ['FAIL bedrock-eu no credentials — fix: set AWS_PROFILE', 'ok ollama ok — credentials: none needed (local); streams, first token: llama3.2:3b 212 ms']);
  assert.equal((await requests(page, 'providers/check')).length, 1);
  await page.locator('vscode-dropdown[aria-label="Switch preset"]').click();
  await page.locator('vscode-option').filter({ hasText: 'strict' }).click();
  // What would change comes first (policy/replay); nothing switches until the user confirms.
  await page.locator('.replay-headline').filter({ hasText: '3 of 12 decisions would route differently.' }).waitFor();
  assert.match(await page.locator('.replay-changes').innerText(), /3 × hosted → private, by rule default[\s\S]*rec-1, rec-2, rec-3/);
  assert.deepEqual(await requests(page, 'policy/replay'), [{ policy: 'strict', days: 7 }]);
  assert.deepEqual(await requests(page, 'policy/set'), []);
  await page.locator('vscode-button', { hasText: 'Switch to strict' }).click();
  await page.locator('h2').filter({ hasText: 'strict 1.2.0' }).waitFor();
  assert.deepEqual(await requests(page, 'policy/set'), [{ policy: 'strict' }]);
  // A machine-wide config that locks the policy: shown as managed, and no switcher.
  await page.evaluate(() => {
    const host = (window as unknown as { __host: { push(e: string, p: unknown): void } }).__host;
    const summary = { name: 'team', version: '2.0.0', file: '/etc/airlock/team.yaml', hash: 'b'.repeat(64), id: `/etc/airlock/team.yaml@sha256:${'b'.repeat(64)}`, source: 'config', choice: '/etc/airlock/team.yaml', description: '', rules: [], knownWords: ['acmectl', 'zorbix'], available: ['balanced'], locked: true, managed: { file: '/etc/airlock/config.yaml', keys: ['lockPolicy', 'policy', 'policySource'] } };
    host.push('policy/changed', { policy: summary });
  });
  await page.locator('.policy-locked').waitFor();
  assert.match(await page.locator('.policy-summary').innerText(), /Managed by\s+\/etc\/airlock\/config\.yaml \(lockPolicy, policy, policySource\)/);
  assert.match(await page.locator('.policy-summary').innerText(), /Known words\s+acmectl, zorbix/);
  assert.equal(await page.locator('vscode-dropdown[aria-label="Switch preset"]').count(), 0);
  await page.context().close();
});
