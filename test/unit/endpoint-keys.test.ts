// Who may call the HTTP surfaces: an endpoint key (Bearer, x-api-key, or /k/KEY/ in the base URL), never the
// daemon token; revoked keys, browser Origins and non-loopback Hosts are refused. Keys are stored hashed, 0600.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { test } from 'node:test';
import { endpointKeyFile } from '../../daemon/server/surfaces/keys';
import { startEndpoint } from './helpers/endpoint';

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
