// Secrets hidden by an encoding: a base64 (or base64url) blob, a hex string or a percent-encoded run that decodes to
// printable text holding a secret in a known format (a vendor token, a PEM key, credentials in a URL, a secret
// assignment). The finding covers the encoded span, which is what redaction must replace. Bounded and linear: each
// run is at most MAX_RUN characters and decoded once (no nested decoding), and the decoded text is at most as long as
// the run; the same synchronous detectors as for plain text run on it.
import type { Finding } from '../finding';
import { detectAssignments } from './assign';
import { detectMarkupSecrets } from './markup';
import { detectTokenPatterns } from './patterns';
import { dropPlaceholders } from './placeholder';
import { secretFinding } from './rules';
import { ALNUM, asciiSet, boundedRuns, paddedRuns } from './runs';
import { detectConnectionStrings, detectJwts, detectPemKeys, detectUrlCredentials } from './structured';
import { detectVendorTokens } from './vendors';

const MAX_RUN = 8192;
// The base64 and hex runs are found by runs.ts's loops, not by regexes: on prose the regexes cost ~18 ns a character.
/** Base64 or base64url, at least 24 characters (18 bytes: shorter holds no token worth the decode):
 *  /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,8192}={0,2}(?![A-Za-z0-9+/_=-])/g. */
const BASE64 = asciiSet(`${ALNUM}+/_-`);
const base64Runs = (text: string) => paddedRuns(text, BASE64, 24, MAX_RUN);
/** An even run of hex digits, at least 32 (16 bytes): /[0-9A-Fa-f]{32,8192}/g. */
const HEX = asciiSet('0123456789ABCDEFabcdef');
const hexRuns = (text: string) => boundedRuns(text, HEX, 32, MAX_RUN);
/** Runs holding at least three %XX escapes: one query value (`=`, `&`, `?` end it; encoded, they are %3D, %26, %3F). */
const PERCENT_RUN = /(?<![^\s"'`=:(<>&?])(?=[^\s"'`<>=&?]{0,64}%[0-9A-Fa-f]{2})[^\s"'`<>=&?]{9,8192}/g;

function decodeBase64(run: string): string | null {
  const body = run.replace(/=+$/, '');
  if (body.length % 4 === 1 || !/[+/_-]|[A-Z].*[a-z]|[a-z].*[A-Z]/.test(body)) return null; // plain words are not base64
  const decoded = Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return printable(decoded) ? decoded : null;
}

function decodeHex(run: string): string | null {
  if (run.length % 2) return null;
  const decoded = Buffer.from(run, 'hex').toString('utf8');
  return printable(decoded) ? decoded : null;
}

function decodePercent(run: string): string | null {
  if ((run.match(/%[0-9A-Fa-f]{2}/g)?.length ?? 0) < 3) return null;
  try {
    const decoded = decodeURIComponent(run);
    return decoded !== run && printable(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

/** Text a person could have encoded: printable ASCII, tabs and line breaks; no replacement characters. */
const printable = (s: string): boolean => s.length >= 8 && /^[\x20-\x7e\t\r\n]+$/.test(s);

/** The secrets the plain-text detectors find in a decoded string (placeholders dropped as for plain text). */
function secretsIn(decoded: string): Finding[] {
  const found = [
    ...detectPemKeys(decoded), ...detectTokenPatterns(decoded), ...detectJwts(decoded), ...detectUrlCredentials(decoded),
    ...detectConnectionStrings(decoded), ...detectAssignments(decoded), ...detectMarkupSecrets(decoded), ...detectVendorTokens(decoded),
  ];
  return dropPlaceholders(decoded, found.filter((f) => f.end > f.start));
}

function percentRuns(text: string): number[] {
  const out: number[] = [];
  PERCENT_RUN.lastIndex = 0;
  for (let m = PERCENT_RUN.exec(text); m; m = PERCENT_RUN.exec(text)) out.push(m.index, m.index + m[0].length);
  return out;
}

/** `runs`: where the candidate runs start and end, as a flat list start0, end0, start1, end1, …. */
const ENCODINGS: Array<{ name: string; runs: (text: string) => number[]; decode: (run: string) => string | null }> = [
  { name: 'base64', runs: base64Runs, decode: decodeBase64 },
  { name: 'hex', runs: hexRuns, decode: decodeHex },
  { name: 'percent-encoded', runs: percentRuns, decode: decodePercent },
];

/** A hex run must stand alone: not the tail of a longer word (`sha256:…` is fine, `x0abc…` inside an identifier is not). */
const HEX_NEIGHBOUR = /[0-9A-Za-z_]/;
/** A percent-encoded run needs escapes: cheap to rule out for most prompts. */
const HAS_ESCAPES = /%[0-9A-Fa-f]{2}/;

export function detectEncodedSecrets(text: string): Finding[] {
  const out: Finding[] = [];
  const escapes = HAS_ESCAPES.test(text);
  for (const e of ENCODINGS) {
    if (e.name === 'percent-encoded' && !escapes) continue;
    const runs = e.runs(text);
    for (let r = 0; r < runs.length; r += 2) {
      const [start, end] = [runs[r]!, runs[r + 1]!];
      if (end - start > MAX_RUN) continue;
      if (e.name === 'hex' && (HEX_NEIGHBOUR.test(text[start - 1] ?? '') || HEX_NEIGHBOUR.test(text[end] ?? ''))) continue;
      const decoded = e.decode(text.slice(start, end));
      const inner = decoded === null ? [] : secretsIn(decoded);
      if (!inner.length) continue;
      const first = inner[0]!;
      out.push(secretFinding(first.type, `${first.label} (${e.name})`, start, end, 'airlock/encoded', first.confidence));
    }
  }
  return out;
}
