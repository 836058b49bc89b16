// Secrets hidden by an encoding: base64, base64url, hex and percent-encoding of a known secret format are found and
// the span is the encoded value; encoded prose, encoded placeholders, digests and identifiers are not secrets.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { detectSecrets } from '../../../daemon/detect/secrets';

async function found(text: string): Promise<Array<[string, string]>> {
  return (await detectSecrets(text)).map((f) => [f.type, text.slice(f.start, f.end)]);
}

// Built at run time so no complete token sits in the repository.
const github = `ghp_${'Vb3Kq9Zt1Lm7Xw2Rc5Nd8Hy4Pf6Sj0Gu3Ea1T'.slice(0, 36)}`;
const pem = ['-----BEGIN OPENSSH PRIVATE KEY-----', createHash('sha512').update('k').digest('base64').repeat(3), '-----END OPENSSH PRIVATE KEY-----'].join('\n');

test('a known secret format under base64, base64url, hex or percent-encoding: the span is the encoded value', async () => {
  const b64 = Buffer.from(`GITHUB_TOKEN=${github}\n`).toString('base64');
  assert.deepEqual(await found(`config_blob: ${b64}`), [['github-token', b64]]);
  const b64url = Buffer.from(pem).toString('base64url');
  assert.deepEqual((await found(`key=${b64url}`)).map(([t]) => t), ['private-key']);
  const hex = Buffer.from(github).toString('hex');
  assert.deepEqual(await found(`payload ${hex} end`), [['github-token', hex]]);
  const pct = encodeURIComponent('postgres://svc:Qm7#vLx2!pR9@db.internal:5432/app');
  assert.deepEqual((await found(`redirect=${pct}`)).map(([t, v]) => [t, v]), [['connection-string-password', pct]]);
});

test('encoded text without a secret, encoded placeholders, digests and long identifiers are not secrets', async () => {
  for (const text of [
    `note: ${Buffer.from('Remember to rotate the staging keys on Friday afternoon.').toString('base64')}`,
    `ex: ${Buffer.from(`GITHUB_TOKEN=ghp_${'x'.repeat(36)}`).toString('base64')}`,
    `sha256 ${createHash('sha256').update('release.tar.gz').digest('hex')}`,
    'AbstractSingletonProxyFactoryBeanConfigurationHolder',
    `q=${encodeURIComponent('how do I rotate a token?')}`,
  ]) assert.deepEqual(await found(text), [], text);
});
