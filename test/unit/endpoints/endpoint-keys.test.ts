// Who may call the HTTP surfaces: an endpoint key (Bearer, x-api-key, or /k/KEY/ in the base URL), never the
// daemon token; revoked keys, browser Origins and non-loopback Hosts are refused. Keys are stored hashed, 0600.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import OpenAI from 'openai';
import { STATE_FILE } from '../../../daemon/server/home';
import { endpointKeyFile } from '../../../daemon/server/surfaces/keys';
import { runAirlock } from '../../helpers/cli';
import { startEndpoint } from '../../helpers/endpoint';

/** GET with exact headers (fetch would not let a test set Host). */
function get(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

test('endpoint keys: header, x-api-key and path forms work; token, junk, revoked, Origin and foreign Host are refused', async (t) => {
  const { daemon, key } = await startEndpoint(t);
  const port = daemon.port;
  const host = `127.0.0.1:${port}`;
  assert.equal((await get(port, '/v1/models', { Host: host, Authorization: `Bearer ${key}` })).status, 200);
  assert.equal((await get(port, '/api/tags', { Host: host, 'x-api-key': key })).status !== 401, true);
  assert.equal((await get(port, `/k/${key}/v1/models`, { Host: host })).status, 200);
  const refused: [string, string, Record<string, string>, number][] = [
    ['no key', '/v1/models', { Host: host }, 401],
    ['the daemon token is not an endpoint key', '/v1/models', { Host: host, Authorization: `Bearer ${daemon.token}` }, 401],
    ['junk key', '/v1/models', { Host: host, Authorization: 'Bearer airlock-nope' }, 401],
    ['a path key that is not even valid percent-encoding', '/k/%E0%A4%A/v1/models', { Host: host }, 401],
    ['browser Origin', '/v1/models', { Host: host, Authorization: `Bearer ${key}`, Origin: 'https://evil.example' }, 403],
    ['DNS-rebound Host', '/v1/models', { Host: `evil.example:${port}`, Authorization: `Bearer ${key}` }, 403],
  ];
  for (const [name, path, headers, status] of refused) {
    const res = await get(port, path, headers);
    assert.equal(res.status, status, name);
    assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'AIRLOCK_E_UNAUTHORIZED', name);
  }
  const keys = endpointKeyFile(daemon.home);
  assert.equal(keys.revoke('test-tool', new Date()), true);
  assert.equal((await get(port, '/v1/models', { Host: host, Authorization: `Bearer ${key}` })).status, 401, 'revoked at once, daemon still running');
  const raw = readFileSync(keys.file, 'utf8');
  assert.ok(!raw.includes(key) && !raw.includes(key.slice(8)), 'only the hash is stored');
  assert.equal(statSync(keys.file).mode & 0o777, 0o600);
  // Paths that belong to no surface keep the old answer.
  assert.equal((await get(port, '/', { Host: host })).status, 426);
});

test('airlock endpoint --json hands out a working key for the running daemon; list shows it; revoke locks it out', async (t) => {
  const { daemon } = await startEndpoint(t);
  // What `airlock daemon run` writes: the CLI reads the running daemon's port from it.
  writeFileSync(path.join(daemon.home, STATE_FILE), JSON.stringify({ pid: process.pid, port: daemon.port }));
  const env = { AIRLOCK_HOME: daemon.home };
  const made = await runAirlock(['endpoint', '--json', '--name', 'aider'], '', env);
  assert.equal(made.code, 0, made.stderr);
  const info = JSON.parse(made.stdout) as { key: string; openai: { baseUrl: string }; anthropic: { baseUrl: string }; ollama: { baseUrl: string } };
  assert.deepEqual(Object.keys(info), ['key', 'openai', 'anthropic', 'ollama']);
  assert.equal(info.openai.baseUrl, `http://127.0.0.1:${daemon.port}/v1`);
  assert.equal(info.anthropic.baseUrl, `http://127.0.0.1:${daemon.port}`);
  const client = new OpenAI({ baseURL: info.openai.baseUrl, apiKey: info.key, maxRetries: 0 });
  assert.equal((await client.models.list()).data[0]?.id, 'airlock/auto');
  const text = await runAirlock(['endpoint'], '', env);
  assert.equal(text.code, 0, text.stderr);
  for (const line of ['OPENAI_BASE_URL=', 'OPENAI_API_KEY=airlock-', 'ANTHROPIC_BASE_URL=', 'ANTHROPIC_API_KEY=airlock-', 'OLLAMA_HOST=', 'Continue', 'Cline', 'aider --openai-api-base', 'Zed']) assert.ok(text.stdout.includes(line), line);
  const list = await runAirlock(['endpoint', 'list', '--json'], '', env);
  assert.deepEqual((JSON.parse(list.stdout) as { name: string }[]).map((k) => k.name), ['test-tool', 'aider', 'assistant-1']);
  assert.equal((await runAirlock(['endpoint', 'revoke', 'aider'], '', env)).code, 0);
  const err = await client.models.list().catch((e: unknown) => e);
  assert.ok(err instanceof OpenAI.AuthenticationError, String(err));
  assert.equal((await runAirlock(['endpoint', 'revoke', 'aider'], '', env)).code, 2, 'already revoked');
});

test('endpoint/create (the extension\'s Connect Another Assistant): a working key with this daemon\'s base URLs and settings', async (t) => {
  const { daemon } = await startEndpoint(t);
  const client = await daemon.client();
  const made = await client.request('endpoint/create', { name: 'zed' });
  assert.equal(made.name, 'zed');
  assert.equal(made.openai.baseUrl, `http://127.0.0.1:${daemon.port}/v1`);
  assert.ok(made.settings.includes(`OPENAI_API_KEY=${made.key}`));
  const sdk = new OpenAI({ baseURL: made.openai.baseUrl, apiKey: made.key, maxRetries: 0 });
  assert.equal((await sdk.models.list()).data[0]?.id, 'airlock/auto');
  const second = await client.request('endpoint/create', {});
  assert.equal(second.name, 'assistant-1');
  await assert.rejects(client.request('endpoint/create', { name: 'zed' }), /exists/);
});
