// The Airlock commands the chat scenarios do not click through, driven in a real VS Code (code-server + headless
// Chromium) against airlockd and the provider simulators: Set Provider API Key, Ask About Selection, Verify Audit Log,
// Switch Policy Preset. A test client on the same AIRLOCK_HOME checks what the daemon did, not just what the UI says.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { connect, type DaemonClient } from '../../daemon/server/client';
import { createKeyStore } from '../../daemon/providers/keys';
import { extensionUnderTest, openFile, runCommand, screenshot, selectLines, webviewFrame, withEvidence, withVsCode } from './harness/index';
import type { SimHandle } from '../sim/index';
import { startE2eFixture, type E2eFixture } from './fixture';

const PUBLIC_PROMPT = 'Explain the difference between a mutex and a semaphore.';
const HOSTED_ANSWER = 'A mutex has one owner; a semaphore counts permits.';
const SELECTION_QUESTION = 'What does this function do?';
const LOCAL_ANSWER = 'It adds two numbers and returns the sum.';
const SOURCE = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
// Built at run time: a key that exists nowhere else, so finding it anywhere is a leak.
const API_KEY = `sk-e2e-${randomBytes(16).toString('hex')}`;
// with-keyring.sh sets this: the keychain is a throwaway one. Outside it the test would overwrite the user's real key.
const THROWAWAY_KEYRING = Boolean(process.env.AIRLOCK_KEYRING_DIR);

let sims: { ollama: SimHandle; openai: SimHandle; anthropic: SimHandle };
let home: string;
let workspace: string;
let port: number;

let fixture: E2eFixture;

before(async () => {
  fixture = await startE2eFixture('cmd', { 'src/math.ts': SOURCE }, { keychainOnly: ['openai'] });
  ({ sims, home, workspace, port } = fixture);
});

after(async () => {
  // The keyring is thrown away after the run anyway; removing the key keeps other test files in the run unaffected.
  if (THROWAWAY_KEYRING) await createKeyStore().delete('openai').catch(() => false);
  await fixture.close();
});

const generations = (sim: SimHandle) => sim.received.filter((r) => r.method === 'POST');
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** The extension started the daemon; its state file (port) appears once it listens. */
async function daemonClient(): Promise<DaemonClient> {
  return connect({ home, port });
}

/** Waits for a quick pick or input box with this title and returns its input. */
async function quickInput(page: Page, title: string | RegExp) {
  const widget = page.locator('.quick-input-widget').filter({ has: page.locator('.quick-input-title', { hasText: title }) });
  await widget.waitFor({ state: 'visible', timeout: 15_000 });
  return widget;
}

/** Clicks the quick pick row labelled exactly `label`. */
async function pick(page: Page, title: string | RegExp, label: string): Promise<void> {
  const widget = await quickInput(page, title);
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first().click({ timeout: 10_000 });
}

/** Waits for a notification toast containing `text`, done sliding in (so a screenshot shows it); returns its text. */
async function toast(page: Page, text: string | RegExp): Promise<string> {
  const item = page.locator('.notification-toast.notification-fade-in-done', { hasText: text }).first();
  await item.waitFor({ timeout: 15_000 });
  return oneLine(await item.innerText());
}

/** Closes every notification toast, so the next wait sees only new ones. */
async function clearToasts(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notification-toast').first().waitFor({ state: 'detached', timeout: 10_000 });
}

async function ask(chat: FrameLocator, text: string, turnIndex: number) {
  const input = chat.locator('.composer-input textarea');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  return chat.locator('.turn').nth(turnIndex);
}

/** Every file where airlockd may write: its log, its captured output, the decision store (with its WAL). */
function daemonFiles(storePath: string): string[] {
  return [join(home, 'airlockd.log'), join(home, 'airlockd.out'), storePath, `${storePath}-wal`, `${storePath}-shm`].filter((f) => existsSync(f));
}

test('Airlock commands in VS Code: API key, ask about selection, verify audit, switch policy', { timeout: 240_000 }, async (t) => {
  const env = fixture.env;
  // No attachment by default, so an attached selection is the Ask About Selection command's doing.
  const settings = { 'airlock.daemonPort': port, 'airlock.attachSelectionByDefault': false };
  await withVsCode({ name: 'airlock-commands', ...(await extensionUnderTest()), workspace, env, settings }, async ({ page }) => {
    await page.locator('.activitybar [aria-label="Airlock"]').first().click({ timeout: 30_000 });
    const chat = await webviewFrame(page, 'Chat', 30_000);
    await chat.locator('.banner[data-state="connected"]').waitFor({ state: 'attached', timeout: 30_000 });
    const daemon = await daemonClient();
    t.after(() => daemon.close());
    let turns = 0;

    await t.test('Set Provider API Key stores the typed key in the keychain and nowhere else', { skip: !THROWAWAY_KEYRING && 'run under scripts/with-keyring.sh (a throwaway keyring)' }, withEvidence(page, 'cmd-1', async () => {
      const before = (await daemon.request('keys/status', {})).providers.find((p) => p.name === 'openai');
      assert.notEqual(before?.source, 'keychain', 'openai already had a keychain key');

      await runCommand(page, 'Airlock: Set Provider API Key');
      await pick(page, 'Airlock: set the API key of which provider?', 'openai');
      const box = await quickInput(page, 'API key for openai');
      const input = box.locator('input[type="password"]');
      await input.fill(API_KEY);
      await screenshot(page, 'cmd-1-api-key-masked');
      await input.press('Enter');
      assert.match(await toast(page, 'is stored in the OS keychain'), /the key for openai is stored in the OS keychain/);
      await screenshot(page, 'cmd-1-api-key-stored');

      const status = await daemon.request('keys/status', {});
      assert.equal(status.keychain.state, 'ok');
      assert.deepEqual(status.providers.find((p) => p.name === 'openai'), { name: 'openai', hasKey: true, source: 'keychain' });

      // The stored key is the typed one: the hosted provider gets it on the wire, as its bearer token.
      sims.openai.setDefault({ kind: 'ok', text: HOSTED_ANSWER });
      const turn = await ask(chat, PUBLIC_PROMPT, turns++);
      await turn.locator('.answer-text', { hasText: HOSTED_ANSWER }).waitFor({ timeout: 30_000 });
      assert.equal(await turn.locator('.attach-note').count(), 0, 'nothing attached by default');
      assert.equal(generations(sims.openai)[0]?.headers.authorization, `Bearer ${API_KEY}`);

      const { storePath } = await daemon.request('health/get', {});
      const files = daemonFiles(storePath);
      assert.ok(files.includes(join(home, 'airlockd.log')) && files.includes(storePath), `daemon files: ${files.join(', ')}`);
      for (const file of files) assert.ok(!readFileSync(file).includes(API_KEY), `the key is in ${file}`);
      const visible = [await page.locator('body').innerText(), await chat.locator('body').innerText()].join('\n');
      assert.ok(!visible.includes(API_KEY), 'the key is visible on the page');
      await clearToasts(page);
    }));

    await t.test('Ask About Selection attaches the code and the local model answers', withEvidence(page, 'cmd-2', async () => {
      for (const sim of Object.values(sims)) sim.reset();
      sims.ollama.setDefault({ kind: 'ok', text: LOCAL_ANSWER });
      await openFile(page, 'src/math.ts');
      await selectLines(page, 1, 3);
      await runCommand(page, 'Airlock: Ask About Selection');
      // The command sets the attachment and focuses the composer; the user types the question.
      await chat.locator('.composer-input textarea:focus').waitFor({ timeout: 15_000 });
      assert.equal(await chat.locator('vscode-dropdown').evaluate((d) => (d as HTMLElement & { value: string }).value), 'selection');
      const turn = await ask(chat, SELECTION_QUESTION, turns++);
      await turn.locator('.answer-text', { hasText: LOCAL_ANSWER }).waitFor({ timeout: 30_000 });
      assert.match((await turn.locator('.attach-note').innerText()).trim(), /^\+ selection$/);
      assert.match((await turn.locator('.route-badge').first().textContent()) ?? '', /^local · llama3\.2/);

      const sent = generations(sims.ollama).map((r) => r.body.toString('utf8')).join('\n');
      assert.equal(generations(sims.ollama).length, 1);
      assert.match(sent, /What does this function do\?/);
      assert.match(sent, /return a \+ b;/, 'the selection went along with the question');
      assert.equal(sims.openai.receivedBytes().length, 0, 'OpenAI simulator received bytes');
      assert.equal(sims.anthropic.receivedBytes().length, 0, 'Anthropic simulator received bytes');
      const [record] = (await daemon.request('decision/list', { limit: 1 })).records;
      assert.equal(record?.route.target, 'local');
      assert.equal(record?.rule.id, 'code-stays-local');
      await screenshot(page, 'cmd-2-ask-about-selection');
    }));

    await t.test('Verify Audit Log says the hash chain is intact', withEvidence(page, 'cmd-3', async () => {
      const { records } = await daemon.request('health/get', {});
      assert.ok(records >= 1, 'a chat request was recorded');
      await runCommand(page, 'Airlock: Verify Audit Log');
      const text = await toast(page, 'the audit log verifies');
      assert.match(text, new RegExp(`the audit log verifies: ${records} records, hash chain intact`), text);
      await screenshot(page, 'cmd-3-verify-audit');
      await clearToasts(page);
    }));

    await t.test('Switch Policy Preset to strict shows in the status bar and the daemon', withEvidence(page, 'cmd-4', async () => {
      const statusItem = (name: string) => page.locator('.statusbar-item', { hasText: new RegExp(`Airlock · ${name}\\b`) });
      await statusItem('balanced').waitFor({ timeout: 15_000 });
      const switches = () => (readFileSync(join(home, 'airlockd.log'), 'utf8').match(/"event":"policy switched"/g) ?? []).length;
      const switchesBefore = switches();
      await runCommand(page, 'Airlock: Switch Policy Preset');
      await pick(page, /switch policy \(active: balanced\)/, 'strict');
      assert.match(await toast(page, 'policy strict'), /policy strict \S+ is active \(\d+ rules\)/);
      await statusItem('strict').waitFor({ timeout: 15_000 });
      assert.equal((await daemon.request('policy/get', {})).name, 'strict');
      // Remembering the preset in the settings must not set it again.
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(switches() - switchesBefore, 1, 'one policy/set per switch');
      await screenshot(page, 'cmd-4-policy-strict');
      await clearToasts(page);

      await runCommand(page, 'Airlock: Switch Policy Preset');
      await pick(page, /switch policy \(active: strict\)/, 'balanced');
      await statusItem('balanced').waitFor({ timeout: 15_000 });
      assert.equal((await daemon.request('policy/get', {})).name, 'balanced');
    }));

    await t.test("Show Daemon Log opens the Airlock output with the daemon's own log lines", withEvidence(page, 'cmd-5', async () => {
      await runCommand(page, 'Airlock: Show Daemon Log');
      // The daemon logged the policy switch above; Monaco renders spaces as no-break spaces, which \s matches.
      const lines = page.locator('.part.panel .monaco-editor .view-lines');
      await lines.filter({ hasText: /policy\s+(?:changed|set|switched)|request\s+done/ }).first().waitFor({ timeout: 15_000 });
      await screenshot(page, 'cmd-5-daemon-log');
    }));
  });
});
