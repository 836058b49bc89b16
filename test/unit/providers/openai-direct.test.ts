// The OpenAI adapter streams chat completions without the SDK's per-request machinery (providers/openai.ts, sse.ts):
// what goes on the wire and how the stream is read must be the SDK's own. Both are checked against the SDK itself:
// the same request through `chat.completions.create` reaches the simulator with the same path, headers and bytes,
// and readSse decodes awkwardly cut bodies into the same events as the SDK's decoder.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';
import { _iterSSEMessages } from 'openai/core/streaming';
import { createAdapter, type StreamRequest } from '../../../daemon/providers';
import { createHttpFetch } from '../../../daemon/providers/http-fetch';
import { readSse } from '../../../daemon/providers/sse';
import { startOpenAISim, type SimHandle } from '../../sim';

let sim: SimHandle;
before(async () => {
  sim = await startOpenAISim({});
});
after(() => sim.close());

/** What a request carries, without what belongs to the connection. */
function wire(r: SimHandle['received'][number]) {
  const { host: _host, connection: _connection, ...headers } = r.headers;
  return { method: r.method, path: r.path, headers, body: r.body.toString('utf8') };
}

test('a chat completion goes out as the SDK sends it: path, every header, the body byte for byte', async () => {
  const tools = { tools: [{ name: 'lookup', description: 'Looks a word up', parameters: { type: 'object', properties: { word: { type: 'string' } } } }], toolChoice: 'auto' as const };
  const request: StreamRequest = { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hi ünïcode' }], maxTokens: 32, tools, signal: new AbortController().signal };
  sim.reset();
  await createAdapter({ name: 'openai', kind: 'openai', baseUrl: `${sim.url}/v1` }, async () => 'sk-same').stream(request, () => {});
  const ours = wire(sim.received[0]!);
  sim.reset();
  const sdk = new OpenAI({ apiKey: 'sk-same', baseURL: `${sim.url}/v1`, fetch: createHttpFetch({ proxyEnv: false }), maxRetries: 0, logLevel: 'off' });
  const stream = await sdk.chat.completions.create({
    model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hi ünïcode' }], stream: true, stream_options: { include_usage: true }, max_tokens: 32,
    tools: [{ type: 'function', function: { name: 'lookup', description: 'Looks a word up', parameters: { type: 'object', properties: { word: { type: 'string' } } } } }], tool_choice: 'auto',
  });
  for await (const _ of stream) { /* read to the end */ }
  assert.deepEqual(ours, wire(sim.received[0]!));
  assert.equal(ours.headers.authorization, 'Bearer sk-same');
});

/** A reader that hands out the given pieces, as a socket might cut them. */
function readerOf(pieces: Uint8Array[]): ReadableStreamDefaultReader<Uint8Array> {
  let i = 0;
  return { read: async () => (i < pieces.length ? { done: false, value: pieces[i++]! } : { done: true, value: undefined }) } as ReadableStreamDefaultReader<Uint8Array>;
}

/** The body cut into pieces of `size` bytes (a multi-byte character and a \r\n get split too). */
function cut(body: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(body);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.slice(at, at + size));
  return pieces;
}

const BODIES = [
  'data: {"a":1}\n\ndata: {"b":"ünï ✓"}\n\ndata: [DONE]\n\n',
  'data: {"a":1}\r\n\r\ndata:{"no":"space"}\r\n\r\n',
  'data: first line\r\ndata: second line of one event\r\n\r\n',
  'data: one\rdata: two\r\rdata: three\n\n',
  ': a comment\nevent: error\ndata: {"error":{"message":"overloaded"}}\n\n',
  'id: 7\nretry: 100\ndata\nfield-without-colon\n\ndata:  two spaces\n\n',
  'event: only-an-event\n\n\n\n\ndata: {"x":[1,2]}\ndata: {"y":3}\n\n',
  'data: complete\n\ndata: unfinished, the stream ends here',
  'data: ends with a lone CR\r',
];

test('readSse decodes bodies into the same events as the SDK, however the bytes are cut', async () => {
  for (const body of BODIES) {
    for (const size of [1, 2, 3, 5, 64]) {
      const ours: { data: string; event: string | null }[] = [];
      await readSse(readerOf(cut(body, size)), (data, event) => ours.push({ data, event }));
      const theirs: { data: string; event: string | null }[] = [];
      const response = new Response(new ReadableStream({ start(c) { for (const p of cut(body, size)) c.enqueue(p); c.close(); } }));
      for await (const sse of _iterSSEMessages(response, new AbortController())) theirs.push({ data: sse.data, event: sse.event });
      assert.deepEqual(ours, theirs, `${JSON.stringify(body)} in pieces of ${size}`);
    }
  }
});
