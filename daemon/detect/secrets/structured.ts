// Secrets recognised by their structure rather than a vendor prefix: PEM private keys, JWTs, credentials inside
// URLs and connection strings, HTTP Authorization headers and .npmrc auth tokens.
import type { Finding } from '../finding';
import { isPlaceholder } from './entropy';
import { secretFinding } from './rules';

const PEM_BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/g;
const MAX_PEM = 64 * 1024;
const MIN_PEM_BODY = 64; // base64 characters; a P-256 EC key has about 160, placeholders like `...` none

/** Every PEM private key kind, in raw or JSON-escaped (`\n`) form; placeholder bodies (`...`, `***`) are not keys. */
export function detectPemKeys(text: string): Finding[] {
  const out: Finding[] = [];
  // The next END marker of each kind, found once and reused while BEGINs stay before it: a search per BEGIN would
  // rescan the rest of the text for every BEGIN line (quadratic on BEGIN lines without END).
  const nextEnd = new Map<string, number>();
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const endMarker = `-----END ${m[1]}-----`;
    let endAt = nextEnd.get(endMarker) ?? bodyStart - 1;
    if (endAt !== -1 && endAt < bodyStart) nextEnd.set(endMarker, (endAt = text.indexOf(endMarker, bodyStart)));
    const closed = endAt !== -1 && endAt - bodyStart <= MAX_PEM;
    const body = closed ? text.slice(bodyStart, endAt) : leadingBody(text, bodyStart);
    if (base64Chars(body) < MIN_PEM_BODY) continue;
    const end = closed ? endAt + endMarker.length : bodyStart + body.length;
    out.push(secretFinding('private-key', `${m[1]!.replace(/ BLOCK$/, '')} (PEM)`, m.index, end, 'airlock/pem'));
    PEM_BEGIN.lastIndex = end;
  }
  return out;
}

// A key pasted without its END line is still a key: take the base64 (and header) lines that follow BEGIN.
function leadingBody(text: string, from: number): string {
  const rest = text.slice(from, from + MAX_PEM);
  const m = /^(?:(?:\\[rn]|\s)+(?:[A-Za-z-]+: [^\n\\]*|[A-Za-z0-9+/=]+))*/.exec(rest);
  return m ? m[0] : '';
}

function base64Chars(body: string): number {
  const lines = body.replace(/\\[rn]/g, '\n').split('\n');
  let n = 0;
  for (const line of lines) {
    if (/^[A-Za-z-]+: /.test(line.trim())) continue; // Proc-Type:, DEK-Info:, Version: headers
    for (let i = 0; i < line.length; i++) if (/[A-Za-z0-9+/]/.test(line[i]!)) n++;
  }
  return n;
}

const JWT_RUN = /[A-Za-z0-9_.-]{1,8192}/y;
const MAX_JWT_TRIES = 3;

function decodeJsonObject(part: string): Record<string, unknown> | null {
  if (part.length > 4096) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** JWTs: a header that decodes to JSON with `alg`, a JSON payload, and an optional signature. */
export function detectJwts(text: string): Finding[] {
  const out: Finding[] = [];
  let runEnd = -1;
  let triesInRun = 0;
  for (let at = text.indexOf('eyJ'); at !== -1; at = text.indexOf('eyJ', at + 3)) {
    if (at > 0 && /[A-Za-z0-9]/.test(text[at - 1]!)) continue;
    // A JWT may follow a prefix in the same run (`ghs_123_eyJ…`), but a few tries per run keep `_eyJ_eyJ…` linear.
    if (at < runEnd && ++triesInRun > MAX_JWT_TRIES) { at = runEnd - 3; continue; }
    JWT_RUN.lastIndex = at;
    const run = JWT_RUN.exec(text)![0];
    if (at >= runEnd) { runEnd = at + run.length; triesInRun = 0; }
    const parts = run.split('.');
    const [header, payload, signature] = parts;
    if (!header || !payload || parts.length > 3) continue;
    const h = decodeJsonObject(header);
    if (!h || typeof h.alg !== 'string' || !decodeJsonObject(payload)) continue;
    const length = header.length + 1 + payload.length + (signature !== undefined ? 1 + signature.length : 0);
    out.push(secretFinding('jwt', 'JSON Web Token', at, at + length, 'airlock/jwt'));
    at += length - 3;
  }
  return out;
}

// scheme://user:password@host — found from each '://', so the cost is linear in the text. User and password hold
// no whitespace, '/', '@'; bounded lengths.
const SCHEME_BEFORE = /[a-z][a-z0-9+.-]{0,20}$/i;
const USERINFO = /([^\s:/@?#'"<>]{1,256}):([^\s/@'"<>]{1,256})@(?=[\w[])/y;
const DB_SCHEMES = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|jdbc)$/i;
// Usernames whose "password" is really the token sits in the username (GitHub's x-oauth-basic).
const TOKEN_AS_USER = /^(?:x-oauth-basic|x-oauth-token)$/i;

/** Credentials in URLs; the span is the password (or the token, when it is passed as the username). */
export function detectUrlCredentials(text: string): Finding[] {
  const out: Finding[] = [];
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    const scheme = SCHEME_BEFORE.exec(text.slice(Math.max(0, at - 21), at))?.[0];
    if (!scheme) continue;
    USERINFO.lastIndex = at + 3;
    const m = USERINFO.exec(text);
    if (!m) continue;
    const [, user, password] = m as unknown as [string, string, string];
    const userStart = at + 3;
    const passStart = userStart + user.length + 1;
    const tokenIsUser = TOKEN_AS_USER.test(password);
    const [start, value] = tokenIsUser ? [userStart, user] : [passStart, password];
    if (isPlaceholder(value) || /^\d{1,5}$/.test(value)) continue; // host:port, not a password
    const db = DB_SCHEMES.test(scheme) || /jdbc:$/i.test(text.slice(Math.max(0, at - scheme.length - 5), at - scheme.length));
    out.push(db
      ? secretFinding('connection-string-password', 'database connection string password', start, start + value.length, 'airlock/connection-string')
      : secretFinding('url-credentials', 'password in URL', start, start + value.length, 'airlock/url-credentials'));
  }
  return out;
}

// ADO.NET / ODBC style: Server=…;Database=…;User Id=…;Password=…; — a password is a credential however weak.
// Greedy and without a look-ahead, so every attempt either matches or fails at once: linear on any input.
const CONN_PASSWORD = /(?<![\w-])(?:password|pwd)[ \t]*=[ \t]*([^;'"\s][^;'"\r\n]{0,255})/gi;
const CONN_CONTEXT = /(?:server|host|data source|database|initial catalog|uid|user id|username|port)\s*=/i;

/** The line around `at`, at most `reach` characters either side (bounded, so no quadratic cost on huge lines). */
function lineAround(text: string, at: number, reach: number): string {
  const around = text.slice(Math.max(0, at - reach), at + reach);
  const offset = at - Math.max(0, at - reach);
  const start = around.lastIndexOf('\n', offset) + 1;
  const end = around.indexOf('\n', offset);
  return around.slice(start, end === -1 ? undefined : end);
}

export function detectConnectionStrings(text: string): Finding[] {
  const out: Finding[] = [];
  CONN_PASSWORD.lastIndex = 0;
  for (let m = CONN_PASSWORD.exec(text); m; m = CONN_PASSWORD.exec(text)) {
    const line = lineAround(text, m.index, 512);
    const value = m[1]!.trimEnd();
    if (!line.includes(';') || !CONN_CONTEXT.test(line) || isPlaceholder(value)) continue;
    const start = m.index + m[0].length - m[1]!.length;
    out.push(secretFinding('connection-string-password', 'database connection string password', start, start + value.length, 'airlock/connection-string'));
  }
  return out;
}

const AUTH_HEADER = /\bAuthorization\s*[:=]\s*["']?(?:Basic|Bearer|Token|Digest)\s+([A-Za-z0-9._~+/=-]{8,4096})/gi;
const NPMRC_TOKEN = /\/\/[^\s/]{1,253}(?:\/[^\s]{0,200})?\/:_(?:authToken|auth|password)\s*=\s*["']?([^\s"']{1,1024})/g;

/** `Authorization: Basic|Bearer …` headers and `.npmrc` `_authToken=` lines: the value is a credential by position. */
export function detectAuthHeaders(text: string): Finding[] {
  const out: Finding[] = [];
  const push = (re: RegExp, type: string, label: string, detector: string) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const value = m[1]!;
      if (isPlaceholder(value)) continue;
      const start = m.index + m[0].length - value.length;
      out.push(secretFinding(type, label, start, start + value.length, detector));
    }
  };
  push(AUTH_HEADER, 'authorization-header', 'credential in an Authorization header', 'airlock/authorization-header');
  push(NPMRC_TOKEN, 'npm-token', 'npm registry auth token (.npmrc)', 'airlock/npmrc');
  return out;
}
