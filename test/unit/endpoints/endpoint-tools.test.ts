// Tool calls through airlockd with the official SDKs and the recording simulators: tools reach the provider in its
// own wire format, tool calls come back in the surface's, arguments are restored (also when a placeholder is split
// across argument pieces), and a secret in a tool result keeps the whole request local.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import type { CatalogueModel } from '../../../protocol';
import { toolsFor } from '../../../daemon/route/execute';
import { PlaceholderBook } from '../../../daemon/route/redact';
import { createRestorer, jsonStringBody } from '../../../daemon/route/restore';
import type { SimHandle } from '../../sim';
import { assertNoCanary, PUBLIC_QUESTION, startEndpoint } from '../../helpers/endpoint';

const openai = (base: string, apiKey: string) => new OpenAI({ baseURL: `${base}/v1`, apiKey, maxRetries: 0 });
const anthropic = (base: string, apiKey: string) => new Anthropic({ baseURL: base, apiKey, maxRetries: 0 });

const WEATHER_TOOL = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
/** A secret the balanced and strict presets keep local, planted in what a tool returned. */
const TOOL_SECRET = 'sk_live_51Hq8ZcToolQ4vT7wX2nB5mK9pL3sR6yD1fG';
const EMAIL = 'jonas.brandt@example-mail.com';

const lastBody = (sim: SimHandle): Record<string, unknown> => JSON.parse(sim.received.at(-1)!.body.toString('utf8')) as Record<string, unknown>;

test('OpenAI surface: tools reach the hosted model, the streamed tool call comes back as tool_calls deltas, the round trip ends in an answer', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.openai.script({ kind: 'tool-calls', calls: [{ id: 'call_w1', name: 'get_weather', pieces: ['{"ci', 'ty":"Par', 'is"}'] }] });
  const client = openai(base, key);
  const question = 'Weather in Oslo and Rome?';
  const stream = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', stream: true, tools: [WEATHER_TOOL], tool_choice: 'auto', messages: [{ role: 'user', content: question }] });
  const args: string[] = [];
  let id: string | undefined;
  let name: string | undefined;
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      assert.equal(call.index, 0);
      id ??= call.id;
      name ??= call.function?.name;
      if (call.function?.arguments) args.push(call.function.arguments);
    }
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(id, 'call_w1');
  assert.equal(name, 'get_weather');
  assert.deepEqual(JSON.parse(args.join('')), { city: 'Paris' });
  assert.equal(finish, 'tool_calls');
  const sent = lastBody(sims.openai);
  assert.deepEqual(sent.tools, [WEATHER_TOOL], 'the tool definition reaches the provider in its wire format');
  assert.equal(sent.tool_choice, 'auto');

  // Second turn: the tool's result goes back; the model answers in text. The client names the local model this time
  // (a request the policy may grant: local is allowed for anything), so the round trip also shows Ollama's tool format.
  const hostedBefore = sims.openai.received.length;
  sims.local.script({ kind: 'ok', text: 'It is sunny in Paris, 21 °C.' });
  const res = await client.chat.completions.create({
    model: 'ollama/llama3.2', tools: [WEATHER_TOOL],
    messages: [
      { role: 'user', content: question },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_w1', content: '{"sky":"sunny","celsius":21}' },
    ],
  });
  assert.equal(res.choices[0]?.message.content, 'It is sunny in Paris, 21 °C.');
  assert.equal(res.choices[0]?.finish_reason, 'stop');
  assert.equal(res.model, 'ollama/llama3.2');
  assert.match(sims.local.receivedText(), /sunny/, 'the tool result is part of what the model sees');
  assert.deepEqual(lastBody(sims.local).tools, [WEATHER_TOOL], 'Ollama gets the tools in its own (function) format');
  assert.equal(sims.openai.received.length, hostedBefore, 'nothing of the second turn went to a hosted model');
});

test('OpenAI surface: a non-streaming tool call comes back as message.tool_calls', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.openai.script({ kind: 'tool-calls', calls: [{ id: 'call_a', name: 'get_weather', pieces: ['{"city":', '"Oslo"}'] }, { id: 'call_b', name: 'get_weather', pieces: ['{"city":"Rome"}'] }] });
  const res = await openai(base, key).chat.completions.create({ model: 'openai/gpt-4o-mini', tools: [WEATHER_TOOL], tool_choice: { type: 'function', function: { name: 'get_weather' } }, messages: [{ role: 'user', content: 'Weather in Oslo and Rome?' }] });
  const message = res.choices[0]!.message;
  assert.equal(res.choices[0]?.finish_reason, 'tool_calls');
  assert.deepEqual(message.tool_calls?.map((c) => c.type === 'function' ? [c.id, c.function.name, c.function.arguments] : []), [['call_a', 'get_weather', '{"city":"Oslo"}'], ['call_b', 'get_weather', '{"city":"Rome"}']]);
  assert.deepEqual(lastBody(sims.openai).tool_choice, { type: 'function', function: { name: 'get_weather' } });
});

test('OpenAI surface: a secret in a tool result keeps the request local; hosted simulators receive 0 bytes of it', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.local.setDefault({ kind: 'ok', text: 'The config file holds a live Stripe key; rotate it.' });
  const res = await openai(base, key).chat.completions.create({
    model: 'openai/gpt-4o-mini', tools: [WEATHER_TOOL],
    messages: [
      { role: 'user', content: PUBLIC_QUESTION },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_r', type: 'function', function: { name: 'read_file', arguments: '{"path":"config/settings.txt"}' } }] },
      { role: 'tool', tool_call_id: 'call_r', content: `STRIPE_KEY=${TOOL_SECRET}` },
    ],
  });
  assert.equal(res.choices[0]?.message.content, 'The config file holds a live Stripe key; rotate it.');
  assert.ok(sims.local.receivedText().includes(TOOL_SECRET), 'answered by the local simulator');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assertNoCanary(sims, [TOOL_SECRET]);
  assert.ok(Array.isArray(lastBody(sims.local).tools), 'the local model is tagged for tools and gets them');
});

test('OpenAI surface: a secret in a tool definition is scanned: the request stays local, hosted simulators receive 0 bytes of it', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.local.setDefault({ kind: 'ok', text: 'TCP is reliable, UDP is not.' });
  const leaky = { type: 'function' as const, function: { name: 'charge', description: `Charges a card with the key ${TOOL_SECRET}`, parameters: { type: 'object', properties: {} } } };
  const res = await openai(base, key).chat.completions.create({ model: 'openai/gpt-4o-mini', tools: [leaky], messages: [{ role: 'user', content: PUBLIC_QUESTION }] });
  assert.equal(res.model, 'ollama/llama3.2');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assertNoCanary(sims, [TOOL_SECRET]);
});

test('OpenAI surface: a public question with tools is not made "code" by the tool schema: it goes to the hosted model it named', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const res = await openai(base, key).chat.completions.create({ model: 'openai/gpt-4o-mini', tools: [WEATHER_TOOL], messages: [{ role: 'user', content: PUBLIC_QUESTION }] });
  assert.equal(res.model, 'openai/gpt-4o-mini');
  assert.equal(sims.local.received.length, 0);
});

test('OpenAI surface: a placeholder split across streamed argument pieces is restored to the value', async (t) => {
  const { sims, key, base } = await startEndpoint(t, 'strict');
  // strict redacts personal data and sends it to the private deployment: the model only ever sees [EMAIL_1].
  sims.privateEu.script({ kind: 'tool-calls', calls: [{ name: 'send_mail', pieces: ['{"to":"[EMA', 'IL_', '1]","subject":"Re: your complaint"}'] }] });
  const stream = await openai(base, key).chat.completions.create({
    model: 'airlock/auto', stream: true, tools: [{ type: 'function', function: { name: 'send_mail', parameters: { type: 'object', properties: { to: { type: 'string' }, subject: { type: 'string' } } } } }],
    messages: [{ role: 'user', content: `Send a short apology to the customer at ${EMAIL} about the late delivery.` }],
  });
  let args = '';
  for await (const chunk of stream) for (const call of chunk.choices[0]?.delta.tool_calls ?? []) args += call.function?.arguments ?? '';
  assert.ok(sims.privateEu.received.length === 1, 'the private deployment answered');
  assert.ok(!sims.privateEu.receivedText().includes(EMAIL), 'the model saw the placeholder, not the address');
  assert.deepEqual(JSON.parse(args), { to: EMAIL, subject: 'Re: your complaint' });
});

test('OpenAI surface: a secret the model writes into tool-call arguments (not the user\'s own) is masked like answer text', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const invented = 'sk_live_51Hq8ZcModelQ4vT7wX2nB5mK9pL3sR6yD1fG';
  sims.openai.script({ kind: 'tool-calls', calls: [{ name: 'configure', pieces: ['{"stripe_key":"sk_live_51Hq8Zc', 'ModelQ4vT7wX2nB5mK9pL3sR6yD1fG"}'] }] });
  const res = await openai(base, key).chat.completions.create({ model: 'openai/gpt-4o-mini', tools: [WEATHER_TOOL], messages: [{ role: 'user', content: PUBLIC_QUESTION }] });
  const call = res.choices[0]?.message.tool_calls?.[0];
  assert.ok(call?.type === 'function');
  assert.ok(!call.function.arguments.includes(invented));
  assert.deepEqual(JSON.parse(call.function.arguments), { stripe_key: '[REDACTED_SECRET]' });
});

test('OpenAI surface: response_format json passes through to a model tagged json', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.openai.script({ kind: 'ok', text: '{"protocols":["TCP","UDP"]}' });
  const res = await openai(base, key).chat.completions.create({ model: 'openai/gpt-4o-mini', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: `${PUBLIC_QUESTION} Answer in JSON.` }] });
  assert.deepEqual(JSON.parse(res.choices[0]!.message.content!), { protocols: ['TCP', 'UDP'] });
  assert.deepEqual(lastBody(sims.openai).response_format, { type: 'json_object' });
  assert.equal(lastBody(sims.openai).tools, undefined);
});

test('a value restored into tool-call arguments is JSON-escaped, so the arguments stay valid JSON', () => {
  const book = new PlaceholderBook();
  const value = 'pa"ss\\word\n';
  book.placeholderFor('SECRET', value);
  const restorer = createRestorer(book, jsonStringBody);
  const out = restorer.push('{"password":"[SEC') + restorer.push('RET_1]"}') + restorer.flush();
  assert.deepEqual(JSON.parse(out), { password: value });
});

test('only models tagged for tools receive tools; only models tagged json receive a response format', () => {
  const model = (capabilities: CatalogueModel['capabilities']) => ({ capabilities }) as CatalogueModel;
  const request = { tools: [{ name: 'get_weather' }], toolChoice: 'auto' as const, responseFormat: { type: 'json_object' as const } };
  assert.deepEqual(toolsFor(model(['tools', 'json']), request), request);
  assert.deepEqual(toolsFor(model(['tools']), request), { tools: request.tools, toolChoice: 'auto' });
  assert.deepEqual(toolsFor(model(['json']), request), { responseFormat: request.responseFormat });
  assert.equal(toolsFor(model([]), request), undefined);
  assert.equal(toolsFor(model(['tools']), undefined), undefined);
});

const WEATHER_ANTHROPIC = { name: 'get_weather', description: 'Current weather for a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } };

test('Anthropic surface: tools reach the hosted model, the call streams back as a tool_use block with input_json_delta, the round trip ends in an answer', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.anthropic.script({ kind: 'tool-calls', text: 'Let me check.', calls: [{ id: 'toolu_w1', name: 'get_weather', pieces: ['{"city": ', '"Oslo", ', '"units": "metric"}'] }] });
  const client = anthropic(base, key);
  const question = 'Weather in Oslo and Rome?';
  const stream = client.messages.stream({ model: 'anthropic/claude-3-5-haiku', max_tokens: 256, tools: [WEATHER_ANTHROPIC], tool_choice: { type: 'auto' }, messages: [{ role: 'user', content: question }] });
  const partials: string[] = [];
  stream.on('inputJson', (partial) => partials.push(partial));
  const final = await stream.finalMessage();
  assert.equal(final.stop_reason, 'tool_use');
  assert.deepEqual(final.content.map((b) => b.type), ['text', 'tool_use']);
  assert.equal(final.content[0]?.type === 'text' && final.content[0].text, 'Let me check.');
  const use = final.content[1];
  assert.ok(use?.type === 'tool_use');
  assert.deepEqual([use.id, use.name, use.input], ['toolu_w1', 'get_weather', { city: 'Oslo', units: 'metric' }]);
  // The output filter releases arguments at whitespace, as it does answer text (a secret is never cut in two).
  assert.ok(partials.length >= 2, `the input streamed in pieces: ${partials.length}`);
  const sent = lastBody(sims.anthropic);
  assert.deepEqual(sent.tools, [WEATHER_ANTHROPIC], 'the tool definition reaches Anthropic in its wire format');
  assert.deepEqual(sent.tool_choice, { type: 'auto' });

  // The JSON call and result are data, not code (route/not-code.ts): the public turn goes to the model it named.
  sims.anthropic.script({ kind: 'ok', text: 'Sunny in Oslo.' });
  const res = await client.messages.create({
    model: 'anthropic/claude-3-5-haiku', max_tokens: 256, tools: [WEATHER_ANTHROPIC],
    messages: [
      { role: 'user', content: question },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_w1', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_w1', content: '{"sky":"sunny"}' }] },
    ],
  });
  assert.equal(res.stop_reason, 'end_turn');
  assert.deepEqual(res.content, [{ type: 'text', text: 'Sunny in Oslo.' }]);
  assert.match(sims.anthropic.receivedText(), /sunny/, 'the tool result is part of what the model sees');
  assert.equal(sims.local.received.length, 0, 'JSON tool data alone does not keep a public turn local');
});

test('Anthropic surface: a non-streaming tool call is a tool_use content block', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.anthropic.script({ kind: 'tool-calls', calls: [{ id: 'toolu_a', name: 'get_weather', pieces: ['{"city":"Rome"}'] }] });
  const res = await anthropic(base, key).messages.create({ model: 'anthropic/claude-3-5-haiku', max_tokens: 256, tools: [WEATHER_ANTHROPIC], tool_choice: { type: 'tool', name: 'get_weather' }, messages: [{ role: 'user', content: 'Weather in Oslo and Rome?' }] });
  assert.equal(res.stop_reason, 'tool_use');
  assert.deepEqual(res.content, [{ type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Rome' } }]);
  assert.deepEqual(lastBody(sims.anthropic).tool_choice, { type: 'tool', name: 'get_weather' });
});

test('Anthropic surface: a secret in a tool_result keeps the request local; hosted simulators receive 0 bytes of it', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.local.setDefault({ kind: 'ok', text: 'Rotate that key.' });
  const res = await anthropic(base, key).messages.create({
    model: 'anthropic/claude-3-5-haiku', max_tokens: 256, tools: [WEATHER_ANTHROPIC],
    messages: [
      { role: 'user', content: PUBLIC_QUESTION },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_r', name: 'read_file', input: { path: 'config/settings.txt' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_r', content: [{ type: 'text', text: `STRIPE_KEY=${TOOL_SECRET}` }] }] },
    ],
  });
  assert.deepEqual(res.content, [{ type: 'text', text: 'Rotate that key.' }]);
  assert.ok(sims.local.receivedText().includes(TOOL_SECRET));
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assertNoCanary(sims, [TOOL_SECRET]);
});

test('Anthropic surface: a placeholder split across input_json_delta pieces is restored to the value', async (t) => {
  const { sims, key, base } = await startEndpoint(t, 'strict');
  sims.privateEu.script({ kind: 'tool-calls', calls: [{ name: 'send_mail', pieces: ['{"to":"[', 'EMAIL_1', ']"}'] }] });
  const stream = anthropic(base, key).messages.stream({
    model: 'airlock/auto', max_tokens: 256, tools: [{ name: 'send_mail', input_schema: { type: 'object', properties: { to: { type: 'string' } } } }],
    messages: [{ role: 'user', content: `Send a short apology to the customer at ${EMAIL} about the late delivery.` }],
  });
  const final = await stream.finalMessage();
  assert.ok(!sims.privateEu.receivedText().includes(EMAIL), 'the model saw the placeholder, not the address');
  const use = final.content.find((b) => b.type === 'tool_use');
  assert.deepEqual(use?.type === 'tool_use' && use.input, { to: EMAIL });
});

const ollamaClient = (base: string, key: string) => new Ollama({ host: base, headers: { Authorization: `Bearer ${key}` } });

test('Ollama surface: tools reach the model, the streamed call comes back as message.tool_calls, the round trip ends in an answer', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.openai.script({ kind: 'tool-calls', calls: [{ id: 'call_o1', name: 'get_weather', pieces: ['{"city"', ':"Oslo"}'] }] });
  const ollama = ollamaClient(base, key);
  assert.ok((await ollama.show({ model: 'openai/gpt-4o-mini' })).capabilities.includes('tools'), 'clients check /api/show before sending tools');
  const question = 'Weather in Oslo and Rome?';
  const calls = [];
  for await (const part of await ollama.chat({ model: 'openai/gpt-4o-mini', stream: true, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: question }] })) {
    calls.push(...(part.message.tool_calls ?? []));
  }
  assert.deepEqual(calls.map((c) => [c.function.name, c.function.arguments]), [['get_weather', { city: 'Oslo' }]]);
  assert.deepEqual(lastBody(sims.openai).tools, [WEATHER_TOOL]);

  sims.openai.script({ kind: 'ok', text: 'Sunny in Oslo.' });
  const res = await ollama.chat({
    model: 'openai/gpt-4o-mini', stream: false, tools: [WEATHER_TOOL],
    messages: [{ role: 'user', content: question }, { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Oslo' } } }] }, { role: 'tool', content: '{"sky":"sunny"}' }],
  });
  assert.equal(res.message.content, 'Sunny in Oslo.');
  assert.match(sims.openai.receivedText(), /sunny/, 'JSON tool data alone does not keep a public turn local');
  assert.equal(sims.local.received.length, 0);
});

test('Ollama surface: a non-streaming tool call is in message.tool_calls; a secret in a tool result keeps the request local', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.local.script({ kind: 'tool-calls', calls: [{ name: 'rotate_key', pieces: ['{"name":"STRIPE_KEY"}'] }] });
  const res = await ollamaClient(base, key).chat({
    model: 'openai/gpt-4o-mini', stream: false, tools: [WEATHER_TOOL],
    messages: [{ role: 'user', content: PUBLIC_QUESTION }, { role: 'tool', content: `STRIPE_KEY=${TOOL_SECRET}` }],
  });
  assert.deepEqual(res.message.tool_calls?.map((c) => [c.function.name, c.function.arguments]), [['rotate_key', { name: 'STRIPE_KEY' }]]);
  assert.ok(sims.local.receivedText().includes(TOOL_SECRET));
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assertNoCanary(sims, [TOOL_SECRET]);
});

test('Ollama surface: a placeholder split across argument pieces upstream is restored in the call', async (t) => {
  const { sims, key, base } = await startEndpoint(t, 'strict');
  sims.privateEu.script({ kind: 'tool-calls', calls: [{ name: 'send_mail', pieces: ['{"to":"[EMAIL', '_1]"}'] }] });
  const res = await ollamaClient(base, key).chat({
    model: 'airlock/auto', stream: false, tools: [{ type: 'function', function: { name: 'send_mail', parameters: { type: 'object', properties: { to: { type: 'string' } } } } }],
    messages: [{ role: 'user', content: `Send a short apology to the customer at ${EMAIL} about the late delivery.` }],
  });
  assert.ok(!sims.privateEu.receivedText().includes(EMAIL));
  assert.deepEqual(res.message.tool_calls?.map((c) => c.function.arguments), [{ to: EMAIL }]);
});
