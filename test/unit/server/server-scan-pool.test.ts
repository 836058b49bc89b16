// Every entry point that plans a prompt scans it in the daemon's scan pool (off the event loop, under a deadline),
// never in the daemon's own thread: chat/send, hook/decide and each HTTP surface. A surface that scanned in-thread
// let one huge prompt stall every other client of the daemon, and spent the event loop's time on every request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestFacts } from '../../../protocol';
import { scan, type ScanOptions } from '../../../daemon/detect';
import type { ScanPool } from '../../../daemon/route/scan-pool';
import { endpointKeyFile } from '../../../daemon/server/surfaces/keys';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

/** The detectors, behind a pool that notes every text it was given. */
function recordingPool(): ScanPool & { texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    size: 1,
    scan: (text: string, facts: RequestFacts, options?: ScanOptions) => {
      texts.push(text);
      return scan(text, facts, options);
    },
    close: async () => undefined,
  };
}

test('chat/send, hook/decide and the OpenAI, Anthropic and Ollama surfaces all scan in the scan pool', async (t) => {
  const sims = await startSims(t);
  const pool = recordingPool();
  const daemon = await startTestDaemon(t, { config: simConfig(sims), env: SIM_KEYS, scanPool: pool });
  const key = endpointKeyFile(daemon.home).create('test-tool', new Date('2026-01-01T00:00:00Z'));
  const base = `http://127.0.0.1:${daemon.port}`;
  const client = await daemon.client();
  const scanned = (marker: string) => pool.texts.some((text) => text.includes(marker));

  await client.request('chat/send', { requestId: 'r1', text: 'What is DNS? marker-chat', facts: { source: 'api', interactive: true } });
  await client.request('hook/decide', { input: { event: 'UserPromptSubmit', prompt: 'What is DNS? marker-hook' }, options: { agent: 'hosted', onPrompt: 'warn', rewrite: false } });
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
    await res.text();
  };
  await post('/v1/chat/completions', { model: 'airlock/auto', messages: [{ role: 'user', content: 'What is DNS? marker-openai' }] });
  await post('/v1/messages', { model: 'airlock/auto', max_tokens: 64, messages: [{ role: 'user', content: 'What is DNS? marker-anthropic' }] });
  await post('/api/chat', { model: 'airlock/auto', stream: false, messages: [{ role: 'user', content: 'What is DNS? marker-ollama' }] });
  await post('/v1/embeddings', { model: 'airlock/auto', input: ['What is DNS? marker-embed'] });

  for (const marker of ['marker-chat', 'marker-hook', 'marker-openai', 'marker-anthropic', 'marker-ollama', 'marker-embed']) {
    assert.ok(scanned(marker), `${marker}: scanned in the pool`);
  }
  const { records } = await client.request('decision/list', {});
  assert.equal(records.length, 6, 'each request still has its record');
});

test('the re-scan of a redacted prompt runs in the scan pool too, not on the event loop', async (t) => {
  const sims = await startSims(t);
  const pool = recordingPool();
  const daemon = await startTestDaemon(t, { config: simConfig(sims, 'strict'), env: SIM_KEYS, scanPool: pool });
  const client = await daemon.client();
  const { record } = await client.request('chat/send', { requestId: 'r1', text: 'Reply to anna.berg@example.com about the refund.', facts: { source: 'api', interactive: true } });
  assert.equal(record.route.target, 'private');
  assert.ok(record.redactions.length > 0, 'strict redacted the e-mail');
  // The text strict sends, with its placeholder and without the address, went through the pool before it left.
  assert.ok(pool.texts.some((text) => /\[EMAIL_1\]/.test(text) && !text.includes('anna.berg@')), `re-scanned in the pool: ${JSON.stringify(pool.texts)}`);
});
