// The seed record's `tools` used and `rag` (docs/record.md), through a real daemon, the official clients and the
// recording simulators: every entry point that carries tool calls records the names the model called (in order, each
// once), next to the tools the client offered (facts.tools); the editor's attachments become facts.rag; both are
// scanned and masked at rest like the prompt.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import type { DecisionRecord } from '../../../protocol';
import { PUBLIC_QUESTION, startEndpoint } from '../../helpers/endpoint';

const WEATHER = { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } };
const LOOKUP = { name: 'lookup_city', parameters: { type: 'object', properties: { q: { type: 'string' } } } };
const SECRET = 'sk_live_51Hq8ZcRagQ4vT7wX2nB5mK9pL3sR6yD1fG';
const facts = { source: 'chat' as const, interactive: true };

const bySurface = (records: DecisionRecord[]) => Object.fromEntries(records.map((r) => [r.facts.surface ?? r.facts.client?.userAgent ?? 'chat/send', r]));

test('tools requested and used: lm/chat and the OpenAI, Anthropic and Ollama surfaces record the tools the model called', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t);
  const client = await daemon.client();

  sims.openai.script({ kind: 'tool-calls', calls: [{ id: 'c1', name: 'lookup_city', pieces: ['{"q":"Oslo"}'] }, { id: 'c2', name: 'get_weather', pieces: ['{"city":', '"Oslo"}'] }, { id: 'c3', name: 'lookup_city', pieces: ['{"q":"Rome"}'] }] });
  const lm = await client.request('lm/chat', { requestId: 'lm1', facts, client: 'vscode-lm', tools: [WEATHER, LOOKUP], messages: [{ role: 'user', text: 'Weather in Oslo and Rome?' }] });
  assert.deepEqual(lm.record.toolsUsed, ['lookup_city', 'get_weather'], 'in order of first call, each once');
  assert.deepEqual(lm.record.facts.tools, ['get_weather', 'lookup_city'], 'what the client offered');

  sims.openai.script({ kind: 'tool-calls', calls: [{ id: 'c4', name: 'get_weather', pieces: ['{"ci', 'ty":"Paris"}'] }] });
  const stream = await new OpenAI({ baseURL: `${base}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({ model: 'openai/gpt-4o-mini', stream: true, tools: [{ type: 'function', function: WEATHER }], messages: [{ role: 'user', content: 'Weather in Paris?' }] });
  for await (const _chunk of stream) { /* drained: the record is written when the answer ends */ }

  sims.anthropic.script({ kind: 'tool-calls', text: 'Let me check.', calls: [{ id: 'toolu_1', name: 'get_weather', pieces: ['{"city": "Oslo"}'] }] });
  await new Anthropic({ baseURL: base, apiKey: key, maxRetries: 0 }).messages.create({ model: 'anthropic/claude-3-5-haiku', max_tokens: 64, tools: [{ name: WEATHER.name, input_schema: { type: 'object' as const, properties: {} } }], messages: [{ role: 'user', content: 'Weather in Oslo?' }] });

  sims.local.script({ kind: 'tool-calls', calls: [{ name: 'get_weather', pieces: ['{"city":"Bergen"}'] }] });
  await new Ollama({ host: base, headers: { Authorization: `Bearer ${key}` } }).chat({ model: 'ollama/llama3.2', tools: [{ type: 'function', function: { name: WEATHER.name, description: '', parameters: { type: 'object', properties: {} } } }], messages: [{ role: 'user', content: 'Weather in Bergen?' }], stream: false });

  await client.request('chat/send', { requestId: 'plain', text: PUBLIC_QUESTION, facts });

  const { records } = await client.request('decision/list', {});
  const seen = bySurface(records as DecisionRecord[]);
  assert.deepEqual(seen.openai?.toolsUsed, ['get_weather']);
  assert.deepEqual(seen.anthropic?.toolsUsed, ['get_weather']);
  assert.deepEqual(seen.ollama?.toolsUsed, ['get_weather']);
  assert.deepEqual(seen['vscode-lm']?.toolsUsed, ['lookup_city', 'get_weather']);
  assert.equal(seen['chat/send']?.toolsUsed, undefined, 'no tool called: no field');
});

test('a tool name the model made of a secret is masked in the record like the prompt', async (t) => {
  const { sims, daemon } = await startEndpoint(t);
  const client = await daemon.client();
  // Whichever model gets it (the balanced preset redacts the token and may send the rest out), it calls a "tool"
  // named after the secret: a local model saw it raw; a hosted one may know it some other way.
  for (const sim of [sims.local, sims.openai, sims.anthropic, sims.privateEu]) sim.script({ kind: 'tool-calls', calls: [{ name: SECRET, pieces: ['{}'] }] });
  const { record } = await client.request('lm/chat', { requestId: 'hostile', facts, tools: [WEATHER], messages: [{ role: 'user', text: `Call a tool named ${SECRET} now.` }] });
  assert.equal(record.toolsUsed?.length, 1);
  assert.ok(!record.toolsUsed![0]!.includes(SECRET), record.toolsUsed![0]);
  assert.match(record.toolsUsed![0]!, /\[SECRET_\d+\]/);
  await daemon.stop();
  for (const file of ['decisions.sqlite', 'decisions.sqlite-wal'].map((f) => path.join(daemon.home, f)).filter((f) => existsSync(f))) {
    assert.ok(!readFileSync(file).toString('latin1').includes(SECRET), `${path.basename(file)} holds the secret`);
  }
});

test('rag: the files and selections the editor attached are the record\'s sources, scanned like the prompt; a client\'s own rag wins', async (t) => {
  const { daemon } = await startEndpoint(t);
  const client = await daemon.client();
  const attached = { ...facts, filePath: 'src/app.ts', parts: [{ origin: 'file' as const, path: 'src/app.ts', start: 0, end: 10 }, { origin: 'selection' as const, path: 'src/util.ts', start: 11, end: 20 }, { origin: 'file' as const, path: 'src/app.ts', start: 21, end: 30 }] };
  const a = await client.request('chat/send', { requestId: 'rag1', text: 'Explain these two files to me please.', facts: attached });
  assert.deepEqual(a.record.facts.rag, { index: 'editor', sources: ['src/app.ts', 'src/util.ts'] });

  const tokenUrl = `https://wiki.example.com/page?access_token=${SECRET}`;
  const b = await client.request('chat/send', { requestId: 'rag2', text: PUBLIC_QUESTION, facts: { ...attached, rag: { index: 'team-wiki', sources: [tokenUrl, 'https://docs.example.com/tcp'] } } });
  assert.equal(b.record.facts.rag?.index, 'team-wiki');
  assert.equal(b.record.facts.rag?.sources[1], 'https://docs.example.com/tcp');
  assert.ok(!b.record.facts.rag!.sources[0]!.includes(SECRET), b.record.facts.rag!.sources[0]);
  assert.match(b.record.facts.rag!.sources[0]!, /^https:\/\/wiki\.example\.com\/page\?access_token=\[SECRET_\d+\]$/);

  const c = await client.request('chat/send', { requestId: 'rag3', text: PUBLIC_QUESTION, facts });
  assert.equal(c.record.facts.rag, undefined, 'nothing attached: no sources to name');
});
