// Secrets recognised by their structure rather than a vendor prefix: PEM private keys, JWTs, credentials inside
// URLs and connection strings, HTTP Authorization headers and .npmrc auth tokens.
import type { Finding } from './finding';
import { isPlaceholder } from './secrets-entropy';
import { secretFinding } from './secrets-rules';

const PEM_BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/g;
const MAX_PEM = 64 * 1024;
const MIN_PEM_BODY = 64; // base64 characters; a P-256 EC key has about 160, placeholders like `...` none

/** Every PEM private key kind, in raw or JSON-escaped (`\n`) form; placeholder bodies (`...`, `***`) are not keys. */
export function detectPemKeys(text: string): Finding[] {
  const out: Finding[] = [];
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const endMarker = `-----END ${m[1]}-----`;
    const endAt = text.indexOf(endMarker, bodyStart);
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

const B64URL_RUN = /[A-Za-z0-9_.-]{20,}/g;

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
  B64URL_RUN.lastIndex = 0;
  for (let m = B64URL_RUN.exec(text); m; m = B64URL_RUN.exec(text)) {
    const run = m[0];
    let from = run.indexOf('eyJ');
    for (let tries = 0; from !== -1 && tries < 3; tries++, from = run.indexOf('eyJ', from + 3)) {
      if (from > 0 && /[A-Za-z0-9]/.test(run[from - 1]!)) continue;
      const parts = run.slice(from).split('.');
      const [header, payload, signature] = parts;
      if (!header || !payload || parts.length > 3) continue;
      const h = decodeJsonObject(header);
      if (!h || typeof h.alg !== 'string' || !decodeJsonObject(payload)) continue;
      const length = header.length + 1 + payload.length + (signature !== undefined ? 1 + signature.length : 0);
      out.push(secretFinding('jwt', 'JSON Web Token', m.index + from, m.index + from + length, 'airlock/jwt'));
      break;
    }
  }
  return out;
}

// scheme://user:password@host — user and password without whitespace, '/', '@'; bounded lengths keep it linear.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/@?#'"<>]{1,256}):([^\s/@'"<>]{1,256})@(?=[\w[])/gi;
const DB_SCHEMES = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|jdbc)$/i;
// Usernames whose "password" is really the token sits in the username (GitHub's x-oauth-basic).
const TOKEN_AS_USER = /^(?:x-oauth-basic|x-oauth-token)$/i;

/** Credentials in URLs; the span is the password (or the token, when it is passed as the username). */
export function detectUrlCredentials(text: string): Finding[] {
  const out: Finding[] = [];
  URL_CREDENTIALS.lastIndex = 0;
  for (let m = URL_CREDENTIALS.exec(text); m; m = URL_CREDENTIALS.exec(text)) {
    const [, scheme, user, password] = m as unknown as [string, string, string, string];
    const userStart = m.index + scheme.length + 3;
    const passStart = userStart + user.length + 1;
    const tokenIsUser = TOKEN_AS_USER.test(password);
    const [start, value] = tokenIsUser ? [userStart, user] : [passStart, password];
    if (isPlaceholder(value) || /^\d{1,5}$/.test(value)) continue; // host:port, not a password
    const db = DB_SCHEMES.test(scheme) || /^jdbc:/i.test(text.slice(Math.max(0, m.index - 5), m.index + 5));
    out.push(db
      ? secretFinding('connection-string-password', 'database connection string password', start, start + value.length, 'airlock/connection-string')
      : secretFinding('url-credentials', 'password in URL', start, start + value.length, 'airlock/url-credentials'));
  }
  return out;
}

// ADO.NET / ODBC style: Server=…;Database=…;User Id=…;Password=…; — a password is a credential however weak.
const CONN_PASSWORD = /(?<![\w-])(?:password|pwd)\s*=\s*([^;'"\s][^;'"\r\n]{0,255}?)\s*(?=;|$|["'\r\n])/gim;
const CONN_CONTEXT = /(?:server|host|data source|database|initial catalog|uid|user id|username|port)\s*=/i;

export function detectConnectionStrings(text: string): Finding[] {
  const out: Finding[] = [];
  CONN_PASSWORD.lastIndex = 0;
  for (let m = CONN_PASSWORD.exec(text); m; m = CONN_PASSWORD.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const lineEnd = text.indexOf('\n', m.index);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const value = m[1]!;
    if (!line.includes(';') || !CONN_CONTEXT.test(line) || isPlaceholder(value)) continue;
    const start = m.index + m[0].length - value.length;
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
