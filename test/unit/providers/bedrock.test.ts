// The Bedrock adapter, through the official SDK, against the Bedrock simulator: ConverseStream's event-stream framing,
// SigV4 from the environment and from a profile file in a temporary HOME, Bedrock API keys, the region in the
// signature, error mapping, stream faults, guardrails, tool calls and cancellation.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { after, before, beforeEach, test } from 'node:test';
import type { ProviderConfig } from '../../../protocol';
import type { KeyLookup, ProviderAdapter, StreamRequest } from '../../../daemon/providers';
import { converseMessages } from '../../../daemon/providers/bedrock';
import { createAdapter } from '../../../daemon/providers';
import { eventFrame, GUARDRAIL_MESSAGE, start, type BedrockSimHandle } from '../../sim/bedrock';
import { within } from '../../helpers/bounded';
import { failure } from '../../helpers/providers';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PROFILE_KEY_ID = 'AKIAPROFILEDEV000001';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const AWS_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];

let sim: BedrockSimHandle;
let home: string;
const savedHome = process.env.HOME;

before(async () => {
  sim = await start({ region: 'us-east-1' });
  // A HOME of our own: the profile test writes ~/.aws there, and no developer's real credentials are ever read.
  home = mkdtempSync(path.join(tmpdir(), 'airlock-bedrock-'));
  process.env.HOME = home;
  // The chain's last resort asks the EC2 metadata service; there is none here.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  await import('@aws-sdk/client-bedrock-runtime');
});
after(async () => {
  await sim.close();
  process.env.HOME = savedHome;
  rmSync(home, { recursive: true, force: true });
});
beforeEach(() => {
  sim.reset();
  for (const name of AWS_VARS) delete process.env[name];
  process.env.AWS_ACCESS_KEY_ID = KEY_ID;
  process.env.AWS_SECRET_ACCESS_KEY = SECRET;
});

const noKey: KeyLookup = async () => null;

function adapter(overrides: Partial<ProviderConfig> = {}, keys: KeyLookup = noKey): ProviderAdapter {
  return createAdapter({ name: 'bedrock-us', kind: 'bedrock', baseUrl: sim.url, region: 'us-east-1', ...overrides }, keys);
}

function request(content = 'Name three prime numbers please', signal = new AbortController().signal): StreamRequest {
  return { model: MODEL, messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content }], signal };
}

async function collect(a: ProviderAdapter, req: StreamRequest): Promise<{ text: string; pieces: string[]; usage: unknown; finishReason: string | null }> {
  const pieces: string[] = [];
  const result = await a.stream(req, (d) => pieces.push(d));
  return { text: pieces.join(''), pieces, usage: result.usage, finishReason: result.finishReason };
}


function lastBody(): Record<string, unknown> {
  const last = sim.received.at(-1);
  assert.ok(last);
  return JSON.parse(last.body.toString('utf8')) as Record<string, unknown>;
}

test('ConverseStream: text in pieces, usage from metadata, system blocks, SigV4 scoped to the region and bedrock', async () => {
  process.env.AWS_SESSION_TOKEN = 'session-token-for-the-sim';
  const out = await collect(adapter(), { ...request(), maxTokens: 64 });
  assert.equal(out.text, 'sim-bedrock: Name three prime numbers please');
  assert.ok(out.pieces.length >= 2, 'streamed in pieces');
  // The sim counts words: "Answer briefly." + the prompt = 7 in; 6 out.
  assert.deepEqual(out.usage, { input: 7, output: 6 });
  assert.equal(out.finishReason, 'end_turn');
  const got = sim.received[0]!;
  assert.equal(got.method, 'POST');
  assert.equal(got.path, `/model/${encodeURIComponent(MODEL)}/converse-stream`);
  assert.match(got.headers.authorization ?? '', new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEY_ID}/\\d{8}/us-east-1/bedrock/aws4_request, SignedHeaders=[^,]*x-amz-security-token[^,]*, Signature=[0-9a-f]{64}$`));
  assert.equal(got.headers['x-amz-security-token'], 'session-token-for-the-sim');
  assert.deepEqual(lastBody(), { messages: [{ role: 'user', content: [{ text: 'Name three prime numbers please' }] }], system: [{ text: 'Answer briefly.' }], inferenceConfig: { maxTokens: 64 } });
  // The secret key signs; it is never sent.
  assert.ok(!sim.receivedText().includes(SECRET));
});

test('a profile from the shared config files in HOME: its keys sign, describeCredentials names the profile', async (t) => {
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) delete process.env[name];
  // A HOME no earlier test used: the SDK caches each config file it read (or found missing) by path.
  const profileHome = path.join(home, 'profile-home');
  mkdirSync(path.join(profileHome, '.aws'), { recursive: true });
  writeFileSync(path.join(profileHome, '.aws', 'credentials'), `[dev]\naws_access_key_id = ${PROFILE_KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
  writeFileSync(path.join(profileHome, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n');
  process.env.HOME = profileHome;
  t.after(() => { process.env.HOME = home; });
  const a = adapter({ profile: 'dev' });
  assert.deepEqual(await a.describeCredentials?.(), { found: true, source: 'shared credentials profile dev' });
  await collect(a, request());
  assert.match(sim.received[0]?.headers.authorization ?? '', new RegExp(`Credential=${PROFILE_KEY_ID}/\\d{8}/us-east-1/bedrock/`), 'the configured region, not the profile\'s, signs');
});

test('credentials from the environment are reported as such; none at all is `auth` naming every way in, nothing sent', async () => {
  assert.deepEqual(await adapter().describeCredentials?.(), { found: true, source: 'environment (AWS_ACCESS_KEY_ID)' });
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) delete process.env[name];
  const report = await adapter({ profile: 'dev' }).describeCredentials?.();
  assert.equal(report?.found, false);
  assert.match(report?.fix ?? '', /aws sso login --profile dev/);
  const err = await failure(adapter({ profile: 'dev' }).stream(request(), () => {}));
  assert.equal(err.failure, 'auth');
  assert.match(err.message, /no AWS credentials found.*AWS_ACCESS_KEY_ID.*airlock keys set bedrock-us.*AWS_BEARER_TOKEN_BEDROCK/);
  assert.equal(sim.received.length, 0);
});

test('a Bedrock API key goes as a bearer token instead of a signature: the keychain\'s first, then AWS_BEARER_TOKEN_BEDROCK', async () => {
  process.env.AWS_BEARER_TOKEN_BEDROCK = 'bedrock-api-key-from-env';
  await collect(adapter(), request());
  assert.equal(sim.received[0]?.headers.authorization, 'Bearer bedrock-api-key-from-env');
  await collect(adapter({}, async () => 'bedrock-api-key-from-keychain'), request());
  assert.equal(sim.received[1]?.headers.authorization, 'Bearer bedrock-api-key-from-keychain');
  assert.deepEqual(await adapter().describeCredentials?.(), { found: true, source: 'Bedrock API key from AWS_BEARER_TOKEN_BEDROCK' });
});

test('a signature scoped to another region is refused (InvalidSignatureException → auth)', async () => {
  const err = await failure(adapter({ region: 'eu-central-1' }).stream(request(), () => {}));
  assert.equal(err.failure, 'auth');
  assert.equal(err.status, 403);
  assert.match(err.message, /InvalidSignatureException: Credential should be scoped to a valid region/);
  assert.match(sim.received[0]?.headers.authorization ?? '', /\/eu-central-1\/bedrock\/aws4_request/);
});

test('errors map to failure kinds: throttling with its retry hint, access denied, unknown model, unavailable, wrong keys', async () => {
  sim.script({ kind: 'status', status: 429, retryAfterSeconds: 3 }, { kind: 'status', status: 403 }, { kind: 'status', status: 503 }, { kind: 'status', status: 408 });
  const throttled = await failure(adapter().stream(request(), () => {}));
  assert.deepEqual([throttled.failure, throttled.status, throttled.retryAfterMs], ['rate-limited', 429, 3000]);
  assert.match(throttled.message, /ThrottlingException/);
  const denied = await failure(adapter().stream(request(), () => {}));
  assert.deepEqual([denied.failure, denied.status], ['auth', 403]);
  assert.match(denied.message, /AccessDeniedException.*Model access in the Bedrock console for us-east-1/);
  const unavailable = await failure(adapter().stream(request(), () => {}));
  assert.deepEqual([unavailable.failure, unavailable.status], ['server', 503]);
  const slow = await failure(adapter().stream(request(), () => {}));
  assert.deepEqual([slow.failure, slow.status], ['timeout', 408]);
  const unknown = await failure(adapter().stream({ ...request(), model: 'anthropic.claude-nonexistent-v9:0' }, () => {}));
  assert.deepEqual([unknown.failure, unknown.status], ['not-found', 400]);
  assert.match(unknown.message, /not offered in us-east-1/);

  const strict = await start({ region: 'us-east-1', accessKeyId: 'AKIAOTHERKEY00000000' });
  try {
    const wrong = await failure(adapter({ baseUrl: strict.url }).stream(request(), () => {}));
    assert.deepEqual([wrong.failure, wrong.status], ['auth', 403]);
    assert.match(wrong.message, /UnrecognizedClientException.*opt-in region/);
  } finally {
    await strict.close();
  }
});

test('stream faults: a cut mid-answer is `reset` after the delivered piece, a bad CRC `malformed`, an exception event `server`', async () => {
  sim.script({ kind: 'reset-mid-stream', afterChunks: 1 }, { kind: 'malformed-chunk', afterChunks: 1 }, { kind: 'error-mid-stream', afterChunks: 1 });
  const seen: string[] = [];
  const reset = await failure(adapter().stream(request(), (d) => seen.push(d)));
  assert.equal(reset.failure, 'reset');
  assert.equal(seen.length, 1, 'the piece before the cut was delivered');
  assert.equal((await failure(adapter().stream(request(), () => {}))).failure, 'malformed');
  const event = await failure(adapter().stream(request(), () => {}));
  assert.equal(event.failure, 'server');
  assert.match(event.message, /ModelStreamErrorException/);
});

test('a guardrail intervention: its message streams as the text, then the answer fails as "content filtered"', async () => {
  sim.guardrail();
  const seen: string[] = [];
  const err = await failure(adapter().stream(request(), (d) => seen.push(d)));
  assert.equal(seen.join(''), GUARDRAIL_MESSAGE);
  assert.equal(err.failure, 'bad-request');
  assert.match(err.message, /content filtered: the answer was stopped \(stopReason guardrail_intervened\)/);
});

test('tool calls: toolConfig and toolChoice go out in Converse terms, toolUse blocks stream back as tool-call deltas', async () => {
  sim.script({ kind: 'tool-calls', text: 'Checking.', calls: [{ id: 'tooluse_1', name: 'get_weather', pieces: ['{"city":', '"Paris"}'] }] });
  const calls: unknown[] = [];
  const tools = { tools: [{ name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } } }], toolChoice: 'required' as const };
  const out = await collect(adapter(), { ...request(), tools, onToolCall: (d) => calls.push(d) });
  assert.equal(out.text, 'Checking.');
  assert.equal(out.finishReason, 'tool_use');
  assert.deepEqual(calls, [{ index: 1, id: 'tooluse_1', name: 'get_weather' }, { index: 1, arguments: '{"city":' }, { index: 1, arguments: '"Paris"}' }]);
  assert.deepEqual(lastBody().toolConfig, { tools: [{ toolSpec: { name: 'get_weather', description: 'Weather now', inputSchema: { json: tools.tools[0]!.parameters } } }], toolChoice: { any: {} } });
});

test('turns of one role are merged so Converse sees a user turn first and roles alternating; blank turns are dropped', async () => {
  const messages = [{ role: 'system', content: 'S' }, { role: 'user', content: 'a' }, { role: 'user', content: 'b' }, { role: 'assistant', content: ' ' }, { role: 'assistant', content: 'c' }, { role: 'user', content: 'd' }] as const;
  assert.deepEqual(converseMessages([...messages]), {
    system: [{ text: 'S' }],
    messages: [{ role: 'user', content: [{ text: 'a' }, { text: 'b' }] }, { role: 'assistant', content: [{ text: 'c' }] }, { role: 'user', content: [{ text: 'd' }] }],
  });
  // The simulator refuses what Converse refuses; the merged history passes.
  const out = await collect(adapter(), { ...request(), messages: [...messages] });
  assert.equal(out.text, 'sim-bedrock: d');
});

test('aborting cancels the request; two requests share one kept-alive connection', async () => {
  sim.script({ kind: 'hang' });
  const controller = new AbortController();
  const a = adapter();
  const pending = a.stream(request('hello', controller.signal), () => {});
  await within(sim.whenReceived(1), 'the sim to receive the request');
  controller.abort();
  assert.equal((await within(failure(pending), 'the aborted request to end')).failure, 'cancelled');
  sim.reset();
  const b = adapter();
  await collect(b, request());
  await collect(b, request());
  assert.equal(new Set(sim.received.map((r) => r.connection)).size, 1);
});

test('a stream that ends cleanly between frames but before messageStop is `reset`, not a complete answer', async (t) => {
  // A proxy or load balancer closing the response politely: every frame whole, the end of the answer missing.
  const frame = (type: string, data: unknown) => eventFrame({ ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' }, Buffer.from(JSON.stringify(data)));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      res.end(Buffer.concat([frame('messageStart', { role: 'assistant' }), frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Half an ans' } })]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as { port: number };
  const seen: string[] = [];
  const err = await failure(adapter({ baseUrl: `http://127.0.0.1:${port}` }).stream(request(), (d) => seen.push(d)));
  assert.equal(err.failure, 'reset');
  assert.match(err.message, /without messageStop/);
  assert.deepEqual(seen, ['Half an ans']);
});
