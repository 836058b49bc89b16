// The shared simulator base: byte recording (also of refused and broken requests), the behaviour queue,
// reset, and a close() that ends hangs and slow streams and leaves nothing keeping the process alive.
import { after, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startOpenAISim } from '../../sim/index';
import { HANG_MS } from '../../helpers/bounded';

const sim = await startOpenAISim();
after(() => sim.close());
beforeEach(() => sim.reset());

const CANARY = 'AKIAQ3EGUSIMCANARY7X';

function post(body: string, headers: Record<string, string> = { authorization: 'Bearer sk-x' }): Promise<Response> {
  return fetch(`${sim.url}/v1/chat/completions`, { method: 'POST', headers, body });
}

function chat(content: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra });
}

function rawSend(bytes: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(sim.port, '127.0.0.1', () => socket.end(bytes));
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    socket.resume();
  });
}

test('receivedBytes holds the exact request head and body', async () => {
  const body = chat(`deploy with ${CANARY}`);
  const before = Date.now();
  await post(body, { authorization: 'Bearer sk-live-123', 'x-custom': 'One' });
  const after = Date.now();
  const wire = sim.receivedText();
  assert.ok(wire.startsWith('POST /v1/chat/completions HTTP/1.1\r\n'));
  assert.ok(wire.includes('\r\nauthorization: Bearer sk-live-123\r\n'));
  assert.ok(wire.includes('\r\nx-custom: One\r\n'));
  assert.ok(wire.endsWith(`\r\n\r\n${body}`));
  assert.equal(sim.receivedBytes().length, Buffer.byteLength(wire));
  assert.equal(sim.received[0]?.body.toString(), body);
  assert.equal(sim.received[0]?.complete, true);
  const time = sim.received[0]?.time ?? 0;
  assert.ok(before <= time && time <= after, 'stamped when it arrived');
});

test('failed, refused and non-HTTP requests are recorded too', async () => {
  sim.script({ kind: 'status', status: 500 });
  assert.equal((await post(chat(`first ${CANARY}`))).status, 500);
  assert.equal((await post(chat('no key'), {})).status, 401);
  assert.equal((await post('{broken')).status, 400);
  await rawSend(`GARBAGE ${CANARY} not http at all\r\n\r\n`);
  const wire = sim.receivedText();
  assert.equal(wire.split(CANARY).length - 1, 2, 'both canaries: the 500 request and the garbage');
  assert.ok(wire.includes('{broken'));
  assert.equal(sim.received.length, 3, 'the garbage never became an HTTP request');
});

test('behaviours are consumed in order, then the default applies; reset clears everything', async () => {
  sim.script({ kind: 'status', status: 429, retryAfterSeconds: 3 }, { kind: 'status', status: 503 });
  sim.setDefault({ kind: 'ok', text: 'default answer' });
  const first = await post(chat('a'));
  assert.equal(first.status, 429);
  assert.equal(first.headers.get('retry-after'), '3');
  assert.equal((await post(chat('b'))).status, 503);
  const third = (await (await post(chat('c'))).json()) as { choices: { message: { content: string } }[] };
  assert.equal(third.choices[0]?.message.content, 'default answer');
  assert.deepEqual(sim.received.map((r) => r.behaviour), ['status', 'status', 'ok']);

  sim.script({ kind: 'status', status: 500 });
  sim.reset();
  assert.equal(sim.received.length, 0);
  assert.equal(sim.receivedBytes().length, 0);
  const after = (await (await post(chat('hello world'))).json()) as { choices: { message: { content: string } }[] };
  assert.equal(after.choices[0]?.message.content, 'sim-openai: hello world', 'queue and default were cleared');
});

test('faults on non-streaming answers: truncated JSON, reset, error status', async () => {
  sim.script({ kind: 'malformed-chunk' }, { kind: 'reset-mid-stream' }, { kind: 'error-mid-stream', message: 'boom' });
  const truncated = await post(chat('whole answer please'));
  assert.equal(truncated.status, 200);
  const text = await truncated.text();
  assert.ok(text.startsWith('{"id":"chatcmpl-sim-'));
  assert.throws(() => JSON.parse(text), SyntaxError);
  const reset = await post(chat('whole answer please'));
  await assert.rejects(reset.text());
  const failed = await post(chat('whole answer please'));
  assert.equal(failed.status, 500);
  assert.equal(((await failed.json()) as { error: { message: string } }).error.message, 'boom');
});

test('chunk delay spaces the stream out', async () => {
  sim.script({ kind: 'ok', chunks: 3, chunkDelayMs: 60 });
  const started = Date.now();
  const text = await (await post(chat('timing', { stream: true }))).text();
  assert.ok(Date.now() - started >= 110, 'two gaps of 60 ms');
  assert.ok(text.endsWith('data: [DONE]\n\n'));
});

test('close() ends hangs and slow streams, and the process exits with no handles left', async () => {
  const index = fileURLToPath(new URL('../../sim/index.ts', import.meta.url));
  const script = `
    import { startOpenAISim, startAnthropicSim, startOllamaSim } from ${JSON.stringify(index)};
    const sims = [await startOpenAISim(), await startAnthropicSim(), await startOllamaSim()];
    const [openai] = sims;
    openai.script({ kind: 'hang' }, { kind: 'ok', chunks: 5, chunkDelayMs: 10000 });
    const body = JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] });
    const send = () => fetch(openai.url + '/v1/chat/completions', { method: 'POST', headers: { authorization: 'Bearer k' }, body });
    const hung = send().then(() => 'answered', (e) => 'failed: ' + e.message);
    const slow = send().then((r) => r.text()).then(() => 'completed', (e) => 'failed: ' + e.message);
    await openai.whenReceived(2);
    await Promise.all(sims.map((s) => s.close()));
    console.log(JSON.stringify({ hung: await hung, slow: await slow, handles: process.getActiveResourcesInfo() }));
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  // A handle left open would keep the child alive: kill it rather than hang the suite (a hang guard, not a speed check).
  const killer = setTimeout(() => child.kill(), HANG_MS);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearTimeout(killer);
  assert.equal(code, 0, 'the child exited on its own');
  const report = JSON.parse(out) as { hung: string; slow: string; handles: string[] };
  assert.match(report.hung, /^failed/);
  assert.match(report.slow, /^failed/);
  // stdout/stderr pipes to this parent are the only resources allowed to remain.
  // No timer or socket left: close() ended the 10 s chunk delay and the hang rather than waiting them out.
  assert.deepEqual(report.handles.filter((h) => h !== 'PipeWrap'), []);
});

test('listens on 127.0.0.1 only and on the port asked for', async () => {
  const probe = await startOpenAISim();
  const port = probe.port;
  await probe.close();
  const fixed = await startOpenAISim({ port });
  try {
    assert.equal(fixed.port, port);
    assert.equal(fixed.url, `http://127.0.0.1:${port}`);
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '::1', () => resolve('connected'));
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    assert.notEqual(refused, 'connected');
  } finally {
    await fixed.close();
  }
});
