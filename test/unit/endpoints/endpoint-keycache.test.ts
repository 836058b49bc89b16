// The keychain is read once, not per hosted request (an IPC round trip each time), and a changed key is still used:
// at once after keys/set, after a refused key (another process may have changed it), and once the cache is old.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';
import { createKeyStore, type KeytarLike } from '../../../daemon/providers/keys';
import { startOpenAISim } from '../../sim';
import { startTestDaemon } from '../../helpers/daemon';
import { endpointKeyFile } from '../../../daemon/server/surfaces/keys';

/** An in-memory keychain that counts reads. */
function fakeKeytar(): KeytarLike & { reads: number; items: Map<string, string> } {
  const items = new Map<string, string>();
  const k = {
    reads: 0,
    items,
    getPassword: (_s: string, account: string) => {
      k.reads += 1;
      return Promise.resolve(items.get(account) ?? null);
    },
    setPassword: (_s: string, account: string, password: string) => Promise.resolve(void items.set(account, password)),
    deletePassword: (_s: string, account: string) => Promise.resolve(items.delete(account)),
    findCredentials: () => Promise.resolve([...items].map(([account, password]) => ({ account, password }))),
  };
  return k;
}

test('get() reads the keychain once per cacheMs; set, delete and forget drop the entry; a read across a change is not cached', async () => {
  const keytar = fakeKeytar();
  let now = 1_000;
  const store = createKeyStore({ env: {}, loadKeytar: () => keytar, cacheMs: 60_000, clock: () => now });
  await store.set('openai', 'sk-old');
  assert.equal((await store.get('openai'))?.key, 'sk-old');
  assert.equal((await store.get('openai'))?.key, 'sk-old');
  assert.equal(keytar.reads, 1, 'the second get is served from the cache');
  await store.set('openai', 'sk-new');
  assert.equal((await store.get('openai'))?.key, 'sk-new', 'keys/set is seen at once');
  keytar.items.set('openai', 'sk-cli');
  assert.equal((await store.get('openai'))?.key, 'sk-new', 'another process\'s change waits for the cache…');
  store.forget('openai');
  assert.equal((await store.get('openai'))?.key, 'sk-cli', '…or for forget()');
  keytar.items.set('openai', 'sk-later');
  now += 60_000;
  assert.equal((await store.get('openai'))?.key, 'sk-later', 'an old entry is read again');
  await store.delete('openai');
  assert.equal(await store.get('openai'), null);
  // A change while a read is in flight: the old answer must not stay in the cache.
  keytar.items.set('openai', 'sk-a');
  const reading = store.get('openai');
  await store.set('openai', 'sk-b');
  await reading;
  assert.equal((await store.get('openai'))?.key, 'sk-b');
  const uncached = createKeyStore({ env: {}, loadKeytar: () => keytar });
  const before = keytar.reads;
  await uncached.get('openai');
  await uncached.get('openai');
  assert.equal(keytar.reads - before, 2, 'cacheMs defaults to 0: every get reads');
});

test('daemon: hosted requests read the keychain once; a key changed by another process is used after the old one is refused', async (t) => {
  const hosted = await startOpenAISim({ apiKey: 'sk-new' });
  t.after(() => hosted.close());
  const keytar = fakeKeytar();
  keytar.items.set('openai', 'sk-old');
  const config = `policy: balanced
retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 20 }
providers:
  - { name: openai, kind: openai, baseUrl: "${hosted.url}/v1" }
models:
  - { id: openai/gpt-4o-mini, provider: openai, model: gpt-4o-mini, class: hosted, capabilities: [tools], contextWindow: 128000, price: { inputPerMTok: 0.15, outputPerMTok: 0.6 }, latencyMs: 400, tier: 4, terms: { region: us, retentionDays: 30, noTraining: true } }
`;
  const daemon = await startTestDaemon(t, { config, keys: createKeyStore({ env: {}, loadKeytar: () => keytar, cacheMs: 60_000 }) });
  const key = endpointKeyFile(daemon.home).create('cache-test', new Date('2026-01-01T00:00:00Z'));
  const sdk = new OpenAI({ baseURL: `http://127.0.0.1:${daemon.port}/v1`, apiKey: key, maxRetries: 0 });
  const ask = () => sdk.chat.completions.create({ model: 'airlock/auto', messages: [{ role: 'user', content: 'What is the difference between TCP and UDP?' }] });
  const refused = await ask().catch((e: unknown) => e);
  assert.ok(refused instanceof OpenAI.APIError && refused.code === 'AIRLOCK_E_PROVIDER_AUTH', String(refused));
  // `airlock keys set openai` in another process writes the keychain, not the daemon.
  keytar.items.set('openai', 'sk-new');
  const reads = keytar.reads;
  for (let i = 0; i < 3; i++) assert.ok((await ask()).choices[0]?.message.content);
  assert.equal(keytar.reads - reads, 1, 'the refused key was forgotten, the new one read once and then cached');
  assert.equal(hosted.received.filter((r) => r.headers.authorization === 'Bearer sk-new').length, 3);
});

test('a failing keychain with the key in the environment is not asked again per request; without one, the error is', async () => {
  let calls = 0;
  const failing: KeytarLike = {
    getPassword: () => { calls += 1; return Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')); },
    setPassword: () => Promise.resolve(),
    deletePassword: () => Promise.resolve(false),
    findCredentials: () => Promise.resolve([]),
  };
  const store = createKeyStore({ env: { MY_KEY: 'sk-env' }, loadKeytar: () => failing, cacheMs: 60_000 });
  for (let i = 0; i < 3; i++) assert.equal((await store.get('openai', { envVar: 'MY_KEY' }))?.key, 'sk-env');
  assert.equal(calls, 1);
  await assert.rejects(store.get('anthropic'), (e: Error & { code?: string }) => e.code === 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE');
  await assert.rejects(store.get('anthropic'));
  assert.equal(calls, 3, 'no key anywhere: every request hears why');
});
