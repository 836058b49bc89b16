// Documentation placeholders that have a real token's shape: `ghp_xxxx…`, `sk_live_0000…`, AWS's documented
// `AKIAIOSFODNN7EXAMPLE`, `sk_test_1234567890abcdef`, and base64 of `user:password` in an Authorization header.
// Mature scanners drop these with per-rule stopwords and entropy floors; this is the same idea applied once to
// every finding's value, so each vendor rule keeps its own shape and only the body is judged. Linear, no regex
// over unbounded runs.
import type { Finding } from '../finding';
import { isPlaceholder, shannonEntropy } from './entropy';

/** A vendor prefix: up to three short `word_` / `word-` / `word.` parts ("sk_live_", "sk-ant-api03-", "dp.st.prd."). */
const PREFIX = /^(?:[A-Za-z0-9]{1,12}[_.-]){1,3}/;
const STOPWORDS = /example|sample|dummy|placeholder|your[_-]?(?:api[_-]?)?(?:key|token|secret)|redacted|changeme|notreal|fake/i;
/** Words that only a template holds, never a generated token: applied to vendor-format findings too. */
const TEMPLATE_WORDS = /your[_-]?(?:api[_-]?)?(?:key|token|secret)|placeholder|redacted|changeme|notreal|insert[_-]?here|replace[_-]?me/i;
/**
 * Findings judged by their value's entropy and shape (isPlaceholderValue). Vendor-format rules (secretlint's, ours)
 * are judged by the narrower isVendorPlaceholder. The shared corpora (secretlint's and detect-secrets' own test
 * fixtures) label `hf_xxxx…`, `AKIAZZZZ…` and `dckr_pat_Example…` as secrets; issue 14 says they are not, and the
 * issue is the spec (docs/detection.md, "Example keys"; the samples are listed in test/eval/spec-labels.json).
 */
const GENERIC = new Set(['airlock/assignment', 'airlock/entropy', 'airlock/markup', 'airlock/passphrase', 'airlock/netrc']);
const ENCODED = new Set(['airlock/authorization-header', 'airlock/npmrc']);

function longestRun(s: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    run = i > 0 && s[i] === s[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** "123456789", "abcdefgh", "1234567890abcdef": mostly steps of one character code. */
function isSequence(s: string): boolean {
  if (s.length < 6) return false;
  let steps = 0;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (d === 1 || d === -9 || (s[i - 1] === '9' && s[i] === '0') || (s[i - 1] === '0' && /[a-z]/i.test(s[i]!))) steps++;
  }
  return steps / (s.length - 1) >= 0.8;
}

/** Base64 of printable text: what `Authorization: Basic`, .npmrc `_auth`, Docker `auth` and Kubernetes `data:` hold. */
export function decodePrintable(value: string): string | null {
  if (value.length < 8 || value.length > 2048 || value.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded && /^[\x20-\x7e]+$/.test(decoded) ? decoded : null;
}

/** The finding's value is a placeholder in a token's clothing. */
export function isPlaceholderValue(value: string): boolean {
  if (STOPWORDS.test(value)) return true;
  const body = value.replace(PREFIX, '') || value;
  if (body.length >= 6 && longestRun(body) >= Math.max(6, body.length * 0.5)) return true;
  if (isSequence(body) || isSequence(body.replace(/[^A-Za-z0-9]/g, ''))) return true;
  // Too little entropy for any generated token: a body of one or two distinct characters.
  if (body.length >= 12 && shannonEntropy(body) < 1.5) return true;
  return decodedPlaceholder(value);
}

/**
 * Words only a documentation example holds, for vendor-format findings. Narrower than STOPWORDS: short words such as
 * "fake" turn up by chance in a few of every hundred thousand real random tokens, "example" practically never.
 */
const VENDOR_STOPWORDS = /example|placeholder|redacted|changeme|notreal|dummy|sample|your[_-]?(?:api[_-]?)?(?:key|token|secret)/i;

/**
 * A token in a vendor's exact format whose body no generator produces: a published example (`AKIAIOSFODNN7EXAMPLE`,
 * `…EXAMPLEKEY`), filler (`ghp_xxxx…`, `AKIAZZZZ…`), a sequence (`glsa_abcdefgh…`) or too little entropy. Issue 14
 * (the product's spec) says these are not secrets, so a public question about an example key may go hosted; a real
 * key cannot look like this, so nothing real is let through.
 */
export function isVendorPlaceholder(value: string): boolean {
  if (VENDOR_STOPWORDS.test(value)) return true;
  const body = value.replace(PREFIX, '') || value;
  if (body.length >= 6 && longestRun(body) >= Math.max(6, body.length * 0.5)) return true;
  if (isSequence(body) || isSequence(body.replace(/[^A-Za-z0-9]/g, ''))) return true;
  return body.length >= 12 && shannonEntropy(body) < 1.5;
}

/** Findings whose value is a placeholder are dropped (PEM blocks and URLs are judged by their own detectors). */
export function dropPlaceholders(text: string, findings: Finding[]): Finding[] {
  return findings.filter((f) => {
    // PEM blocks are judged by their own detector; an encoded finding was judged on its decoded value (secrets-encoded.ts).
    if (f.type === 'private-key' || f.detector === 'airlock/encoded') return true;
    const value = text.slice(f.start, f.end);
    if (TEMPLATE_AFTER.test(text.slice(f.end, f.end + 64)) || TEMPLATE_WORDS.test(value)) return false;
    if (GENERIC.has(f.detector)) return !isPlaceholderValue(value);
    if (ENCODED.has(f.detector)) return !decodedPlaceholder(value) && !isVendorPlaceholder(value);
    return !isVendorPlaceholder(value);
  });
}

function decodedPlaceholder(value: string): boolean {
  const decoded = decodePrintable(value);
  if (decoded === null) return false;
  const secretPart = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : decoded;
  return isPlaceholder(secretPart) || isSequence(secretPart) || STOPWORDS.test(secretPart);
}

/** A prefix followed by a template slot is documentation: `pypi-AgEIcHlwaS5vcmc<your-token>`, `ghp_{{ token }}`. */
const TEMPLATE_AFTER = /^(?:<(?!\/)[^<>\n]{1,60}>|\{\{[^{}\n]{1,60}\}\}|\$\{[^{}\n]{1,60}\})/;
