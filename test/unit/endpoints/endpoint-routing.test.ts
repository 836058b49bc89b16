// What decides where an assistant's request goes: what the user asks and what the agent read, not the assistant's
// own boilerplate. A system prompt holding example code, and JSON tool calls and results, do not make a public
// question "code"; a secret or personal data in them still keeps the request local; code the user pasted or a file
// the agent read (a tool result that is not JSON) still counts in full. Official SDKs against a real daemon.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { assertNoCanary, PUBLIC_QUESTION, SECRET_AND_CODE, startEndpoint } from '../../helpers/endpoint';

const openai = (base: string, apiKey: string) => new OpenAI({ baseURL: `${base}/v1`, apiKey, maxRetries: 0 });

/** An agent's system prompt: how to format code, with an example. */
const AGENT_SYSTEM = `You are an expert coding assistant. Answer concisely. When you show code, use fenced blocks, for example:
\`\`\`python
def read_config(path: str) -> dict:
    with open(path) as f:
        return json.load(f)
\`\`\`
Prefer small functions and explain your reasoning step by step.`;

const SYSTEM_SECRET = 'sk_live_51Hq8ZcSystemQ4vT7wX2nB5mK9pL3sR6yD1fG';

const LIST_TOOL = { type: 'function' as const, function: { name: 'list_regions', description: 'Cloud regions and their status', parameters: { type: 'object', properties: {} } } };
/** What a tool returned, pretty-printed JSON as agents pass it back. */
const REGIONS_JSON = JSON.stringify({ regions: [{ id: 'eu-north-1', status: 'ok', latency_ms: 41 }, { id: 'us-east-1', status: 'degraded', latency_ms: 97 }], checked: true }, null, 2);

test('OpenAI: an agent system prompt with example code does not keep a public question local; the record says why', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t);
  const res = await openai(base, key).chat.completions.create({ model: 'airlock/auto', messages: [{ role: 'system', content: AGENT_SYSTEM }, { role: 'user', content: PUBLIC_QUESTION }] });
  assert.equal(res.model, 'openai/gpt-4o-mini');
  assert.ok(sims.openai.receivedText().includes('def read_config'), 'the system prompt goes along to the model');
  assert.equal(sims.local.received.length, 0);
  const { records } = await (await daemon.client()).request('decision/list', {});
  assert.equal(records[0]?.code.isCode, false);
  assert.deepEqual(records[0]?.facts.notCode?.map((s) => s.why), ['instructions']);
});

test('OpenAI: a secret in the system prompt still keeps the request local; code the user pastes still counts', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const client = openai(base, key);
  const secret = await client.chat.completions.create({ model: 'airlock/auto', messages: [{ role: 'system', content: `${AGENT_SYSTEM}\nDeploy key: ${SYSTEM_SECRET}` }, { role: 'user', content: PUBLIC_QUESTION }] });
  assert.equal(secret.model, 'ollama/llama3.2');
  const code = await client.chat.completions.create({ model: 'airlock/auto', messages: [{ role: 'system', content: AGENT_SYSTEM }, { role: 'user', content: SECRET_AND_CODE.text.replace(/const stripe.*\n/, '') }] });
  assert.equal(code.model, 'ollama/llama3.2', 'the user\'s own code keeps it local');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assertNoCanary(sims, [SYSTEM_SECRET, 'settleLedgerCanary']);
});

test('OpenAI agent turn: JSON tool calls and results are data, not code: the turn goes hosted; personal data in them stays local', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const client = openai(base, key);
  const turn = (result: string) => client.chat.completions.create({
    model: 'airlock/auto', tools: [LIST_TOOL],
    messages: [
      { role: 'system', content: AGENT_SYSTEM },
      { role: 'user', content: 'Which cloud regions are degraded right now?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_r', type: 'function', function: { name: 'list_regions', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_r', content: result },
    ],
  });
  const hosted = await turn(REGIONS_JSON);
  assert.equal(hosted.model, 'openai/gpt-4o-mini');
  assert.ok(sims.openai.receivedText().includes('us-east-1'));
  assert.equal(sims.local.received.length, 0);
  for (const s of sims.all) s.reset();
  const personal = await turn(JSON.stringify({ on_call: { email: 'jonas.brandt@example-mail.com' }, regions: ['us-east-1'] }, null, 2));
  assert.equal(personal.model, 'ollama/llama3.2');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
});

test('Anthropic: a file the agent read (a tool result that is not JSON) counts in full: code keeps the turn local', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const client = new Anthropic({ baseURL: base, apiKey: key, maxRetries: 0 });
  const source = 'export function settleLedgerCanary(entries: LedgerEntry[]): number {\n  return entries.reduce((s, e) => s + e.amountCents, 0);\n}\n';
  const ask = (result: string) => client.messages.create({
    model: 'airlock/auto', max_tokens: 256, system: [{ type: 'text', text: AGENT_SYSTEM }],
    messages: [
      { role: 'user', content: 'What does this module do?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_f', name: 'read_file', input: { path: 'src/ledger.ts' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_f', content: result }] },
    ],
  });
  const local = await ask(source);
  assert.equal(local.model, 'ollama/llama3.2');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  const hosted = await ask(REGIONS_JSON);
  assert.notEqual(hosted.model, 'ollama/llama3.2', 'the same agent turn with JSON data and the example-code system prompt goes hosted');
  assert.equal(sims.local.received.length, 1);
});

test('Ollama: a system prompt with example code does not keep a public question local (chat and generate)', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const ollama = new Ollama({ host: base, headers: { Authorization: `Bearer ${key}` } });
  const chat = await ollama.chat({ model: 'airlock/auto', stream: false, messages: [{ role: 'system', content: AGENT_SYSTEM }, { role: 'user', content: PUBLIC_QUESTION }] });
  assert.equal(chat.model, 'openai/gpt-4o-mini');
  const generate = await ollama.generate({ model: 'airlock/auto', stream: false, system: AGENT_SYSTEM, prompt: PUBLIC_QUESTION });
  assert.equal(generate.model, 'openai/gpt-4o-mini');
  assert.equal(sims.local.received.length, 0);
});

test('the transcript marks instructions, role labels and JSON data; the scan keeps code outside them and its share', async () => {
  const { renderTranscript, instructionsTurn, turnOf } = await import('../../../daemon/server/surfaces/transcript');
  const { withoutNotCode } = await import('../../../daemon/route/not-code');
  const { scan } = await import('../../../daemon/detect');
  const user = 'Why does this fail?\n```ts\nexport const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n```';
  const { text, notCode } = renderTranscript([instructionsTurn('system', AGENT_SYSTEM), turnOf('user', user), turnOf('tool', REGIONS_JSON)]);
  assert.deepEqual(notCode.map((s) => [s.why, text.slice(s.start, s.end).trim().split('\n')[0]]), [
    // The system prompt and the `user:` label after it touch: one span.
    ['instructions', 'system:'], ['instructions', 'tool:'], ['data', '{'],
  ]);
  assert.ok(text.slice(notCode[0]!.start, notCode[0]!.end).endsWith('user:\n'));
  const raw = await scan(text, { source: 'api', interactive: true });
  const kept = withoutNotCode(raw, text, notCode);
  assert.ok(raw.code.regions.length > kept.code.regions.length, 'the example code and the JSON are dropped');
  assert.deepEqual(kept.code.regions.map((r) => text.slice(r.start, r.end)), [user.split('\n').slice(2, 3).join('')]);
  assert.equal(kept.code.language, 'typescript');
  // The share is of the prompt without the instructions: the user's turn and the data.
  const chars = (x: string) => x.replace(/\s/g, '').length;
  assert.equal(kept.code.share, chars(user.split('\n')[2]!) / chars(user + REGIONS_JSON));
  assert.equal(kept.signals.filter((s) => s.kind === 'code').length, 1);
  assert.equal(withoutNotCode(raw, text, undefined), raw, 'no spans: the scan as it was');
});

test('the sweep\'s weak findings count in what the user and the workspace wrote, not in the client\'s own instructions', async () => {
  const { renderTranscript, instructionsTurn, turnOf } = await import('../../../daemon/server/surfaces/transcript');
  const { withoutNotCode } = await import('../../../daemon/route/not-code');
  const { scan } = await import('../../../daemon/detect');
  const system = 'search the codebase with rg (ripgrep) and quote what it prints. reply to jane.doe@example.com when done.';
  const { text, notCode } = renderTranscript([instructionsTurn('system', system), turnOf('user', 'Why is Okwuosa so quiet in the release call?'), turnOf('tool', 'ask vantongeren about rg')]);
  const raw = await scan(text, { source: 'api', interactive: true }, { sweep: true });
  const seen = (s: typeof raw) => s.signals.filter((g) => g.kind === 'pii').map((g) => text.slice(g.start, g.end));
  assert.deepEqual(seen(raw).filter((w) => w === 'rg' || w === 'ripgrep'), ['rg', 'ripgrep', 'rg'], 'the sweep reads the instructions too');
  // Dropped in the instructions only: the e-mail there stays, and so do the user's turn and the tool result.
  assert.deepEqual(seen(withoutNotCode(raw, text, notCode)), ['jane.doe@example.com', 'Okwuosa', 'vantongeren', 'rg']);
});
