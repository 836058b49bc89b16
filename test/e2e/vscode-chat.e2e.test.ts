// Airlock inside VS Code's own chat, in a real VS Code 1.104 (code-server 4.104.0 + headless Chromium): another
// extension (fixtures/lm-exts/lm-client) calls vscode.lm.selectChatModels({ vendor: 'airlock' }) and sendRequest, as
// Copilot's chat or any extension would; the provider simulators record every byte, so "nothing left" is checked.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { connect } from '../../daemon/server/client';
import type { SimHandle } from '../sim/index';
import type { Page } from 'playwright-core';
import { runCommand, screenshot, withVsCode } from './harness/index';
import { daemonUp, generations, lmResults } from './lm-client';
import { readmeScreenshots } from './harness/themes';
import { startE2eFixture, type E2eFixture } from './fixture';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const TOKEN = 'ghp_R8x2Lq9ZtY4mWc7NvB3kHs6JdP1fGa5EuQ0o';
const SECRET_PROMPT = `The deploy fails with GITHUB_TOKEN=${TOKEN} set in CI. Why?`;
const PUBLIC_PROMPT = 'What is the difference between a process and a thread?';
const LOCAL_ANSWER = 'The token is probably expired; rotate it.';
const HOSTED_ANSWER = 'Threads share one address space; processes do not.';
/** Agent mode's round trip: a tool offered with a public question, the hosted model calls it, the result goes back. */
const TOOL = {
  name: 'airlock_test_weather', description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] },
};
const TOOL_PROMPT = 'Will it rain in Oslo tomorrow?';
const TOOL_RESULT = 'Light rain in the afternoon.';
const AFTER_TOOL_ANSWER = 'Take an umbrella after lunch.';
/** Asked through "Airlock (local only)" (shown by airlock.chatClassModels): public, yet it stays local. */
const LOCAL_ENTRY_PROMPT = 'What is the difference between a stack and a queue?';
const LOCAL_ENTRY_ANSWER = 'A stack is last in, first out; a queue is first in, first out.';

interface LmResults {
  models: { id: string; name: string; vendor: string; maxInputTokens: number }[];
  answers: { name: string; text?: string; error?: string; tokens?: number; toolCalls?: { callId: string; name: string; input: unknown }[]; followUp?: string }[];
}

let fixture: E2eFixture;
let sims: { ollama: SimHandle; openai: SimHandle; anthropic: SimHandle };

before(async () => {
  fixture = await startE2eFixture('lm', { 'README.md': '# scratch\n' });
  sims = fixture.sims;
});

after(async () => {
  await fixture.close();
});


test('vscode.lm: a secret is answered by the local model (0 bytes hosted), a public question by a hosted one, a tool call round trip', { timeout: 240_000 }, async () => {
  // In order: the secret, the question through the local-only entry, then the follow-up with the tool result if the
  // policy keeps it local (the call's JSON arguments can read as code); the public question, the tool request (its
  // arguments split mid-value), the follow-up if it goes hosted.
  sims.ollama.script({ kind: 'ok', text: LOCAL_ANSWER }, { kind: 'ok', text: LOCAL_ENTRY_ANSWER }, { kind: 'ok', text: AFTER_TOOL_ANSWER });
  sims.openai.script(
    { kind: 'ok', text: HOSTED_ANSWER },
    { kind: 'tool-calls', calls: [{ id: 'call_e2e_1', name: TOOL.name, pieces: ['{"ci', 'ty":"Os', 'lo"}'] }] },
    { kind: 'ok', text: AFTER_TOOL_ANSWER },
  );
  const requestsFile = join(fixture.workspace, '..', 'lm-requests.json');
  const resultsFile = join(fixture.workspace, '..', 'lm-results.json');
  const env = {
    ...fixture.env,
    LM_CLIENT_REQUESTS: requestsFile, LM_CLIENT_RESULTS: resultsFile,
  };
  await withVsCode({
    name: 'vscode-lm', extensionDevelopmentPath: repoRoot, extensionDir: join(import.meta.dirname, 'fixtures', 'lm-exts'),
    workspace: fixture.workspace, env, settings: { 'airlock.daemonPort': fixture.port, 'airlock.chatClassModels': true },
  }, async ({ page }) => {
    // Airlock starts airlockd itself; the prompts are written once it answers, so the client asks as a user would.
    await daemonUp(fixture, 60_000);
    writeFileSync(requestsFile, JSON.stringify([
      { name: 'secret', prompt: SECRET_PROMPT }, { name: 'public', prompt: PUBLIC_PROMPT },
      { name: 'local-entry', prompt: LOCAL_ENTRY_PROMPT, model: 'airlock-local' },
      { name: 'tool', prompt: TOOL_PROMPT, tools: [TOOL], toolResult: TOOL_RESULT },
    ]));
    let got: LmResults;
    try {
      got = await lmResults<LmResults>(resultsFile, 150_000);
    } finally {
      await screenshot(page, 'vscode-lm');
    }
    assert.deepEqual(got.models.map((m) => [m.vendor, m.id, m.name]), [
      ['airlock', 'airlock-auto', 'Airlock (auto)'], ['airlock', 'airlock-local', 'Airlock (local only)'], ['airlock', 'airlock-private', 'Airlock (private or local)'],
    ]);
    // From lm/models: the smallest of the routes' largest windows (local: llama3.2's 131072; hosted: up to 200000).
    assert.equal(got.models[0]?.maxInputTokens, 131_072);
    const [secret, open, localEntry, tool] = got.answers;
    // A public question through "Airlock (local only)": the policy's default would send it hosted; the entry holds it.
    assert.equal(localEntry?.error, undefined, localEntry?.error);
    assert.ok(localEntry?.text?.startsWith(LOCAL_ENTRY_ANSWER), `local-only entry: ${localEntry?.text}`);
    assert.match(localEntry?.text ?? '', /Airlock: \[local · [^·]+ · public\]/);
    for (const hosted of [sims.openai, sims.anthropic]) assert.ok(!hosted.receivedText().includes(LOCAL_ENTRY_PROMPT));
    assert.equal(secret?.error, undefined, secret?.error);
    assert.equal(open?.error, undefined, open?.error);
    assert.ok(secret?.text?.startsWith(LOCAL_ANSWER), `local answer: ${secret?.text}`);
    assert.match(secret?.text ?? '', /Airlock: \[local · [^·]+ · secret\]\(command:airlock\.openDecision/);
    assert.ok(open?.text?.startsWith(HOSTED_ANSWER), `hosted answer: ${open?.text}`);
    assert.match(open?.text ?? '', /Airlock: \[hosted · [^·]+ · public\]/);
    assert.ok((secret?.tokens ?? 0) > 0, 'countTokens answers');

    // The tool call came back whole, its arguments joined from the split pieces; the follow-up carried the result.
    assert.equal(tool?.error, undefined, tool?.error);
    assert.deepEqual(tool?.toolCalls, [{ callId: 'call_e2e_1', name: TOOL.name, input: { city: 'Oslo' } }]);
    assert.match(tool?.text ?? '', /^\n\nAirlock: \[hosted · [^·]+ · public\]/, 'a tool-call answer still shows its route');
    assert.ok(tool?.followUp?.startsWith(AFTER_TOOL_ANSWER), `follow-up: ${tool?.followUp}`);
    const toolRequest = JSON.parse(generations(sims.openai)[1]!.body.toString('utf8')) as { tools?: unknown };
    assert.deepEqual(toolRequest.tools, [{ type: 'function', function: { name: TOOL.name, description: TOOL.description, parameters: TOOL.inputSchema } }]);
    // The follow-up went where its route line says, with the tool's result and without the earlier route line.
    const followUpRoute = /Airlock: \[(local|hosted) ·/.exec(tool?.followUp ?? '')?.[1];
    const followUpSim = followUpRoute === 'local' ? sims.ollama : sims.openai;
    const followUp = generations(followUpSim).map((r) => r.body.toString('utf8')).filter((b) => b.includes(TOOL_RESULT));
    assert.equal(followUp.length, 1, `the ${followUpRoute} model got the tool result once`);
    assert.doesNotMatch(followUp[0]!, /Airlock: \[/, 'the route line is not sent back to the model');
    assert.match(followUp[0]!, /airlock_test_weather\(/, 'the earlier call is part of the conversation');

    // The secret reached the local simulator only; the hosted ones heard the public questions and nothing else.
    assert.ok(sims.ollama.receivedText().includes(TOKEN));
    assert.equal(generations(sims.ollama).length + generations(sims.openai).length, 5);
    for (const hosted of [sims.openai, sims.anthropic]) assert.ok(!hosted.receivedText().includes(TOKEN));
    assert.ok(sims.openai.receivedText().includes(PUBLIC_PROMPT));
    assert.equal(generations(sims.anthropic).length, 0);

    // Both are in the decision log, from VS Code's language-model API.
    const client = await connect({ home: fixture.home, port: fixture.port });
    try {
      const { records } = await client.request('decision/list', { limit: 10 });
      const lm = records.filter((r) => r.facts.client?.userAgent === 'vscode-lm');
      assert.equal(lm.length, 5);
      assert.deepEqual(lm.filter((r) => !r.facts.tools).map((r) => [r.route.target, r.facts.maxClass ?? '-']).sort(), [['hosted', '-'], ['local', '-'], ['local', 'local']]);
      assert.equal(lm.find((r) => r.route.target === 'local' && !r.facts.tools && !r.facts.maxClass)?.rule.id, 'secrets-stay-local');
      assert.equal(lm.filter((r) => r.facts.tools?.includes(TOOL.name)).length, 2, 'both agent turns carry the tool as a fact');
    } finally {
      client.close();
    }
  });
});

/** Types into VS Code's Chat view input and sends with Enter. */
async function chatSay(page: Page, text: string): Promise<void> {
  const input = page.locator('.interactive-input-part .monaco-editor').first();
  await input.click({ timeout: 30_000 });
  // After an @airlock turn the chat keeps "@airlock " in the input: cleared, so the text says exactly who is asked.
  await page.keyboard.press('Control+KeyA');
  await page.keyboard.press('Backspace');
  // Inserted as a paste would be: typed one key at a time, the input's @-completions swallow keys. The chat parses
  // `@airlock` and `/why` from the text either way.
  await page.keyboard.insertText(text);
  await page.locator('.interactive-input-part .view-line', { hasText: text.slice(-12) }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** The chat's response items, newest last. */
const responses = (page: Page) => page.locator('.interactive-item-container.interactive-response');

// Copilot is not in code-server: the chat-host fixture stands in for it with a default participant (answering through
// the model picked in the chat) and a default language model. Without some default model VS Code 1.104 never
// dispatches a participant request (see the fixture). Everything else is VS Code's own Chat view, driven by keyboard
// and mouse as a user would.
test('Chat view: Airlock\'s models in the picker; an answer through "Airlock (auto)" with its route line; @airlock, then /why names the rule', { timeout: 300_000 }, async () => {
  // The simulators are shared with the test above: what it scripted and heard is forgotten.
  for (const sim of Object.values(sims)) sim.reset();
  sims.openai.setDefault({ kind: 'ok', text: HOSTED_ANSWER });
  const env = fixture.env;
  await withVsCode({
    name: 'vscode-chat-why', extensionDevelopmentPath: repoRoot, extensionDir: join(import.meta.dirname, 'fixtures', 'chat-host-ext'),
    args: ['--enable-proposed-api', 'airlock-test.chat-host'], workspace: fixture.workspace, env,
    settings: { 'airlock.daemonPort': fixture.port, 'airlock.chatClassModels': true, 'workbench.colorTheme': 'Default Light Modern' },
  }, async ({ page }) => {
    try {
      // Airlock starts airlockd when it activates (here from its Decisions view); a user types once it is up.
      await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
      await runCommand(page, 'Airlock: Show Decision Log');
      await daemonUp(fixture, 90_000);
      // Chat: Open Chat (Ctrl+Alt+I) is not in the palette; its keybinding opens the view. The first request wakes the
      // stand-in default participant, which ends the chat's setup welcome.
      await page.keyboard.press('Control+Alt+KeyI');
      await chatSay(page, '@airlock /policy');
      await responses(page).filter({ hasText: 'Active policy' }).first().waitFor({ timeout: 60_000 });

      // The model picker lists Airlock's models, with the class entries the setting asks for. A list opened before
      // VS Code has Airlock's answer from airlockd shows the offline entry alone: closed and opened again (bounded).
      const row = (name: string) => page.locator('.action-widget .monaco-list-row', { hasText: name }).first();
      for (let attempt = 1; ; attempt++) {
        await page.locator('.interactive-input-part').getByText('Host default', { exact: false }).first().click({ timeout: 30_000 });
        await row('Airlock (auto)').waitFor({ timeout: 30_000 });
        try {
          await row('Airlock (local only)').waitFor({ timeout: 5_000 });
          break;
        } catch (err) {
          if (attempt === 5) throw err;
          await page.keyboard.press('Escape');
        }
      }
      await row('Airlock (private or local)').waitFor({ timeout: 5_000 });
      // A theme switch closes the list: each theme's picture opens it again, and so does the end if it is closed.
      const openPicker = async () => {
        if (await row('Airlock (auto)').isVisible()) return;
        await page.locator('.interactive-input-part').getByText('Host default', { exact: false }).first().click({ timeout: 30_000 });
        await row('Airlock (private or local)').waitFor({ timeout: 30_000 });
      };
      // The palette does not open over the list: it is closed before each switch and opened again after it.
      await readmeScreenshots(page, 'vscode-model-picker', { redo: openPicker, beforeSwitch: () => page.keyboard.press('Escape') });
      await openPicker();
      // The list takes keys (a pointer block lies over it while it opens): its first row, Airlock (auto), is focused.
      await page.keyboard.press('Enter');
      await page.locator('.interactive-input-part').getByText('Airlock (auto)', { exact: false }).first().waitFor({ timeout: 10_000 });

      // A question to the chat's default participant goes through the picked model: Airlock decides, the answer ends
      // with its route line.
      await chatSay(page, PUBLIC_PROMPT);
      await responses(page).filter({ hasText: HOSTED_ANSWER }).first().waitFor({ timeout: 90_000 });
      const routed = responses(page).filter({ hasText: /Airlock: hosted · [^·]+ · public/u }).first();
      await routed.waitFor({ timeout: 30_000 });
      await readmeScreenshots(page, 'vscode-chat-route-line');

      await chatSay(page, `@airlock ${PUBLIC_PROMPT}`);
      await responses(page).filter({ hasText: /Airlock: hosted · /u }).nth(1).waitFor({ timeout: 90_000 });
      await chatSay(page, '@airlock /why');
      const why = responses(page).filter({ hasText: 'Rule:' }).last();
      await why.waitFor({ timeout: 60_000 });
      const text = (await why.textContent()) ?? '';
      assert.match(text, /may go to a hosted model/);
      assert.match(text, /Rule: [a-z0-9-]+ \([^)]*balanced\.yaml(:\d+|, the preset's default)\)/);
      assert.match(text, /Why: /);
      await why.getByRole('button', { name: /Open decision record/ }).waitFor({ timeout: 10_000 });
      await readmeScreenshots(page, 'vscode-chat-airlock-why');

      // Two requests reached the hosted simulator (the picked model, then @airlock); none went local.
      assert.equal(generations(sims.openai).filter((r) => r.body.toString('utf8').includes(PUBLIC_PROMPT)).length, 2);
      assert.equal(generations(sims.ollama).length, 0);
    } finally {
      await screenshot(page, 'vscode-chat-why');
    }
  });
});
