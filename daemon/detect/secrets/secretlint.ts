// secretlint's recommended rules, run as a library. Spans come from the reported secret value (message data),
// never from the message range, which for some rules starts at the key name (`aws_secret_access_key = "`).
//
// secretlint is loaded on the first prompt that may hold one of its findings (see mayHoldSecretlintFinding), not at
// start-up: `airlock explain 'hello'` and short chat turns never pay for its ~20 rule modules. Its rules run through
// secretlint-run.ts, which does what @secretlint/core's lintSource does at a fraction of its cost per finding.
import type { Finding } from '../finding';
import { secretFinding } from './rules';
import { nonSpaceRunStarts } from './runs';
import { presetRules, runRules, type LoadedRule, type RuleMessage } from './secretlint-run';

interface RuleSets {
  all: LoadedRule[];
  /**
   * The same rules with the AWS rule's ID scan off (it then reports secret access keys only), for text holding no
   * access key ID prefix. There the ID scan could report only account IDs, which Airlock drops (BY_MESSAGE below), and
   * its account-ID pattern, with no literal to start from, cost most of secretlint's time (~100 µs per 10 KB).
   */
  withoutIdScan: LoadedRule[];
}
let loading: Promise<RuleSets> | undefined;

const AWS_RULE = '@secretlint/secretlint-rule-aws';
/** Every access key ID the AWS rule reports starts with one of these (its AWSAccessKeyIDPattern). */
const ACCESS_KEY_ID_PREFIX = /A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA/;

async function loadSecretlint(): Promise<RuleSets> {
  const { creator: recommended } = await import('@secretlint/secretlint-rule-preset-recommend');
  // Built once: constructing the preset costs more than linting a prompt.
  const all = presetRules(recommended, [{ id: AWS_RULE, options: { enableIDScanRule: true } }]);
  const withoutIdScan = all.map((r) => (r.creator.meta.id === AWS_RULE ? { ...r, options: { ...(r.options as object), enableIDScanRule: false } } : r));
  return { all, withoutIdScan };
}

/** True once a scan has needed secretlint (tests check that prose does not load it). */
export function secretlintLoaded(): boolean {
  return loading !== undefined;
}

const BY_MESSAGE: Record<string, [type: string, label: string] | null> = {
  AWSAccessKeyID: ['aws-access-key-id', 'AWS access key ID'],
  AWSSecretAccessKey: ['aws-secret-access-key', 'AWS secret access key'],
  AWSAccountID: null, // an account number identifies, it does not authenticate
  IncomingWebhook: ['slack-webhook-url', 'Slack incoming webhook URL'],
  BasicAuth: ['url-credentials', 'password in URL'],
  MySQLConnection: ['connection-string-password', 'database connection string password'],
  PostgreSQLConnection: ['connection-string-password', 'database connection string password'],
  MongoDBConnection: ['connection-string-password', 'database connection string password'],
  IGNORE_MESSAGE: null,
};

const BY_RULE: Record<string, [type: string, label: string]> = {
  '1password': ['1password-token', '1Password service account token'],
  anthropic: ['anthropic-api-key', 'Anthropic API key'],
  databricks: ['databricks-token', 'Databricks personal access token'],
  docker: ['docker-token', 'Docker personal access token'],
  figma: ['figma-token', 'Figma personal access token'],
  gcp: ['gcp-service-account-key', 'Google Cloud service account key'],
  github: ['github-token', 'GitHub token'],
  gitlab: ['gitlab-token', 'GitLab token'],
  grafana: ['grafana-token', 'Grafana token'],
  groq: ['groq-api-key', 'Groq API key'],
  'hashicorp-vault': ['vault-token', 'HashiCorp Vault token'],
  huggingface: ['huggingface-token', 'Hugging Face access token'],
  linear: ['linear-api-key', 'Linear API key'],
  notion: ['notion-token', 'Notion integration token'],
  npm: ['npm-token', 'npm access token'],
  openai: ['openai-api-key', 'OpenAI API key'],
  privatekey: ['private-key', 'private key'],
  sendgrid: ['sendgrid-api-key', 'SendGrid API key'],
  shopify: ['shopify-token', 'Shopify access token'],
  slack: ['slack-token', 'Slack token'],
  vercel: ['vercel-token', 'Vercel token'],
};

function ruleName(ruleId: string): string {
  return ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
}

/** The secret value the rule reported: the first string in its message data. */
function reportedValue(message: RuleMessage): string | undefined {
  const data = (message.data ?? {}) as Record<string, unknown>;
  return Object.entries(data).find(([k, v]) => k !== 'typeName' && typeof v === 'string' && v.length > 0)?.[1] as string | undefined;
}

// In a credential URL the secret is the password, or the username when the password is GitHub's `x-oauth-basic`.
function credentialInUrl(value: string): [offset: number, length: number] | null {
  const m = /^[a-z][a-z0-9+.:-]*:\/\/([^\s:/@]+):([^\s/@]+)@/i.exec(value);
  if (!m) return null;
  const user = m[1]!;
  const password = m[2]!;
  const userAt = m[0].indexOf('//') + 2;
  return /^x-oauth-basic$/i.test(password) ? [userAt, user.length] : [userAt + user.length + 1, password.length];
}

function toFinding(text: string, message: RuleMessage): Finding | null {
  const mapped = message.messageId in BY_MESSAGE ? BY_MESSAGE[message.messageId] : BY_RULE[ruleName(message.ruleId)];
  if (!mapped) return null;
  const [type, label] = mapped;
  const value = reportedValue(message);
  const [rangeStart, rangeEnd] = message.range;
  let start = value ? text.indexOf(value, rangeStart) : -1;
  if (start === -1 || start > rangeEnd) start = value ? text.lastIndexOf(value, rangeEnd) : -1;
  let end = start + (value?.length ?? 0);
  if (start === -1 || !value) [start, end] = [rangeStart, rangeEnd];
  if (type === 'url-credentials' || type === 'connection-string-password') {
    const cred = credentialInUrl(text.slice(start, end));
    if (cred) [start, end] = [start + cred[0], start + cred[0] + cred[1]];
  }
  return secretFinding(type, label, start, end, `secretlint/${ruleName(message.ruleId)}`);
}

/**
 * Every value the recommended rules report sits in a whitespace-free token of at least this many characters, or in
 * a PEM block, whose `-----BEGIN` is such a token (the shortest on ../shared/corpora is 20; `npm run eval:detect`
 * measures it). Text without one cannot hold a finding, and a lint call costs more than all of Airlock's own
 * patterns together, so the output filter skips it for the many short words of an answer.
 */
export const SECRETLINT_MIN_TOKEN = 8;
const LONG_TOKEN = new RegExp(`\\S{${SECRETLINT_MIN_TOKEN}}`);

export function mayHoldSecretlintFinding(text: string): boolean {
  return LONG_TOKEN.test(text);
}

/**
 * secretlint's lintSource removed duplicate messages by comparing every message with every later one: quadratic in
 * the number of findings (`xoxr-1-a ` repeated: 4 s for 40 KB). secretlint-run.ts does that with a Set now, but the
 * rules' own patterns and the ignore filter still see a whole call's text: long or dense texts are linted in chunks,
 * so the work per call stays bounded and the cost linear. A chunk holds at most CHUNK characters and at most CHUNK_TOKENS long
 * tokens (every finding sits in one, above): a length cap alone let 8 KB of `xoxb-1-a ` bring 900 findings to one call
 * (10 ms, against 1 ms for 128). Chunks overlap by CHUNK_OVERLAP characters or OVERLAP_TOKENS long tokens, whichever
 * is less, so a value of at most that many characters and long tokens lies whole in some chunk; the copies found twice
 * in an overlap merge in mergeFindings. Longer values are PEM blocks, which detectPemKeys finds on the whole text.
 */
const CHUNK = 8 * 1024;
const CHUNK_OVERLAP = 1024;
const CHUNK_TOKENS = 128;
const OVERLAP_TOKENS = 16;

const WHITESPACE = /\s/g;

/** Where each long token of the text starts (/\S{8,}/g, by runs.ts's loop: the regex cost ~9 ns a character). */
function longTokenStarts(text: string): number[] {
  return nonSpaceRunStarts(text, SECRETLINT_MIN_TOKEN);
}

/** The end of a chunk of at most CHUNK characters from `start`: at a line break (or else a space) in its last
 *  CHUNK_OVERLAP characters, or else at the next whitespace, so a token is never cut (a cut token was found in pieces,
 *  and the text between them left unredacted). */
function lengthEnd(text: string, start: number): number {
  const end = Math.min(text.length, start + CHUNK);
  if (end >= text.length) return end;
  // Searched in the window only: lastIndexOf on the whole text walks back to its start when the window has no break.
  const floor = end - CHUNK_OVERLAP;
  const tail = text.slice(floor + 1, end + 1);
  const nl = tail.lastIndexOf('\n');
  if (nl !== -1) return floor + 1 + nl + 1;
  const sp = tail.lastIndexOf(' ');
  if (sp !== -1) return floor + 1 + sp + 1;
  WHITESPACE.lastIndex = end;
  return WHITESPACE.exec(text) ? WHITESPACE.lastIndex : text.length;
}

/** Chunk starts and ends (see above). */
export function lintChunks(text: string): [start: number, end: number][] {
  const starts = longTokenStarts(text);
  if (text.length <= CHUNK && starts.length <= CHUNK_TOKENS) return [[0, text.length]];
  const out: [number, number][] = [];
  let first = 0; // index of the first long token at or after `start`
  for (let start = 0; ;) {
    while (first < starts.length && starts[first]! < start) first++;
    let end = lengthEnd(text, start);
    const capped = first + CHUNK_TOKENS;
    if (capped < starts.length && starts[capped]! < end) end = starts[capped]!; // the next token starts after whitespace
    out.push([start, end]);
    if (end >= text.length) return out;
    let after = first; // index of the first long token at or after `end`
    while (after < starts.length && starts[after]! < end) after++;
    const byTokens = after - OVERLAP_TOKENS > first ? starts[after - OVERLAP_TOKENS]! : start;
    start = Math.max(end - CHUNK_OVERLAP, byTokens, start + 1);
  }
}

async function lintChunk(rules: RuleSets, text: string, start: number, end: number): Promise<Finding[]> {
  const chunk = start === 0 && end === text.length ? text : text.slice(start, end);
  return (await runRules(ACCESS_KEY_ID_PREFIX.test(chunk) ? rules.all : rules.withoutIdScan, chunk))
    .map((m) => toFinding(chunk, m))
    .filter((f): f is Finding => f !== null)
    .map((f) => (start === 0 ? f : { ...f, start: f.start + start, end: f.end + start }));
}

/** secretlint's findings in a text, loading it first if needed. */
export async function lintSecrets(text: string): Promise<Finding[]> {
  loading ??= loadSecretlint();
  const rules = await loading;
  const out: Finding[] = [];
  for (const [start, end] of lintChunks(text)) out.push(...(await lintChunk(rules, text, start, end)));
  return out;
}

/** What detectSecrets calls: text without a long token cannot hold a finding of these rules (above), so it is
 *  answered without loading secretlint. `npm run eval:detect` checks the premise with lintSecrets on every sample. */
export async function detectWithSecretlint(text: string): Promise<Finding[]> {
  return mayHoldSecretlintFinding(text) ? lintSecrets(text) : [];
}
