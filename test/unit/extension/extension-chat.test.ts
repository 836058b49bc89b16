// VS Code chat's VS Code-free parts: chat messages → lm/chat turns (tool calls and results are prompt too, the route
// line the provider appended is taken back out), token estimates, and the words shown for a real decision.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateTokens, policyText, routeLine, whyText, withoutRouteLine } from '../../../extension/chat/describe';
import { toTurns } from '../../../extension/chat/messages';
import { OFFLINE_MODELS, visibleModels } from '../../../extension/chat/models';
import { toolChoiceOf, toolInput, toolSpecs } from '../../../extension/chat/tools';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

test('messages become turns: roles mapped, text/tool-call/tool-result parts kept as text, non-image data parts dropped', () => {
  const turns = toTurns([
    { role: 3, content: [{ value: 'Be brief.' }] },
    { role: 1, content: [{ value: 'Read the config' }, { mimeType: 'cache_control', data: new TextEncoder().encode('ephemeral') }] },
    { role: 2, content: [{ value: 'Reading it.' }, { callId: 'c1', name: 'readFile', input: { path: '.env' } }] },
    { role: 1, content: [{ callId: 'c1', content: [{ value: 'API_TOKEN=abc' }] }] },
  ]);
  assert.deepEqual(turns, [
    { role: 'system', text: 'Be brief.' },
    { role: 'user', text: 'Read the config' },
    { role: 'assistant', text: 'Reading it.\nreadFile({"path":".env"})' },
    { role: 'tool', text: 'API_TOKEN=abc' },
  ]);
});

test('agent mode history: the route line before a tool call is taken out; a user message with text and a result is two turns', () => {
  const line = '\n\nAirlock: [hosted · gpt-4o-mini · public](command:airlock.openDecision?%5B%22x%22%5D)';
  const turns = toTurns([
    { role: 2, content: [{ value: 'Checking.' }, { value: line }, { callId: 'c2', name: 'get_weather', input: { city: 'Oslo' } }] },
    { role: 1, content: [{ callId: 'c2', content: [{ value: 'sunny' }, { value: '21 C' }] }, { value: 'And tomorrow?' }] },
  ]);
  assert.deepEqual(turns, [
    { role: 'assistant', text: 'Checking.\nget_weather({"city":"Oslo"})' },
    { role: 'user', text: 'And tomorrow?' },
    { role: 'tool', text: 'sunny\n21 C' },
  ]);
});

test('tools: VS Code definitions and mode to lm/chat\'s; whole calls to tool input, anything but a JSON object refused', () => {
  assert.equal(toolSpecs([]), undefined);
  assert.deepEqual(toolSpecs([{ name: 'a', description: '', inputSchema: { type: 'object' } }, { name: 'b', description: 'B' }]), [
    { name: 'a', parameters: { type: 'object' } }, { name: 'b', description: 'B' },
  ]);
  assert.equal(toolChoiceOf(2, true), 'required');
  assert.equal(toolChoiceOf(1, true), undefined);
  assert.equal(toolChoiceOf(2, false), undefined, 'no tools, no choice');
  assert.deepEqual(toolInput({ id: 'c', name: 'n', arguments: '{"city":"Oslo"}' }), { city: 'Oslo' });
  assert.deepEqual(toolInput({ id: 'c', name: 'n', arguments: '' }), {});
  assert.throws(() => toolInput({ id: 'c', name: 'n', arguments: '{"city":' }), /called n with arguments that are not JSON/);
  assert.throws(() => toolInput({ id: 'c', name: 'n', arguments: '[1]' }), /not a JSON object/);
});

test('the route line the provider appended is removed from assistant history, nothing else is', () => {
  const answer = 'Use a queue.\n\nAirlock: [hosted · gpt-4o-mini · public](command:airlock.openDecision?%5B%22x%22%5D)';
  assert.equal(withoutRouteLine(answer), 'Use a queue.');
  assert.deepEqual(toTurns([{ role: 2, content: [{ value: answer }] }]), [{ role: 'assistant', text: 'Use a queue.' }]);
  assert.equal(withoutRouteLine('Airlock: is a router.\n\nAirlock: see above\nmore'), 'Airlock: is a router.\n\nAirlock: see above\nmore');
  const user = toTurns([{ role: 1, content: [{ value: answer }] }]);
  assert.equal(user[0]?.text, answer, 'a user turn is never rewritten');
});

test('model picker: the class entries only with airlock.chatClassModels; offline, auto promises no tools', () => {
  const models = [
    { id: 'airlock-auto', name: 'Airlock (auto)', toolCalling: true, maxInputTokens: 1000 },
    { id: 'airlock-local', name: 'Airlock (local only)', toolCalling: true, maxInputTokens: 1000, maxClass: 'local' as const },
  ];
  assert.deepEqual(visibleModels(models, false).map((m) => m.id), ['airlock-auto']);
  assert.deepEqual(visibleModels(models, true).map((m) => m.id), ['airlock-auto', 'airlock-local']);
  assert.deepEqual(OFFLINE_MODELS.map((m) => [m.id, m.toolCalling]), [['airlock-auto', false]]);
});

test('token estimate: about four characters a token', () => {
  assert.equal(estimateTokens(''), 0);
  assert.equal(estimateTokens('a'), 1);
  assert.equal(estimateTokens('x'.repeat(400)), 100);
});

test('route line, /why and /policy wording for real decisions from a real daemon', async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const token = 'ghp_' + 'R8mQ2vXk7LpZ4wN9tY3bC6dF1gH5jK0sA2eU';
  const facts = { source: 'chat' as const, interactive: true };
  const secret = await client.request('lm/chat', { requestId: 'w1', facts, messages: [{ role: 'user', text: `Is GITHUB_TOKEN=${token} valid?` }] });
  const line = routeLine(secret.record);
  assert.match(line, /^local · [^·]+ · secret$/);
  const why = whyText(secret.record);
  assert.match(why, /stays local/);
  assert.match(why, /Rule: secrets-stay-local \(presets\/balanced\.yaml:\d+\)|Rule: secrets-stay-local \([^)]*balanced\.yaml:\d+\)/);
  assert.ok(why.includes(secret.record.explanation));
  assert.ok(!why.includes(token));
  const open = await client.request('lm/chat', { requestId: 'w2', facts, messages: [{ role: 'user', text: 'What is a B-tree?' }] });
  assert.match(routeLine(open.record), /^hosted · [^·]+ · public$/);
  assert.match(whyText(open.record), /Rule: default \([^)]*balanced\.yaml, the preset's default\)/);
  const summary = await client.request('policy/get', {});
  const text = policyText(summary);
  assert.match(text, /Active policy \*\*balanced\*\*/);
  for (const rule of summary.rules) assert.ok(text.includes(`**${rule.id}** (${summary.file}:${rule.line}): ${rule.plain}`));
});
