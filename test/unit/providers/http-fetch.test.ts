// The keep-alive fetch the Ollama adapter uses: what goes on the wire, what the response looks like to a client,
// streaming, aborts at every stage, and refused connections, against a real HTTP server on 127.0.0.1.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, type TestContext } from 'node:test';
import { createHttpFetch } from '../../../daemon/providers/http-fetch';
import { freePort } from '../../helpers/net';
import { within } from '../../helpers/bounded';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: number;
}

async function server(t: TestContext, handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const sockets = new Map<unknown, number>();
  const srv = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(parts).toString('utf8'), socket: sockets.get(req.socket)! });
      handle(req, res);
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    srv.closeAllConnections();
    return new Promise<void>((resolve) => srv.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, seen };
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string[]> {
  const decoder = new TextDecoder();
  const out: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(decoder.decode(value, { stream: true }));
  }
}

test('a POST carries method, path, headers and the exact body; the response has status, headers and JSON', async (t) => {
  const s = await server(t, (_req, res) => {
    res.writeHead(201, 'Created', { 'content-type': 'application/json', 'x-extra': 'yes' });
    res.end('{"ok":true,"text":"h\\u00e9llo"}');
  });
  const fetch = createHttpFetch();
  const body = JSON.stringify({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'héllo ✓' }] });
  const res = await fetch(`${s.url}/api/chat?x=1`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'User-Agent': 'test/1' } });
  assert.equal(res.status, 201);
  assert.equal(res.ok, true);
  assert.equal(res.statusText, 'Created');
  assert.equal(res.headers.get('X-Extra'), 'yes');
  assert.deepEqual(await res.json(), { ok: true, text: 'héllo' });
  assert.equal(s.seen.length, 1);
  const [req] = s.seen;
  assert.equal(req!.method, 'POST');
  assert.equal(req!.url, '/api/chat?x=1');
  assert.equal(req!.headers['content-type'], 'application/json');
  assert.equal(req!.headers['user-agent'], 'test/1');
  assert.equal(req!.headers['content-length'], String(Buffer.byteLength(body)), 'the length counts bytes, not characters');
  assert.equal(req!.body, body);
});

test('an error status is a response, not a throw; its text can be read once', async (t) => {
  const s = await server(t, (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '2' });
    res.end('busy');
  });
  const res = await createHttpFetch()(`${s.url}/api/chat`, { method: 'POST', body: '{}' });
  assert.equal(res.ok, false);
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '2');
  assert.equal(await res.text(), 'busy');
  assert.throws(() => res.text(), /body already used/);
});

test('the body streams chunk by chunk as the server writes, and the connection is reused', async (t) => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const s = await server(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write('{"n":1}\n');
    if (req.url === '/wait') void gate.then(() => res.end('{"n":2}\n'));
    else res.end('{"n":2}\n');
  });
  const fetch = createHttpFetch();
  const res = await fetch(`${s.url}/wait`, { method: 'POST', body: '{}' });
  const reader = res.body!.getReader();
  // The first line arrives while the server is still holding the second: nothing waits for the whole body.
  const first = await reader.read();
  assert.equal(new TextDecoder().decode(first.value), '{"n":1}\n');
  release();
  assert.deepEqual(await readAll(reader), ['{"n":2}\n']);
  const again = await fetch(`${s.url}/again`, { method: 'POST', body: '{}' });
  await readAll(again.body!.getReader());
  assert.deepEqual(s.seen.map((r) => r.socket), [1, 1], 'keep-alive: the second request used the first socket');
});

test('aborting before the request, while waiting for headers, and mid-body ends with an AbortError', async (t) => {
  let hangArrived!: () => void;
  const hangSeen = new Promise<void>((resolve) => (hangArrived = resolve));
  const s = await server(t, (req, res) => {
    if (req.url === '/hang') return hangArrived(); // never answers
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write('{"n":1}\n'); // and never ends
  });
  const fetch = createHttpFetch();
  const early = new AbortController();
  early.abort();
  await assert.rejects(fetch(`${s.url}/x`, { method: 'POST', body: '{}', signal: early.signal }), { name: 'AbortError' });
  assert.equal(s.seen.length, 0, 'an aborted signal sends nothing');

  const waiting = new AbortController();
  const pending = fetch(`${s.url}/hang`, { method: 'POST', body: '{}', signal: waiting.signal });
  await within(hangSeen, 'the server to receive /hang');
  waiting.abort();
  await assert.rejects(pending, { name: 'AbortError' });

  const midBody = new AbortController();
  const res = await fetch(`${s.url}/stream`, { method: 'POST', body: '{}', signal: midBody.signal });
  const reader = res.body!.getReader();
  await reader.read();
  midBody.abort();
  await assert.rejects(reader.read(), { name: 'AbortError' });
});

test('a refused connection rejects with ECONNREFUSED, which the adapters read as `refused`', async () => {
  const port = await freePort();
  await assert.rejects(createHttpFetch()(`http://127.0.0.1:${port}/api/chat`, { method: 'POST', body: '{}' }), { code: 'ECONNREFUSED' });
});

test('a connection dropped mid-body fails the reader instead of ending the stream quietly', async (t) => {
  const s = await server(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write('{"n":1}\n', () => res.socket?.destroy());
  });
  const res = await createHttpFetch()(`${s.url}/x`, { method: 'POST', body: '{}' });
  await assert.rejects(readAll(res.body!.getReader()), (err: Error & { code?: string }) => err.code === 'ECONNRESET' || /aborted|premature/i.test(err.message));
});


test('HTTPS: certificates are verified, and a trusted one (NODE_EXTRA_CA_CERTS) carries the request', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const srv = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"path":"${req.url}"}`));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    srv.closeAllConnections();
    srv.close();
  });
  const url = `https://127.0.0.1:${(srv.address() as AddressInfo).port}/v1/chat`;
  // This process does not trust the certificate: the request must fail, not go through unverified.
  await assert.rejects(createHttpFetch()(url, { method: 'POST', body: '{}' }), (err: Error & { code?: string }) => /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/.test(err.code ?? ''));
  // A process that trusts it (as a corporate CA is trusted) gets the answer over TLS.
  const script = `import { createHttpFetch } from ${JSON.stringify(join(import.meta.dirname, '../../../daemon/providers/http-fetch.ts'))};
const res = await createHttpFetch()(${JSON.stringify(url)}, { method: 'POST', body: '{}' });
process.stdout.write(JSON.stringify({ status: res.status, body: await res.json() }));`;
  // Asynchronously: the server answering it lives in this process.
  const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_EXTRA_CA_CERTS: cert }, timeout: 20_000 });
  assert.deepEqual(JSON.parse(child.stdout), { status: 200, body: { path: '/v1/chat' } });
});

test('a slow reader gets every byte in order (the socket pauses meanwhile); a released reader frees the connection', { timeout: 20_000 }, async (t) => {
  const lines = Array.from({ length: 2000 }, (_, i) => `{"n":${i},"pad":"${'x'.repeat(200)}"}\n`);
  const finished: Promise<void>[] = [];
  const s = await server(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    if (req.url === '/short') return void res.end('{"n":0}\n');
    finished.push(new Promise((resolve) => res.once('finish', () => resolve())));
    // Many writes, far more than a socket buffers: the client must push back rather than hold it all.
    for (const line of lines) res.write(line);
    res.end();
  });
  const agent = new http.Agent({ keepAlive: true });
  t.after(() => agent.destroy());
  const fetch = createHttpFetch({ agents: { 'http:': agent, 'https:': new https.Agent({ keepAlive: true }) } });
  const reader = (await fetch(`${s.url}/long`, { method: 'POST', body: '{}' })).body!.getReader();
  const parts: string[] = [];
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(decoder.decode(value, { stream: true }));
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(parts.join(''), lines.join(''));

  // A client that stops reading after the part it wanted and releases the reader (as ollama's parser does).
  const freed = new Promise((resolve) => agent.once('free', resolve));
  const early = (await fetch(`${s.url}/long`, { method: 'POST', body: '{}' })).body!.getReader();
  await early.read();
  early.releaseLock();
  // The server can finish only if the client drains what it no longer reads; then the socket is free again.
  await within(finished[1]!, 'the server to finish the released response');
  // The socket goes back to the pool once the client has drained the response: the agent says so.
  await within(freed, 'the drained socket to return to the pool');
  await fetch(`${s.url}/short`, { method: 'POST', body: '{}' }).then((r) => r.text());
  assert.deepEqual(s.seen.map((r) => r.socket), [1, 1, 1], 'the released response drained and its socket served the next request');
});
