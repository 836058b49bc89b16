// Vertex AI without a credentialsFile: Application Default Credentials as google-auth-library searches them —
// GOOGLE_APPLICATION_CREDENTIALS, then gcloud's well-known file (CLOUDSDK_CONFIG), then the metadata server
// (GCE_METADATA_HOST). Its own file: the search reads process.env, which these tests set.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { createAdapter } from '../../../daemon/providers';
import type { StreamRequest } from '../../../daemon/providers';
import { startVertexSim, type VertexSimHandle } from '../../sim';

const PROJECT = 'sim-project-42';
const EMAIL = 'adc-test@sim-project-42.iam.gserviceaccount.com';
const USER = { clientId: 'sim-client.apps.googleusercontent.com', clientSecret: 'sim-secret', refreshToken: '1//sim-refresh' };
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ENV = ['GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_CONFIG', 'GCE_METADATA_HOST', 'METADATA_SERVER_DETECTION'] as const;

let sim: VertexSimHandle;
let dir: string;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-adc-'));
  sim = await startVertexSim({ project: PROJECT, serviceAccount: { email: EMAIL, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string }, user: USER });
});
after(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
  for (const k of ENV) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
});
beforeEach(() => {
  sim.reset();
  // Nothing found unless a test puts it there: an empty gcloud config, no metadata server.
  const empty = mkdtempSync(path.join(dir, 'gcloud-'));
  process.env.CLOUDSDK_CONFIG = empty;
  process.env.METADATA_SERVER_DETECTION = 'none';
  delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
  delete process.env.GCE_METADATA_HOST;
});

function adapter() {
  return createAdapter({ name: 'vertex', kind: 'vertex', baseUrl: sim.url, vertex: { project: PROJECT, location: 'europe-west4', tokenUrl: `${sim.url}/token` } }, async () => null);
}

const request = (): StreamRequest => ({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hello there' }], signal: new AbortController().signal });

async function answer(): Promise<string> {
  const pieces: string[] = [];
  await adapter().stream(request(), (d) => pieces.push(d));
  return pieces.join('');
}

test('GOOGLE_APPLICATION_CREDENTIALS names a service-account file', async () => {
  const file = path.join(dir, 'sa.json');
  writeFileSync(file, JSON.stringify({ type: 'service_account', project_id: PROJECT, private_key_id: 'k', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: EMAIL, client_id: '1' }));
  process.env.GOOGLE_APPLICATION_CREDENTIALS = file;
  assert.equal(await answer(), 'sim-vertex: hello there');
  assert.equal(sim.issued.at(-1)?.via, 'service-account');
  // `airlock providers check` says where they came from, never what they are.
  assert.deepEqual(await adapter().describeCredentials!(), { found: true, source: `ADC: GOOGLE_APPLICATION_CREDENTIALS (${file})` });
});

test('gcloud user credentials in the well-known file (`gcloud auth application-default login`)', async () => {
  const config = process.env.CLOUDSDK_CONFIG!;
  mkdirSync(config, { recursive: true });
  writeFileSync(path.join(config, 'application_default_credentials.json'), JSON.stringify({ type: 'authorized_user', client_id: USER.clientId, client_secret: USER.clientSecret, refresh_token: USER.refreshToken }));
  assert.equal(await answer(), 'sim-vertex: hello there');
  assert.equal(sim.issued.at(-1)?.via, 'user');
  assert.deepEqual(await adapter().describeCredentials!(), { found: true, source: `ADC: gcloud application-default login (${path.join(config, 'application_default_credentials.json')})` });
});

test('the metadata server of the VM or pod', async () => {
  process.env.GCE_METADATA_HOST = `127.0.0.1:${sim.port}`;
  process.env.METADATA_SERVER_DETECTION = 'ping-only';
  assert.equal(await answer(), 'sim-vertex: hello there');
  assert.equal(sim.issued.at(-1)?.via, 'metadata');
  const asked = sim.received.find((r) => r.path.startsWith('/computeMetadata/v1/instance/service-accounts/default/token'));
  assert.equal(asked?.headers['metadata-flavor'], 'Google');
  assert.deepEqual(await adapter().describeCredentials!(), { found: true, source: 'ADC: the metadata server' });
});

test('no credentials anywhere: `auth`, saying where they are looked for, and nothing sent to Vertex', async () => {
  await assert.rejects(adapter().stream(request(), () => {}), (err: Error & { failure?: string }) => {
    assert.equal(err.failure, 'auth');
    assert.match(err.message, /no usable Google Cloud credentials.*gcloud auth application-default login/);
    return true;
  });
  const report = await adapter().describeCredentials!();
  assert.equal(report.found, false);
  assert.match(report.fix ?? '', /^no usable Google Cloud credentials.*gcloud auth application-default login/);
  assert.equal(sim.received.length, 0);
});
