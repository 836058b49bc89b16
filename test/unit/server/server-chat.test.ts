// chat/send end to end against the provider simulators: the route is announced before any answer text, the answer
// streams as chat/chunk notifications, the final record is appended and pushed; cancel and provider failure too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AirlockError, type DecisionRecord } from '../../../protocol';
import { rawSocket, startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true };

test('a public question goes hosted: started, chunks, final record appended and pushed', async (t) => {
  const sims = await startSims(t);
  // Several chunks: the output filter releases text word by word, holding back only an unfinished token.
  const answer = 'TCP is connection-oriented and reliable.\nIt orders bytes and resends lost ones.\nUDP sends independent datagrams with no delivery guarantee.\nThat suits games, voice and DNS, where late data is useless anyway.\n';
  sims.openai.setDefault({ kind: 'ok', text: answer, chunks: 8, chunkDelayMs: 20 });
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const events: string[] = [];
  const chunks: string[] = [];
  let started: DecisionRecord | undefined;
  const appended: DecisionRecord[] = [];
  client.onNotification('chat/started', (n) => {
    events.push('started');
    started = n.record;
  });
  client.onNotification('chat/chunk', (n) => {
    events.push('chunk');
    chunks.push(n.delta);
  });
  client.onNotification('decision/appended', (n) => appended.push(n.record));
  await client.request('decision/subscribe', {});
  const { record, text } = await client.request('chat/send', { requestId: 'q1', text: 'What is the difference between TCP and UDP?', facts });
  assert.equal(record.status, 'ok');
  assert.equal(record.route.target, 'hosted');
  assert.equal(started?.id, record.id);
  assert.equal(started?.status, 'planned');
  assert.ok(typeof record.scanMs === 'number' && record.scanMs > 0 && record.scanMs < 10_000, `the detectors' time is recorded: ${record.scanMs}`);
  assert.equal(started?.prompt.text, undefined, 'the announcement leaves the stored prompt out');
  assert.equal(record.prompt.text, 'What is the difference between TCP and UDP?');
  assert.ok(chunks.length >= 2, `streamed in pieces: ${chunks.length}`);
  assert.equal(chunks.join(''), text);
  assert.equal(text, answer);
  assert.deepEqual(events.slice(0, 2), ['started', 'chunk']);
  assert.equal(record.attempts.length, 1);
  assert.equal(record.attempts[0]?.outcome, 'ok');
  assert.deepEqual(appended.map((r) => r.id), [record.id]);
  const stored = await client.request('decision/get', { id: record.id });
  assert.deepEqual(stored.record, record);
  assert.equal(sims.local.received.length, 0);
  assert.equal((await client.request('audit/verify', {})).ok, true);
});

test('code stays local: the Ollama simulator answers and no hosted simulator hears a byte', async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const code = 'Why does this throw?\n```ts\nexport function total(items: Item[]): number {\n  return items.reduce((sum, i) => sum + i.price * i.qty, 0);\n}\n```';
  const { record } = await client.request('chat/send', { requestId: 'c1', text: code, facts });
  assert.equal(record.route.target, 'local');
  assert.equal(record.route.provider, 'ollama');
  assert.ok(sims.local.receivedText().includes('items.reduce'));
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
});

test('every allowed provider failing: AIRLOCK_E_PROVIDER with the record id and each attempt', async (t) => {
  const sims = await startSims(t);
  for (const sim of sims.all) sim.setDefault({ kind: 'status', status: 503 });
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const err = await client.request('chat/send', { requestId: 'f1', text: 'Explain eventual consistency briefly.', facts }).catch((e: unknown) => e as AirlockError);
  assert.ok(err instanceof AirlockError);
  assert.equal(err.code, 'AIRLOCK_E_PROVIDER');
  const { record } = await client.request('decision/get', { id: err.details?.recordId as string });
  assert.equal(record.status, 'error');
  assert.deepEqual(record.attempts.map((a) => a.provider), ['openai', 'anthropic', 'private-eu', 'ollama'], 'hosted first, then the more private fallbacks');
  assert.ok(record.attempts.every((a) => a.outcome === 'error'));
  // The connection is fine afterwards.
  assert.equal((await client.request('health/get', {})).records, 1);
});


test('the route is announced before the response, also when no request leaves (every circuit open)', async (t) => {
  const sims = await startSims(t);
  for (const sim of sims.all) sim.setDefault({ kind: 'status', status: 503 });
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  // A raw socket sees frames in the order the daemon wrote them.
  const raw = await rawSocket(d);
  const frames: { id?: number; method?: string; params?: { requestId?: string }; error?: { data?: { details?: { record?: DecisionRecord } } } }[] = [];
  raw.ws.on('message', (data) => frames.push(JSON.parse(String(data))));
  const send = async (n: number): Promise<DecisionRecord> => {
    const response = new Promise<void>((resolve) => raw.ws.on('message', () => frames.some((f) => f.id === n) && resolve()));
    raw.ws.send(JSON.stringify({ jsonrpc: '2.0', id: n, method: 'chat/send', params: { requestId: `f${n}`, text: 'Explain eventual consistency briefly.', facts } }));
    await response;
    const started = frames.findIndex((f) => f.method === 'chat/started' && f.params?.requestId === `f${n}`);
    const answered = frames.findIndex((f) => f.id === n);
    assert.ok(started >= 0 && started < answered, `chat/started for f${n} came before its response (frames ${started}, ${answered})`);
    return frames[answered]!.error!.data!.details!.record!;
  };
  // Three failures open every provider's circuit; the fourth request fails without any I/O.
  for (const n of [1, 2, 3]) await send(n);
  const received = sims.all.reduce((n, s) => n + s.received.length, 0);
  const last = await send(4);
  assert.ok(last.attempts.length > 0 && last.attempts.every((a) => a.outcome === 'circuit-open'));
  assert.equal(sims.all.reduce((n, s) => n + s.received.length, 0), received, 'nothing was sent for f4');
});

test('chat/cancel stops a running request; the record is kept as cancelled', async (t) => {
  const sims = await startSims(t);
  const long = Array.from({ length: 60 }, (_, i) => `Line ${i} of the poem rolls in like the tide.\n`).join('');
  for (const sim of sims.all) sim.setDefault({ kind: 'ok', text: long, chunks: 60, chunkDelayMs: 100 });
  const d = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS });
  const client = await d.client();
  const firstChunk = new Promise<void>((resolve) => client.onNotification('chat/chunk', () => resolve()));
  const sent = client.request('chat/send', { requestId: 'slow', text: 'Write a long poem about the sea.', facts }).catch((e: unknown) => e as AirlockError);
  await firstChunk;
  assert.deepEqual(await client.request('chat/cancel', { requestId: 'slow' }), { cancelled: true });
  const err = await sent;
  assert.ok(err instanceof AirlockError);
  assert.equal(err.code, 'AIRLOCK_E_CANCELLED');
  assert.equal((await client.request('decision/get', { id: err.details?.recordId as string })).record.status, 'cancelled');
  assert.deepEqual(await client.request('chat/cancel', { requestId: 'slow' }), { cancelled: false });
});
