// Vendor checksums (GitHub ghp_/gho_/ghu_/ghs_/ghr_, npm npm_): the scheme against published vectors, and how the
// scan uses it — a passing checksum raises the finding's confidence; a failing one never removes a finding.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { detectSecrets } from '../../../daemon/detect/secrets';
import { base62Checksum, checkTokenChecksum, CHECKSUM_INVALID_CONFIDENCE, CHECKSUM_VALID_CONFIDENCE, tokenChecksum } from '../../../daemon/detect/secrets/checksums';

// Published vectors: therootcompany/base62-token.js test.js lists 20 real (revoked) GitHub personal access tokens that
// verify under the scheme; the first five, last and a zero-padded one are kept here without their `ghp_` prefix, so
// no complete token sits in the repository (the prefix is added at run time).
const GITHUB_BODIES = [
  'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17',
  'adE7dp8rHP6gUTuPwxLTZjZdtya3sV0UQzQM',
  'H3xbiBdlzffNx7Y56iNsPw3joObj7U2nO29h',
  'Ul6eIUhXOWE75DeLfPndUU0GbceBq80KIha4',
  'krLZ8fJtWbM6VhZVvXxLhocgw8JcfR2dBDWy',
  'MXum81IYH7kioWQyIvN4zPMfECIWYd1ldyCH',
];

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function random30(seed: string): string {
  let out = '';
  for (let i = 0; out.length < 30; i++) for (const byte of createHash('sha256').update(`${seed}:${i}`).digest()) if (out.length < 30) out += B62[byte % 62];
  return out;
}
/** A token as GitHub's or npm's generator makes it: 30 random characters and their checksum. */
const generated = (prefix: string, seed: string) => { const r = random30(seed); return `${prefix}${r}${tokenChecksum(r)}`; };
/** The same token with one character of its random part changed: what a typo or a hand edit gives. */
function mistyped(token: string): string {
  const i = token.indexOf('_') + 5;
  return token.slice(0, i) + (token[i] === 'Q' ? 'R' : 'Q') + token.slice(i + 1);
}

test('the scheme verifies the published real GitHub tokens, and fails each of them with one character changed', () => {
  for (const b of GITHUB_BODIES) {
    assert.equal(checkTokenChecksum(`ghp_${b}`), 'valid', b);
    assert.equal(checkTokenChecksum(mistyped(`ghp_${b}`)), 'invalid', b);
  }
});

test('base62 of the checksum: alphabet 0-9A-Za-z, left-padded with 0 to six characters', () => {
  assert.equal(base62Checksum(0), '000000');
  assert.equal(base62Checksum(61), '00000z');
  assert.equal(base62Checksum(62), '000010');
  assert.equal(base62Checksum(0xffffffff), '4gfFC3');
  // CredSweeper's own vector: 31 zeros between prefix and checksum (crc32 of the 31 zeros, 4WZ4EQ).
  assert.equal(tokenChecksum('0'.repeat(31)), '4WZ4EQ');
});

test('only formats with a published scheme are judged: github_pat_, other vendors and other lengths are "none"', () => {
  assert.equal(checkTokenChecksum(generated('npm_', 'n1')), 'valid');
  assert.equal(checkTokenChecksum(mistyped(generated('npm_', 'n1'))), 'invalid');
  for (const prefix of ['gho_', 'ghu_', 'ghs_', 'ghr_']) assert.equal(checkTokenChecksum(generated(prefix, prefix)), 'valid', prefix);
  assert.equal(checkTokenChecksum(`github_pat_11${random30('p1').slice(0, 20)}_${random30('p2')}${random30('p3')}`), 'none');
  assert.equal(checkTokenChecksum(`ghp_${random30('long')}${random30('long2')}`), 'none');
  assert.equal(checkTokenChecksum(`glpat-${random30('gl').slice(0, 20)}`), 'none');
});

test('in a scan: a passing checksum is recorded as high confidence, a failing one keeps the finding (a mistyped real token is still a secret)', async () => {
  for (const prefix of ['ghp_', 'gho_', 'npm_']) {
    const real = generated(prefix, `scan-${prefix}`);
    const typo = mistyped(real);
    for (const [token, confidence] of [[real, CHECKSUM_VALID_CONFIDENCE], [typo, CHECKSUM_INVALID_CONFIDENCE]] as const) {
      const text = `please rotate ${token} today`;
      const findings = await detectSecrets(text);
      assert.deepEqual(findings.map((f) => [text.slice(f.start, f.end), f.confidence]), [[token, confidence]], token);
    }
  }
});

test('a published real token is found with checksum confidence; a placeholder with a valid checksum is still a placeholder', async () => {
  const text = `GITHUB_TOKEN=ghp_${GITHUB_BODIES[0]}`;
  assert.deepEqual((await detectSecrets(text)).map((f) => [f.type, f.confidence]), [['github-token', CHECKSUM_VALID_CONFIDENCE]]);
  // 30 zeros and their checksum: the checksum holds, but no generator makes that body (placeholder rules, unchanged).
  const zeros = `ghp_${'0'.repeat(30)}${tokenChecksum('0'.repeat(30))}`;
  assert.equal(checkTokenChecksum(zeros), 'valid');
  assert.deepEqual(await detectSecrets(`GITHUB_TOKEN=${zeros}`), []);
});
