// Hosted providers through an HTTP(S) proxy from the environment; this machine and local providers never. A real
// forward proxy on 127.0.0.1 (CONNECT for HTTPS, absolute URLs for HTTP) records every host it was asked for and
// sends it to a server on 127.0.0.1 whatever the name, so "api.hosted.test" needs no DNS.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, type TestContext } from 'node:test';
import { createHttpFetch } from '../../../daemon/providers/http-fetch';
import { createOllamaAdapter } from '../../../daemon/providers/ollama';
import { bypassed, proxyFor } from '../../../daemon/providers/proxy';

async function listen<S extends net.Server>(t: TestContext, srv: S): Promise<number> {
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    if (srv instanceof http.Server) srv.closeAllConnections();
    return new Promise<void>((resolve) => srv.close(() => resolve()));
  });
  return (srv.address() as AddressInfo).port;
}

/** A forward proxy: records "CONNECT host:port" and "GET http://host:port/path", connects everything to 127.0.0.1. */
async function startProxy(t: TestContext): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = [];
  const sockets = new Set<net.Socket>();
  const srv = http.createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    const target = new URL(req.url!);
    const up = http.request({ host: '127.0.0.1', port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  srv.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    asked.push(`CONNECT ${req.url}`);
    const port = Number(req.url!.split(':').pop());
    const up = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    for (const s of [up, client]) {
      sockets.add(s);
      s.on('error', () => undefined);
    }
    up.on('error', () => client.destroy());
  });
  t.after(() => sockets.forEach((s) => s.destroy()));
  const port = await listen(t, srv);
  return { url: `http://127.0.0.1:${port}`, asked };
}

async function startUpstream(t: TestContext): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  const srv = http.createServer((req, res) => {
    seen.push(`${req.headers.host} ${req.url}`);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  return { port: await listen(t, srv), seen };
}

test('proxyFor: HTTPS_PROXY for https, HTTP_PROXY for http, NO_PROXY forms, loopback never', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', http_proxy: 'proxy.corp:8080', NO_PROXY: 'internal.corp, .lan,*.svc , 10.0.0.5:8443' };
  assert.equal(proxyFor(new URL('https://api.openai.com/v1'), env)?.href, 'http://proxy.corp:3128/');
  assert.equal(proxyFor(new URL('http://api.example.com/'), env)?.href, 'http://proxy.corp:8080/');
  for (const direct of ['https://internal.corp/x', 'https://a.internal.corp/x', 'https://gpu.lan/v1', 'https://x.svc/', 'https://10.0.0.5:8443/', 'http://127.0.0.1:11434/', 'http://localhost:1234/', 'http://[::1]:8000/']) {
    assert.equal(proxyFor(new URL(direct), env), null, direct);
  }
  assert.ok(proxyFor(new URL('https://10.0.0.5/'), env), 'a NO_PROXY port only bypasses that port');
  assert.ok(proxyFor(new URL('https://notinternal.corp/'), env), 'a suffix matches whole labels only');
  assert.equal(proxyFor(new URL('https://api.openai.com/'), {}), null, 'no variable, no proxy');
  assert.ok(bypassed(new URL('https://anything.example/'), '*'));
});

test('plain HTTP to a hosted host goes through the proxy (absolute URL); loopback and NO_PROXY go direct', async (t) => {
  const proxy = await startProxy(t);
  const upstream = await startUpstream(t);
  const fetch = createHttpFetch({ proxyEnv: { HTTP_PROXY: proxy.url, NO_PROXY: 'skip.test' } });
  const res = await fetch(`http://api.hosted.test:${upstream.port}/v1/chat?x=1`, { method: 'POST', body: '{}' });
  assert.deepEqual(await res.json(), { ok: true });
  assert.deepEqual(proxy.asked, [`POST http://api.hosted.test:${upstream.port}/v1/chat?x=1`]);
  assert.deepEqual(upstream.seen, [`api.hosted.test:${upstream.port} /v1/chat?x=1`]);

  await (await fetch(`http://127.0.0.1:${upstream.port}/direct`, { method: 'POST', body: '{}' })).text();
  assert.equal(proxy.asked.length, 1, 'a loopback URL never goes through the proxy');
  // NO_PROXY: straight to DNS, which has no such name; the proxy is never asked.
  await assert.rejects(fetch(`http://api.skip.test:${upstream.port}/x`), (err: NodeJS.ErrnoException) => /ENOTFOUND|EAI_AGAIN/.test(err.code ?? ''));
  assert.equal(proxy.asked.length, 1);
});

test('the Ollama adapter (a local provider) never uses a proxy, whatever the environment says', async (t) => {
  const proxy = await startProxy(t);
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY };
  process.env.HTTP_PROXY = proxy.url;
  process.env.HTTPS_PROXY = proxy.url;
  t.after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  // A host that is not loopback by name: through the proxy it would answer; direct, DNS has no such name.
  const adapter = createOllamaAdapter({ name: 'ollama', kind: 'ollama', baseUrl: 'http://ollama.lan.test:11434' });
  await assert.rejects(adapter.stream({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hi' }], signal: new AbortController().signal }, () => undefined));
  assert.deepEqual(proxy.asked, []);
  // The same environment does send a hosted provider's transport through the proxy.
  const upstream = await startUpstream(t);
  await (await createHttpFetch()(`http://api.hosted.test:${upstream.port}/v1`, { method: 'POST', body: '{}' })).text();
  assert.deepEqual(proxy.asked, [`POST http://api.hosted.test:${upstream.port}/v1`]);
});

test('HTTPS through a CONNECT tunnel: the proxy sees only host:port, TLS is verified end to end (test CA)', { timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-proxy-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=api.hosted.test', '-addext', 'subjectAltName=DNS:api.hosted.test', '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const seen: string[] = [];
  const srv = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    seen.push(`${req.headers.host} ${req.url} ${req.headers.authorization}`);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"path":"${req.url}"}`));
  });
  const port = await listen(t, srv);
  const proxy = await startProxy(t);
  const url = `https://api.hosted.test:${port}/v1/chat/completions`;
  const script = `import { createHttpFetch } from ${JSON.stringify(join(import.meta.dirname, '../../../daemon/providers/http-fetch.ts'))};
const fetch = createHttpFetch();
const out = [];
for (let i = 0; i < 2; i++) {
  const res = await fetch(${JSON.stringify(url)}, { method: 'POST', headers: { authorization: 'Bearer sk-test' }, body: '{}' });
  out.push({ status: res.status, body: await res.json() });
}
process.stdout.write(JSON.stringify(out));
process.exit(0);`;
  const run = (env: NodeJS.ProcessEnv) => promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, HTTP_PROXY: '', NO_PROXY: '', ...env }, timeout: 30_000 });
  const child = await run({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: cert });
  assert.deepEqual(JSON.parse(child.stdout), [{ status: 200, body: { path: '/v1/chat/completions' } }, { status: 200, body: { path: '/v1/chat/completions' } }]);
  assert.deepEqual(proxy.asked, [`CONNECT api.hosted.test:${port}`], 'one tunnel, kept alive for the second request; the proxy never sees the path or the key');
  assert.deepEqual(seen, [`api.hosted.test:${port} /v1/chat/completions Bearer sk-test`, `api.hosted.test:${port} /v1/chat/completions Bearer sk-test`]);
  // Without the CA the tunnel's TLS must fail, not fall back to unverified.
  await assert.rejects(run({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: '' }), /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
});
