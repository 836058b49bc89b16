// Is a candidate value random enough to be a credential, or a placeholder / reference / prose?
// Cheap, linear checks only: this runs on every prompt.

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...value].length;
  let bits = 0;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Character classes present: lower, upper, digit, ASCII symbol, non-ASCII. */
export function charClasses(value: string): number {
  let mask = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) mask |= 1;
    else if (c >= 65 && c <= 90) mask |= 2;
    else if (c >= 48 && c <= 57) mask |= 4;
    else if (c > 127) mask |= 16;
    else if (c > 32) mask |= 8;
  }
  let n = 0;
  for (; mask; mask &= mask - 1) n++;
  return n;
}

/** Repeated blocks (`abcd1234abcd1234…`) are typed by people, not generated: few distinct character pairs. */
export function isRepetitive(value: string): boolean {
  if (value.length < 12) return false;
  const pairs = new Set<string>();
  const lower = value.toLowerCase();
  for (let i = 0; i + 1 < lower.length; i++) pairs.add(lower.slice(i, i + 2));
  return pairs.size / (lower.length - 1) < 0.5;
}

const PLACEHOLDER_WORDS = new Set([
  'changeme', 'change', 'example', 'examples', 'placeholder', 'dummy', 'fake', 'sample', 'redacted', 'your', 'yours',
  'insert', 'replace', 'todo', 'tbd', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'test', 'password', 'secret',
  'xxx', 'mypassword', 'mysecret', 'notreal', 'foo', 'bar', 'baz',
]);

// Template and variable references: ${VAR}, $VAR, $(cmd), {{x}}, %s, %(x)s, <your-key>, <%= x %>, #{x}, @VAR@.
const REFERENCE = /^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|\$\([^)]*\)|\{\{[^}]*\}\}|%[sdr]|%\([^)]*\)[sdr]|<[^<>]*>|<%=?.*%>|#\{[^}]*\}|@[A-Za-z_]\w*@)$/s;
// Code that reads the value from elsewhere: process.env.X, os.environ[...], os.getenv(...), config.db.password, getSecret().
const CODE_REFERENCE = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)+(?:[([].*)?$|^[A-Za-z_$][\w$]*\s*[([]/s;
// Masked or filler values: xxxx, ****, ...., ####.
const FILLER = /([xX*.#•_-])\1{3,}/;

/** Obvious non-secrets: empty, references, masked filler, and placeholder words such as `<your-key>` or `changeme`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (!/[\p{L}\p{N}]/u.test(v)) return true;
  if (REFERENCE.test(v) || CODE_REFERENCE.test(v) || FILLER.test(v)) return true;
  if (/^(?:process\.env|os\.environ|os\.getenv|System\.getenv|ENV\[|getenv\()/.test(v)) return true;
  const words = v.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((w) => PLACEHOLDER_WORDS.has(w));
}

const WORD = /^(?:[a-z]{3,}|[A-Z][a-z]{2,})$/;

/** Mostly words joined by separators (`real_key`, `insert key here`, `auth_provider_x509_cert_url`, a URL path):
 * names and prose, not generated keys. */
export function isWordy(value: string): boolean {
  const parts = value.split(/[\s_\-./:]+/).filter(Boolean);
  if (!parts.length) return false;
  if (parts.length === 1) return WORD.test(parts[0]!) && /[aeiouy]/i.test(parts[0]!);
  const wordChars = parts.filter((p) => WORD.test(p)).reduce((n, p) => n + p.length, 0);
  return wordChars / parts.reduce((n, p) => n + p.length, 0) >= 0.6;
}

/** Looks machine-generated: long enough, mixed character classes, high entropy, not repetitive, not words. */
export function looksRandom(value: string, minLength = 8): boolean {
  if (value.length < minLength || value.length > 4096) return false;
  if (isWordy(value) || isRepetitive(value)) return false;
  const h = shannonEntropy(value);
  const classes = charClasses(value);
  if (classes >= 3) return h >= 3.0;
  if (classes === 2) return value.length >= 16 ? h >= 3.5 : h >= 3.2 && value.length >= 12;
  return value.length >= 24 && h >= 4.2;
}
