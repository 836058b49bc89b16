// The Ollama adapter sends and reads /api/chat itself, on the URL and headers the ollama client uses
// (providers/ollama.ts): the request must be the client's own byte for byte, and the ways a stream can end that the
// simulator does not play must end as the client ended them.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Ollama } from 'ollama';
import { createAdapter, type StreamRequest } from '../../../daemon/providers';
import { createHttpFetch } from '../../../daemon/providers/http-fetch';
import { failure } from '../../helpers/providers';
import { startOllamaSim, type SimHandle } from '../../sim';

let sim: SimHandle;
before(async () => {
  sim = await startOllamaSim();
});
after(() => sim.close());

const request = (signal = new AbortController().signal): StreamRequest => ({ model: 'llama3.2:3b', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hi ünïcode' }], maxTokens: 16, signal });

/** What a request carries, without what belongs to the connection. */
function wire(r: SimHandle['received'][number]) {
  const { host: _host, connection: _connection, ...headers } = r.headers;
  return { method: r.method, path: r.path, headers, body: r.body.toString('utf8') };
}

test('a chat goes out as the ollama client sends it: path, every header, the body byte for byte', async () => {
  sim.reset();
  await createAdapter({ name: 'local', kind: 'ollama', baseUrl: sim.url }, async () => null).stream(request(), () => {});
  const ours = wire(sim.received[0]!);
  sim.reset();
  const client = new Ollama({ host: sim.url, fetch: createHttpFetch({ proxyEnv: false }) as typeof fetch });
  const stream = await client.chat({ model: 'llama3.2:3b', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hi ünïcode' }], stream: true, options: { num_predict: 16 } });
  for await (const _ of stream) { /* read to the end */ }
  assert.deepEqual(ours, wire(sim.received[0]!));
  assert.match(ours.headers['user-agent'] ?? '', /^ollama-js\//);
});

/** A server that answers /api/chat with this body and content type. */
async function serving(body: string, contentType = 'application/x-ndjson'): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': contentType }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const line = (v: object) => `${JSON.stringify(v)}\n`;
const piece = (content: string) => line({ model: 'm', message: { role: 'assistant', content }, done: false });

test('stream endings the simulator does not play end as the client ended them', async (t) => {
  const cases: { name: string; body: string; contentType?: string; check(run: () => Promise<{ text: string }>): Promise<void> }[] = [
    {
      name: '`status: success` without done: the answer did not end',
      body: piece('Hel') + line({ status: 'success' }),
      check: async (run) => {
        const err = await failure(run());
        assert.deepEqual([err.failure, err.message], ['reset', 'local: the stream ended without done']);
      },
    },
    {
      name: 'the body ends without done: the client\'s "Did not receive done"',
      body: piece('Hel') + piece('lo'),
      check: async (run) => {
        const err = await failure(run());
        assert.equal(err.failure, 'reset');
        assert.match(err.message, /Did not receive done or success response in stream/);
      },
    },
    {
      name: 'not NDJSON by its content type: a bad line is skipped, as the client skips it',
      body: piece('Hel') + 'not json\n' + piece('lo') + line({ model: 'm', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 3, eval_count: 2 }),
      contentType: 'application/json',
      check: async (run) => assert.equal((await run()).text, 'Hello'),
    },
    {
      name: 'NDJSON: a bad line fails the stream',
      body: piece('Hel') + '{"broken\n' + piece('lo'),
      check: async (run) => {
        const err = await failure(run());
        assert.equal(err.failure, 'malformed');
      },
    },
  ];
  for (const c of cases) {
    const server = await serving(c.body, c.contentType);
    t.after(() => server.close());
    const adapter = createAdapter({ name: 'local', kind: 'ollama', baseUrl: server.url }, async () => null);
    const seen: string[] = [];
    await c.check(async () => {
      await adapter.stream(request(), (d) => seen.push(d));
      return { text: seen.join('') };
    });
  }
});
