// Tools through lm/chat (VS Code's agent mode through the "Airlock (auto)" provider) against a real daemon and the
// recording simulators: the tools reach the chosen model in its wire format, the model's tool calls come back whole
// with arguments restored from placeholders, a secret in a tool result keeps the conversation local, and lm/models
// declares tool calling only when every route the policy may choose has a tools model.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { loadPolicy } from '../../../daemon/policy/load';
import { lmModels, routesOf } from '../../../daemon/server/handlers/lm-models';
import type { SimHandle } from '../../sim';
import { assertNoCanary, PUBLIC_QUESTION } from '../../helpers/endpoint';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true };
const WEATHER = { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const TOOL_SECRET = 'sk_live_51Hq8ZcToolQ4vT7wX2nB5mK9pL3sR6yD1fG';
const EMAIL = 'jonas.brandt@example-mail.com';

const lastBody = (sim: SimHandle): Record<string, unknown> => JSON.parse(sim.received.at(-1)!.body.toString('utf8')) as Record<string, unknown>;

async function daemonWithSims(t: TestContext, policy = 'balanced') {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims, policy), env: SIM_KEYS });
  return { sims, client: await d.client() };
}

test('lm/chat with tools: the hosted model gets them in its wire format; its streamed call comes back whole, once', async (t) => {
  const { sims, client } = await daemonWithSims(t);
  sims.openai.script({ kind: 'tool-calls', text: 'Let me look that up.', calls: [{ id: 'call_w1', name: 'get_weather', pieces: ['{"ci', 'ty":"Os', 'lo"}'] }] });
  const { record, text, toolCalls } = await client.request('lm/chat', {
    requestId: 't1', facts, client: 'vscode-lm', tools: [WEATHER], toolChoice: 'auto',
    messages: [{ role: 'user', text: 'Will it rain in Oslo tomorrow?' }],
  });
  assert.equal(record.status, 'ok');
  assert.equal(record.route.target, 'hosted');
  assert.deepEqual(record.facts.tools, ['get_weather'], 'the tool names are facts the policy saw');
  assert.equal(text, 'Let me look that up.');
  assert.deepEqual(toolCalls, [{ id: 'call_w1', name: 'get_weather', arguments: '{"city":"Oslo"}' }]);
  const sent = lastBody(sims.openai);
  assert.deepEqual(sent.tools, [{ type: 'function', function: WEATHER }]);
  assert.equal(sent.tool_choice, 'auto');
  assert.match(sims.openai.receivedText(), /Current weather for a city/, 'the definitions are part of the prompt');
});

test('lm/chat: a secret in a tool result keeps the conversation local; hosted simulators receive 0 bytes of it; the local model\'s call comes back with an id', async (t) => {
  const { sims, client } = await daemonWithSims(t);
  sims.local.script({ kind: 'tool-calls', calls: [{ name: 'get_weather', pieces: ['{"city":"Oslo"}'] }] });
  const { record, toolCalls } = await client.request('lm/chat', {
    requestId: 't2', facts, tools: [WEATHER],
    messages: [
      { role: 'user', text: PUBLIC_QUESTION },
      { role: 'assistant', text: 'read_file({"path":"config/settings.txt"})' },
      { role: 'tool', text: `STRIPE_KEY=${TOOL_SECRET}` },
    ],
  });
  assert.equal(record.route.target, 'local');
  assert.ok(sims.local.receivedText().includes(TOOL_SECRET), 'the local model saw the tool result');
  assert.ok(Array.isArray(lastBody(sims.local).tools), 'the local model is tagged for tools and gets them');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assert.equal(toolCalls?.length, 1);
  assert.ok(toolCalls![0]!.id, 'Ollama names no call id: every call still has one, for VS Code to pair its result with');
  assert.deepEqual({ ...toolCalls![0]!, id: '' }, { id: '', name: 'get_weather', arguments: '{"city":"Oslo"}' });
  assert.ok(!JSON.stringify(record).includes(TOOL_SECRET), 'the record never holds the raw secret');
});

test('lm/chat: a placeholder split across argument pieces reaches VS Code restored; the model only saw the placeholder', async (t) => {
  const { sims, client } = await daemonWithSims(t, 'strict');
  // strict redacts personal data and sends it to the private deployment.
  sims.privateEu.script({ kind: 'tool-calls', calls: [{ id: 'call_m', name: 'send_mail', pieces: ['{"to":"[EMA', 'IL_', '1]","subject":"Sorry"}'] }] });
  const sendMail = { name: 'send_mail', parameters: { type: 'object', properties: { to: { type: 'string' }, subject: { type: 'string' } } } };
  const { toolCalls } = await client.request('lm/chat', {
    requestId: 't3', facts, tools: [sendMail],
    messages: [{ role: 'user', text: `Send a short apology to the customer at ${EMAIL} about the late delivery.` }],
  });
  assert.equal(sims.privateEu.received.length, 1, 'the private deployment answered');
  assert.ok(!sims.privateEu.receivedText().includes(EMAIL), 'the model saw the placeholder, not the address');
  assert.equal(toolCalls?.length, 1);
  assert.deepEqual(JSON.parse(toolCalls![0]!.arguments), { to: EMAIL, subject: 'Sorry' });
});

test('lm/chat: a secret in a tool definition is scanned like the prompt: local, 0 bytes hosted', async (t) => {
  const { sims, client } = await daemonWithSims(t);
  const leaky = { name: 'charge', description: `Charges a card with the key ${TOOL_SECRET}`, parameters: { type: 'object', properties: {} } };
  const { record } = await client.request('lm/chat', { requestId: 't4', facts, tools: [leaky], messages: [{ role: 'user', text: PUBLIC_QUESTION }] });
  assert.equal(record.route.target, 'local');
  assertNoCanary(sims, [TOOL_SECRET]);
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
});

test('lm/chat without tools sends none and returns no toolCalls', async (t) => {
  const { sims, client } = await daemonWithSims(t);
  const result = await client.request('lm/chat', { requestId: 't5', facts, messages: [{ role: 'user', text: PUBLIC_QUESTION }] });
  assert.equal(result.toolCalls, undefined);
  assert.equal(lastBody(sims.openai).tools, undefined);
  assert.equal(result.record.facts.tools, undefined);
});

test('lm/models over a real daemon: balanced with the simulators\' catalogue (every class tagged tools) declares tool calling (no image input: no local vision model), with the class entries', async (t) => {
  const { client } = await daemonWithSims(t);
  const { models } = await client.request('lm/models', {});
  assert.deepEqual(models, [
    { id: 'airlock-auto', name: 'Airlock (auto)', toolCalling: true, imageInput: false, maxInputTokens: 128_000 },
    { id: 'airlock-local', name: 'Airlock (local only)', toolCalling: true, imageInput: false, maxInputTokens: 128_000, maxClass: 'local' },
    { id: 'airlock-private', name: 'Airlock (private or local)', toolCalling: true, imageInput: false, maxInputTokens: 128_000, maxClass: 'private' },
  ]);
});

test('lm/chat with a class ceiling (facts.maxClass): a public question stays within it; a secret stays local whatever the entry', async (t) => {
  const { sims, client } = await daemonWithSims(t);
  sims.local.setDefault({ kind: 'ok', text: 'from the local model' });
  sims.privateEu.setDefault({ kind: 'ok', text: 'from the private deployment' });
  const ask = (requestId: string, text: string, maxClass?: 'local' | 'private' | 'hosted') =>
    client.request('lm/chat', { requestId, facts: { ...facts, ...(maxClass ? { maxClass } : {}) }, messages: [{ role: 'user', text }] });
  const local = await ask('c1', PUBLIC_QUESTION, 'local');
  assert.equal(local.text, 'from the local model');
  assert.equal(local.record.route.target, 'local');
  assert.equal(local.record.rule.id, 'default', 'the policy\'s rule still decided; the ceiling only narrowed it');
  assert.match(local.record.explanation, /keeps it within class local/);
  assert.equal(local.record.facts.maxClass, 'local');
  assert.ok(local.record.route.candidates.filter((c) => c.class === 'hosted').every((c) => !c.accepted && /at most/.test(c.reason)));
  const priv = await ask('c2', PUBLIC_QUESTION, 'private');
  assert.equal(priv.text, 'from the private deployment');
  assert.equal(priv.record.route.modelId, 'private/gpt-4o-mini');
  for (const s of sims.hosted) assert.equal(s.received.length, 0, 'nothing hosted under a ceiling');
  const secret = await ask('c3', `Is GITHUB_TOKEN=ghp_${'R8mQ2vXk7LpZ4wN9tY3bC6dF1gH5jK0sA2eU'} valid?`, 'private');
  assert.equal(secret.record.route.target, 'local', 'a ceiling never widens: the secret stays local');
  assert.doesNotMatch(secret.record.explanation, /within class/);
  const open = await ask('c4', PUBLIC_QUESTION, 'hosted');
  assert.equal(open.record.route.target, 'hosted');
  assert.equal(sims.openai.received.length, 1);
});

test('a class ceiling with no model in its class is refused as having no candidate; nothing is sent', async () => {
  const { withinClass } = await import('../../../daemon/route/ceiling');
  const { plan } = await import('../../../daemon/route/plan');
  const hostedOnly = { ...defaultCatalogue, models: defaultCatalogue.models.filter((m) => m.class === 'hosted') };
  const planned = await plan(PUBLIC_QUESTION, facts, { policy: loadPolicy('balanced'), catalogue: hostedOnly, storage: 'redacted', now: new Date('2026-01-01T00:00:00Z') });
  assert.equal(planned.record.route.target, 'hosted');
  assert.equal(withinClass(planned.record, undefined, hostedOnly), planned.record);
  assert.equal(withinClass(planned.record, 'hosted', hostedOnly), planned.record);
  const narrowed = withinClass(planned.record, 'local', hostedOnly);
  assert.equal(narrowed.route.target, 'local');
  assert.equal(narrowed.route.modelId, null);
  assert.equal(narrowed.error?.code, 'AIRLOCK_E_NO_CANDIDATE');
  assert.ok(narrowed.route.candidates.every((c) => !c.accepted));
});

test('lm/models: tool calling only when every route the policy may choose has a tools model it accepts', () => {
  const balanced = loadPolicy('balanced');
  assert.deepEqual(routesOf(balanced).sort(), ['hosted', 'local']);
  assert.equal(lmModels(balanced, defaultCatalogue)[0]!.toolCalling, true);
  // The local models lose their tools tag: a secret-holding agent request would find no candidate, so no promise.
  const untooled = { ...defaultCatalogue, models: defaultCatalogue.models.map((m) => (m.class === 'local' ? { ...m, capabilities: m.capabilities.filter((c) => c !== 'tools') } : m)) };
  assert.equal(lmModels(balanced, untooled)[0]!.toolCalling, false);
  // local-only routes nothing hosted: the hosted models' tags do not matter, the local ones do.
  const localOnly = loadPolicy('local-only');
  assert.deepEqual(routesOf(localOnly), ['local']);
  assert.equal(lmModels(localOnly, defaultCatalogue)[0]!.toolCalling, true);
  assert.equal(lmModels(localOnly, untooled)[0]!.toolCalling, false);
  const hostedUntooled = { ...defaultCatalogue, models: defaultCatalogue.models.map((m) => (m.class === 'local' ? m : { ...m, capabilities: [] })) };
  assert.equal(lmModels(localOnly, hostedUntooled)[0]!.toolCalling, true);
  // A hosted route accepts local models as its fallback (local ⊂ hosted), so balanced still has a tools model there.
  assert.equal(lmModels(balanced, hostedUntooled)[0]!.toolCalling, true);
  // Only the hosted class tagged tools: balanced's local route has none.
  const onlyHosted = { ...defaultCatalogue, models: defaultCatalogue.models.map((m) => (m.class === 'hosted' ? m : { ...m, capabilities: [] })) };
  assert.equal(lmModels(balanced, onlyHosted)[0]!.toolCalling, false);
  // The input budget every route can take: local's largest window (llama3.2, 131072) under local-only.
  assert.equal(lmModels(localOnly, defaultCatalogue)[0]!.maxInputTokens, 131_072);
  assert.equal(lmModels(balanced, { ...defaultCatalogue, models: [] })[0]!.toolCalling, false);
});

test('lm/models: a class entry only where it narrows a route and its class has a model; its tools promise is for the narrowed routes', () => {
  const ids = (models: { id: string }[]) => models.map((m) => m.id);
  const balanced = loadPolicy('balanced');
  assert.deepEqual(ids(lmModels(balanced, defaultCatalogue)), ['airlock-auto', 'airlock-local', 'airlock-private']);
  // local-only never goes beyond local: a "local only" entry would be the same as auto.
  assert.deepEqual(ids(lmModels(loadPolicy('local-only'), defaultCatalogue)), ['airlock-auto']);
  // No private model in the catalogue: "private or local" still has the local models (local ⊂ private).
  const noPrivate = { ...defaultCatalogue, models: defaultCatalogue.models.filter((m) => m.class !== 'private') };
  assert.deepEqual(ids(lmModels(balanced, noPrivate)), ['airlock-auto', 'airlock-local', 'airlock-private']);
  const hostedOnly = { ...defaultCatalogue, models: defaultCatalogue.models.filter((m) => m.class === 'hosted') };
  assert.deepEqual(ids(lmModels(balanced, hostedOnly)), ['airlock-auto']);
  // Hosted models alone are tagged tools: auto cannot promise tools (local route), nor can the local entry.
  const onlyHosted = { ...defaultCatalogue, models: defaultCatalogue.models.map((m) => (m.class === 'hosted' ? m : { ...m, capabilities: [] })) };
  assert.deepEqual(lmModels(balanced, onlyHosted).map((m) => m.toolCalling), [false, false, false]);
  // Local models alone are tagged tools: the local entry can promise them; auto and private-or-local too (local is
  // every route's fallback).
  const onlyLocal = { ...defaultCatalogue, models: defaultCatalogue.models.map((m) => (m.class === 'local' ? m : { ...m, capabilities: [] })) };
  assert.deepEqual(lmModels(balanced, onlyLocal).map((m) => m.toolCalling), [true, true, true]);
});
