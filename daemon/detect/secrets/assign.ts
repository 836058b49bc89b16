// Secrets by position: values assigned to (or compared with) a secret-sounding name, in code, .env, YAML, JSON,
// CLI flags; and random-looking tokens written right after words like "token" or "password" in prose.
import type { Finding } from '../finding';
import { isPlaceholder, looksRandom } from './entropy';
import { secretFinding } from './rules';
import { ALNUM, asciiSet, boundedRuns } from './runs';

// Where to start looking: any identifier containing one of these. Checked properly on the whole name below.
const KEYWORD = /pass|pwd|pw\b|secret|token|key|auth|cred|contrase|wachtwoord|senha|has[lł]o|parola|kennwort|salasana|heslo|jelsz|[sş]ifre|l[oö]senord|adgangskode/gi;
const NAME_CHAR = /[\p{L}\p{N}_.-]/u;
const MAX_NAME = 80;
const MAX_VALUE = 1024;
const MAX_BARE_VALUE = 256;

// Password in other languages: passwort, mot de passe, contraseña, senha, hasło, parola (d'ordine), wachtwoord, kennwort, ….
const STRONG = /password|passwd|passphrase|secret|token|apikey|privatekey|privkey|credential|contrase|keypass|passwort|motdepasse|wachtwoord|senha|has[lł]o|parola|kennwort|salasana|heslo|jelsz[oó]|[sş]ifre|l[oö]senord|adgangskode|passord/;
const SEGMENT = /^(?:pass|pwd|pw|auth|authkey|authtoken|creds?)$/;
const KEY_COMPOUND = /(?:api|app|auth|service|account|client|db|database|access|secret|private|priv|encryption|signing|master|session|cos|hmac)_?key$/;
// Names that hold metadata about a secret rather than the secret itself.
const META_TAIL = /^(?:url|uri|endpoint|path|file|filename|dir|name|type|label|placeholder|hint|prompt|length|len|field|format|policy|expiry|expires|expiration|ttl|timeout|header|regex|pattern|version|count|id|ids|arn|ref|env|var|prefix|question|message|msg|description|desc|help|text|title|error)$/;

/** Splits camelCase, snake_case, kebab-case and dotted names into lowercase words. */
function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (!words.length || META_TAIL.test(words[words.length - 1]!)) return false;
  const joined = words.join('');
  if (STRONG.test(joined)) return true;
  if (words.some((w) => SEGMENT.test(w))) return true;
  return KEY_COMPOUND.test(words.slice(-2).join('_')) || KEY_COMPOUND.test(words.slice(-3).join(''));
}

// Vendor credentials known by name and exact value shape (IBM Cloud, SoftLayer, Cloudant, IBM COS HMAC, AWS).
interface NamedShape { type: string; label: string; name: RegExp; value: RegExp }
const NAMED_SHAPES: NamedShape[] = [
  { type: 'aws-secret-access-key', label: 'AWS secret access key', name: /aws.*(?:secret|access).*key|aws.*secret/, value: /^[A-Za-z0-9/+=]{40}$/ },
  { type: 'ibm-cloud-iam-key', label: 'IBM Cloud IAM key', name: /(?:ibm|iam|cloud).*(?:key|pwd|password|pass|token)/, value: /^[A-Za-z0-9_-]{44}$/ },
  { type: 'softlayer-api-key', label: 'SoftLayer API key', name: /(?:softlayer|^sl).*(?:key|pwd|password|pass|token)/, value: /^[a-z0-9]{64}$/ },
  { type: 'cloudant-password', label: 'IBM Cloudant password', name: /(?:cloudant|^cl|^clou).*(?:key|pwd|pw|password|pass|token)/, value: /^(?:[0-9a-f]{64}|[a-z]{24})$/ },
  { type: 'ibm-cos-hmac-secret', label: 'IBM COS HMAC secret key', name: /secret.*key/, value: /^[0-9a-f]{48}$/ },
];

function namedShape(name: string, value: string): NamedShape | undefined {
  const n = nameWords(name).join('_');
  return NAMED_SHAPES.find((s) => s.name.test(n) && s.value.test(value));
}

interface Value { start: number; end: number; quoted: boolean }

function readQuoted(text: string, at: number): Value | null {
  const q = text[at];
  if (q !== '"' && q !== "'" && q !== '`') return null;
  const limit = Math.min(text.length, at + 1 + MAX_VALUE);
  for (let i = at + 1; i < limit; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === q) return { start: at + 1, end: i, quoted: true };
    if (c === '\n') return null;
  }
  return null;
}

function readUnquoted(text: string, at: number): Value | null {
  let i = at;
  const limit = Math.min(text.length, at + MAX_BARE_VALUE);
  // A comma ends the value only where it separates (`a, b` or at the end of a line), not inside `A,.:-¨@*`.
  while (i < limit && !/[\s'"`;]/.test(text[i]!) && !(text[i] === ',' && /^(?:\s|$)/.test(text[i + 1] ?? ''))) i++;
  return i > at ? { start: at, end: i, quoted: false } : null;
}

const skipSpaces = (text: string, i: number) => { while (text[i] === ' ' || text[i] === '\t') i++; return i; };

/** Reads `<op> value` after a name: =, :=, :, =>, ==/!=/===/!==, or `--flag value` / `name "value";`. */
function valueAfter(text: string, nameEnd: number, isFlag: boolean): Value | null {
  let i = nameEnd;
  while (i < nameEnd + 3 && /["'\]]/.test(text[i] ?? '')) i++; // closing quote of a JSON key, or `]`
  if (text[i] === '[') { const close = text.indexOf(']', i); if (close === -1 || close - i > 6) return null; i = close + 1; }
  i = skipSpaces(text, i);
  const op = /^(?:!==|===|!=|==|:=|=>|=|:)/.exec(text.slice(i, i + 3))?.[0];
  if (!op) {
    if (isFlag && text[i - 1] === ' ') return readUnquoted(text, i) ?? readQuoted(text, i);
    const v = readQuoted(text, i);
    return v && i > nameEnd && text[v.end + 1] === ';' ? v : null; // password "value";
  }
  i = skipSpaces(text, i + op.length);
  if (text[i] === '@' && text[i + 1] === '"') i++; // C# verbatim string
  const quoted = readQuoted(text, i);
  if (quoted) return quoted;
  if (op === '=>' || op.length >= 2 && op !== ':=') return null; // literals after => and comparisons are quoted
  const bare = readUnquoted(text, i);
  // A bare word ended by `;` is a statement (password = getPassword();), not a literal.
  if (!bare || text[bare.end] === ';') return null;
  return bare;
}

/** `"value" == name` comparisons: the literal sits before the name. */
function valueBefore(text: string, nameStart: number): Value | null {
  let i = nameStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  let opLen = 0;
  while (i - opLen >= 0 && opLen < 3 && /[!=]/.test(text[i - opLen]!)) opLen++;
  if (opLen < 2) return null;
  i -= opLen;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  const q = text[i];
  if (q !== '"' && q !== "'") return null;
  const open = text.lastIndexOf(q, i - 1);
  if (open === -1 || i - open > MAX_VALUE || text.slice(open, i).includes('\n')) return null;
  return { start: open + 1, end: i, quoted: true };
}

function classify(text: string, name: string, v: Value): Finding | null {
  const value = text.slice(v.start, v.end);
  const shape = namedShape(name, value);
  if (shape) return secretFinding(shape.type, shape.label, v.start, v.end, 'airlock/named-credential');
  if (!isSecretName(name) || isPlaceholder(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return null;
  if (!looksRandom(value, v.quoted ? 8 : 10)) return null;
  return secretFinding('generic-secret-assignment', `value assigned to "${name.slice(0, 40)}"`, v.start, v.end, 'airlock/assignment', 0.7);
}

/** Assignments and comparisons whose name sounds secret and whose value looks generated. */
export function detectAssignments(text: string): Finding[] {
  const out: Finding[] = [];
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(text); m; m = KEYWORD.exec(text)) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start > 0 && m.index - start < MAX_NAME && NAME_CHAR.test(text[start - 1]!)) start--;
    while (end < text.length && end - m.index < MAX_NAME && NAME_CHAR.test(text[end]!)) end++;
    KEYWORD.lastIndex = end; // each name is looked at once
    const name = text.slice(start, end).replace(/^[-.]+|[-.]+$/g, '');
    const isFlag = text.startsWith('--', start);
    for (const v of [valueAfter(text, end, isFlag), valueBefore(text, start)]) {
      const f = v && classify(text, name, v);
      if (f) out.push(f);
      // Resume after a bare value or a found secret: linear even on `password=password=…`.
      if (v && v.start >= end && (f || !v.quoted)) KEYWORD.lastIndex = Math.max(KEYWORD.lastIndex, v.end);
    }
  }
  return out;
}

const PROSE_KEYWORD = /\b(?:token|secret|password|passwd|api[ _-]?key|apikey|access[ _-]?key|credential|bearer)s?\b/i;
/** /[A-Za-z0-9+/=_.~-]{20,512}/g, found by runs.ts's loop (the regex cost more than the rest of this file). */
const TOKEN_CHARS = asciiSet(`${ALNUM}+/=_.~-`);
const WINDOW = 80;

/** High-entropy tokens shortly after a secret word on the same line ("my token is 9f8e…"). Random tokens are rare,
 * so find them first and only then look back for the word: linear, whatever the text repeats. */
export function detectNearKeyword(text: string): Finding[] {
  const out: Finding[] = [];
  const runs = boundedRuns(text, TOKEN_CHARS, 20, 512);
  for (let r = 0; r < runs.length; r += 2) {
    const at = runs[r]!;
    const token = text.slice(at, runs[r + 1]).replace(/\.+$/, '');
    if (!/[0-9]/.test(token) || !/[A-Za-z]/.test(token)) continue;
    const window = text.slice(Math.max(0, at - WINDOW), at);
    const before = window.slice(window.lastIndexOf('\n') + 1); // same line only
    if (!PROSE_KEYWORD.test(before) || isPlaceholder(token) || !looksRandom(token, 20)) continue;
    out.push(secretFinding('high-entropy-token', 'random-looking token next to a secret word', at, at + token.length, 'airlock/entropy', 0.6));
  }
  return out;
}
