// Vendor checksums: tokens whose last characters are a checksum of the rest, so a scanner can tell a token a
// generator made from a hand-typed or edited look-alike without asking the vendor.
//
// GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm (npm_): prefix + 30 random base62 characters + the CRC32 of those 30
// characters (the prefix is not covered) in base62, alphabet 0-9A-Za-z, left-padded with '0' to 6 characters.
// Sources: GitHub's "Behind GitHub's new authentication token formats" (2021-04-05) and "Announcing npm's new access
// token format" (2021-09-23); the scheme as implemented by therootcompany/base62-token.js (whose test.js lists 20
// real, revoked GitHub tokens that verify) and Samsung/CredSweeper's ValueGitHubCheck (GitHub and npm alike).
// docs/detection.md ("Vendor checksums") says how the result is used: a passing checksum raises confidence; a failing
// one never drops a finding (a real token may be mistyped or deliberately mangled, and it is still a secret).
//
// github_pat_ (fine-grained) is not covered: its checksum scheme is not published, and the scheme above does not
// verify published samples of it.
import { crc32 } from 'node:zlib';
import type { Finding } from '../finding';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The 6-character base62 form of a 32-bit checksum. */
export function base62Checksum(n: number): string {
  let out = '';
  for (let v = n >>> 0; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62]! + out;
  return out.padStart(6, '0');
}

/** The checksum GitHub and npm append to a token's 30 random characters. */
export function tokenChecksum(random: string): string {
  return base62Checksum(crc32(random));
}

/** Token formats with a published checksum: prefix, then exactly 30 random + 6 checksum base62 characters. */
const CHECKSUMMED = /^(?:gh[pousr]_|npm_)([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/;

export type ChecksumResult = 'valid' | 'invalid' | 'none';

/**
 * 'valid' when the value is a checksummed format and its checksum holds, 'invalid' when it is such a format and the
 * checksum fails (a typo, an edited or invented value — or a real token someone mangled), 'none' when the format has
 * no checksum this module knows (other vendors, github_pat_, longer GitHub tokens).
 */
export function checkTokenChecksum(value: string): ChecksumResult {
  const m = CHECKSUMMED.exec(value);
  if (!m) return 'none';
  return tokenChecksum(m[1]!) === m[2] ? 'valid' : 'invalid';
}

/** Confidence recorded on a finding whose checksum holds: the value is a generated token, not a look-alike. */
export const CHECKSUM_VALID_CONFIDENCE = 0.99;
/** …and on one whose checksum fails: still reported and routed as a secret (see above), only marked less certain. */
export const CHECKSUM_INVALID_CONFIDENCE = 0.7;

/** Records the checksum verdict on each finding whose value is a checksummed format; every finding is kept. */
export function withChecksums(text: string, findings: Finding[]): Finding[] {
  return findings.map((f) => {
    const result = checkTokenChecksum(text.slice(f.start, f.end));
    if (result === 'none') return f;
    return { ...f, confidence: result === 'valid' ? CHECKSUM_VALID_CONFIDENCE : CHECKSUM_INVALID_CONFIDENCE };
  });
}
