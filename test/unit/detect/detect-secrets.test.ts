import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { detectSecrets, mergeFindings } from '../../../daemon/detect/secrets';
import type { Finding } from '../../../daemon/detect/finding';

/** The secret values found, as text: what redaction would replace. */
async function found(text: string): Promise<string[]> {
  return (await detectSecrets(text)).map((f) => text.slice(f.start, f.end));
}

async function typesOf(text: string): Promise<string[]> {
  return (await detectSecrets(text)).map((f) => f.type);
}

// Built at run time so no complete key sits in the repository.
const b64 = (bytes: number, seed: string) => Buffer.from(seed.repeat(Math.ceil(bytes / seed.length)).slice(0, bytes)).toString('base64')
  .replace(/(.{64})/g, '$1\n').trim();
const randB64 = (bytes: number) => randomBytes(bytes).toString('base64').replace(/(.{64})/g, '$1\n');
const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;

test('AWS key pair in code: both values, spans exactly the values, not the names', async () => {
  const id = 'AKIA' + 'Q3EGRT7WJ2LMNPXV';
  const key = 'kP9x/2Lm+Qw8Rt7Yu5Io3Pa1Sd4Fg6Hj0Kl2Zx9c';
  const text = `import boto3\ns3 = boto3.client(\n    "s3",\n    aws_access_key_id="${id}",\n    aws_secret_access_key="${key}",\n)\n`;
  const findings = await detectSecrets(text);
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), [id, key]);
  assert.deepEqual(findings.map((f) => f.type), ['aws-access-key-id', 'aws-secret-access-key']);
  assert.ok(findings.every((f) => f.kind === 'secret' && f.label.length > 0));
});

test('AWS secret key: the span starts at the key, not at `aws_secret_access_key = "`', async () => {
  const key = 'Zq8Wm3Rt/Yp5Lk2Nb7Vc+Xd4Gh6Js9Fa1Ue0Io3P';
  const text = `[default]\naws_secret_access_key = "${key}"\n`;
  const [f] = await detectSecrets(text);
  assert.ok(f);
  assert.equal(f.type, 'aws-secret-access-key');
  assert.equal(text.slice(f.start, f.end), key);
});

test('PEM private keys of every kind, including short EC P-256 and OpenSSH Ed25519', async () => {
  const kinds = ['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'DSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'];
  for (const kind of kinds) {
    const key = pem(kind, kind === 'EC PRIVATE KEY' ? b64(121, 'p256-ec-key-material') : randB64(300));
    const text = `Here is the key file:\n${key}\nthanks`;
    const findings = await detectSecrets(text);
    assert.equal(findings.length, 1, kind);
    assert.equal(findings[0]!.type, 'private-key', kind);
    assert.equal(text.slice(findings[0]!.start, findings[0]!.end), key, kind);
  }
});

test('PGP private key block with armour headers and checksum', async () => {
  const block = `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${randB64(240)}\n=Ab3x\n-----END PGP PRIVATE KEY BLOCK-----`;
  assert.deepEqual(await found(`gpg export:\n${block}\n`), [block]);
});

test('PEM key escaped inside JSON, and a key pasted without its END line', async () => {
  const body = randB64(200).replace(/\n/g, '\\n');
  const json = `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n"}`;
  assert.deepEqual(await typesOf(json), ['private-key']);
  const cut = `-----BEGIN RSA PRIVATE KEY-----\n${randB64(150)}`;
  assert.deepEqual(await typesOf(cut), ['private-key']);
});

test('placeholder PEM bodies are not keys', async () => {
  assert.deepEqual(await found(pem('PRIVATE KEY', '...')), []);
  assert.deepEqual(await found(pem('RSA PRIVATE KEY', '<your private key here>')), []);
});

test('JWT: three parts, and header must decode to JSON with alg', async () => {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ sub: 'u-1842', exp: 1893456000 })}.${randomBytes(32).toString('base64url')}`;
  const text = `curl -H "X-Session: ${jwt}" https://api.internal/v1/me`;
  const findings = await detectSecrets(text);
  assert.deepEqual(findings.map((f) => [f.type, text.slice(f.start, f.end)]), [['jwt', jwt]]);
  const noAlg = `${enc({ typ: 'JWT' })}.${enc({ sub: 'x' })}.${randomBytes(32).toString('base64url')}`;
  assert.deepEqual(await found(`value ${noAlg}`), []);
  assert.deepEqual(await found(`broken ${jwt.slice(0, 20)}.${jwt.slice(30)}`), []);
  // A JWT carried inside a prefixed token (GitHub app installation tokens look like this).
  // Whether the prefix also reads as a GitHub token depends on the signature's characters; either way the one
  // finding must cover the whole JWT and may extend over the prefix only (redacting more is safe, less is a leak).
  const prefixed = `ghs_12345_${jwt}`;
  const [span, ...more] = await found(`token ${prefixed}`);
  assert.deepEqual(more, []);
  assert.ok(span === jwt || span === prefixed, `unexpected span ${span}`);
});

test('credentials in URLs and connection strings: the span is the password only', async () => {
  const cases: [string, string, string][] = [
    ['git remote add origin https://deploy:Gh7kQ2pZr9Lw@git.example.org/team/app.git', 'Gh7kQ2pZr9Lw', 'url-credentials'],
    ['DATABASE_URL=postgres://app:pX8vN2qLm4Rt@db.internal:5432/app', 'pX8vN2qLm4Rt', 'connection-string-password'],
    ['mongo "mongodb+srv://svc:Wm3kP9zQ1xLt@cluster0.ab1cd.mongodb.net/prod"', 'Wm3kP9zQ1xLt', 'connection-string-password'],
    ['Server=sql01;Database=Orders;User Id=orders_app;Password=Tq4!mZ8rWx2;Encrypt=true;', 'Tq4!mZ8rWx2', 'connection-string-password'],
  ];
  for (const [text, secret, type] of cases) {
    const findings = await detectSecrets(text);
    assert.deepEqual(findings.map((f) => [f.type, text.slice(f.start, f.end)]), [[type, secret]], text);
  }
  assert.deepEqual(await found('see http://localhost:8080/health and https://example.com:443/x'), []);
  assert.deepEqual(await found('DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app'), []);
});

test('.env file: random values under secret names, not ids, flags or references', async () => {
  const env = [
    'NODE_ENV=production',
    'PORT=3000',
    'STRIPE_SECRET=whsec_8fK2pLq9XzR4mN7vT1bY6cW3',
    'SESSION_SECRET=c2f1e9a7b4d86e035f1a29c7d4e8b6f0',
    'DB_PASSWORD=Vx7#qL2!pR9z',
    'API_TOKEN_URL=https://auth.example.com/token',
    'GITHUB_TOKEN=${GITHUB_TOKEN}',
    'FEATURE_FLAG_AUTH=true',
  ].join('\n');
  assert.deepEqual(await found(env), ['whsec_8fK2pLq9XzR4mN7vT1bY6cW3', 'c2f1e9a7b4d86e035f1a29c7d4e8b6f0', 'Vx7#qL2!pR9z']);
});

test('placeholders and references under secret names are not flagged', async () => {
  const lines = [
    'password = "${DB_PASSWORD}"',
    'api_key = process.env.OPENAI_API_KEY',
    'secret: <your-secret-here>',
    'token = "xxxxxxxxxxxxxxxxxxxxxxxx"',
    'PASSWORD=changeme',
    'client_secret = "your-client-secret-example"',
    'password: "********"',
    'api_key = os.environ["API_KEY"]',
    'token = None',
    '"password": null,',
    'auth_enabled = true',
    'password = getPassword();',
  ];
  for (const line of lines) assert.deepEqual(await found(line), [], line);
});

test('well-known token prefixes', async () => {
  const tokens: [string, string][] = [
    ['ghp_' + 'R8mQ2vXk7LpZ4wN9tY3bC6dF1gH5jK0sA2eU', 'github-token'],
    ['xoxb-' + '2398475486-2348975623001-Kq8mZ2xP4vL7nR1t', 'slack-token'],
    ['sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc', 'stripe-secret-key'],
    ['AIza' + 'SyD3k8Lq2mZ7xP9vR4nT1bW6cY5hJ0gF8sE', 'google-api-key'],
    ['npm_' + 'k8Lq2mZ7xP9vR4nT1bW6cY5hJ0gF8sEa3DfG', 'npm-token'],
    ['SG.' + 'ngeVfQFYQlKU0ufo8x5d1A' + '.' + 'TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr', 'sendgrid-api-key'],
    ['sk-ant-' + 'api03-' + 'Zx8Kq2Lm7Pv4Rn1Tb6Wc3Yh5Jg0Fs9Ea2DdQ8mN4kL7pR1tV', 'anthropic-api-key'],
  ];
  for (const [token, type] of tokens) {
    const text = `const client = init("${token}");`;
    const findings = await detectSecrets(text);
    assert.equal(findings.length, 1, token);
    assert.equal(findings[0]!.type, type, token);
    assert.equal(text.slice(findings[0]!.start, findings[0]!.end), token);
  }
});

test('Authorization headers: the credential after Basic/Bearer', async () => {
  const text = 'curl https://api.example.com -H "Authorization: Bearer 9fK2mQ7xLp4RzT8vN1wB6yC3"';
  assert.deepEqual(await found(text), ['9fK2mQ7xLp4RzT8vN1wB6yC3']);
  assert.deepEqual(await found('curl -H "Authorization: Bearer $TOKEN" https://api.example.com'), []);
});

test('high-entropy token next to a secret word in prose', async () => {
  const text = 'hey, the staging api key is Qm8vT2xL9pR4zK7wN3bY6cF1 until Friday';
  assert.deepEqual(await found(text), ['Qm8vT2xL9pR4zK7wN3bY6cF1']);
  assert.deepEqual(await found('the commit Qm8vT2xL9pR4zK7wN3bY6cF1 broke the build'), []);
});

test('multi-line text: offsets point into the right line', async () => {
  const secret = 'Tz4pQ9mL2xW7rK8vB3nY';
  const text = `line one\nline two\n\n  db_password = '${secret}'\nline five\n`;
  const [f] = await detectSecrets(text);
  assert.ok(f);
  assert.equal(f.start, text.indexOf(secret));
  assert.equal(text.slice(f.start, f.end), secret);
});

test('unicode before the secret: offsets are UTF-16 indices', async () => {
  const secret = 'ghp_' + 'R8mQ2vXk7LpZ4wN9tY3bC6dF1gH5jK0sA2eU';
  const text = `😀 Привет — 你好 🔑 token: ${secret}`;
  const [f] = await detectSecrets(text);
  assert.ok(f);
  assert.equal(f.start, text.indexOf(secret));
  assert.equal(text.slice(f.start, f.end), secret);
});

test('empty and secret-free text give no findings', async () => {
  assert.deepEqual(await detectSecrets(''), []);
  assert.deepEqual(await found('Can you explain how React hooks work? I read the docs about useEffect and passwords in general.'), []);
});

test('results are sorted by start and overlaps are merged into the most specific type', async () => {
  const key = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
  const text = `STRIPE_API_KEY="${key}"\nother_secret = "Lw7Qp2Zx9Rk4Tm8V"`;
  const findings = await detectSecrets(text);
  assert.deepEqual(findings.map((f) => f.type), ['stripe-secret-key', 'generic-secret-assignment']);
  assert.ok(findings[0]!.start < findings[1]!.start);
  const merged = mergeFindings([
    { kind: 'secret', type: 'generic-secret-assignment', start: 5, end: 20, detector: 'airlock/assignment', label: 'x' },
    { kind: 'secret', type: 'github-token', start: 8, end: 25, detector: 'airlock/github', label: 'GitHub token' },
  ] satisfies Finding[]);
  assert.deepEqual(merged.map((f) => [f.type, f.start, f.end]), [['github-token', 5, 25]]);
});

test('huge inputs stay correct: 1 MB of a/= characters, 1 MB random base64, a secret at the end', async () => {
  assert.deepEqual(await detectSecrets('a'.repeat(1 << 20)), []);
  assert.deepEqual(await detectSecrets('='.repeat(1 << 20)), []);
  assert.deepEqual(await detectSecrets('a='.repeat(1 << 19)), []);
  assert.deepEqual(await detectSecrets('password='.repeat(100_000)), []);
  assert.deepEqual(await detectSecrets('_eyJ.'.repeat(200_000)), []);
  assert.deepEqual(await detectSecrets('https://'.repeat(100_000)), []);
  const blob = randomBytes(786_432).toString('base64');
  const secret = 'ghp_' + 'R8mQ2vXk7LpZ4wN9tY3bC6dF1gH5jK0sA2eU';
  const text = `${blob}\nGITHUB_TOKEN=${secret}\n`;
  const findings = await detectSecrets(text);
  assert.ok(findings.some((f) => f.type === 'github-token' && text.slice(f.start, f.end) === secret));
});

test("secretlint's profiler leaves no performance marks behind (they grew without bound in the daemon)", async () => {
  const { performance } = await import('node:perf_hooks');
  performance.clearMarks();
  for (let i = 0; i < 5; i++) await detectSecrets(`token = "${randomBytes(20).toString('hex')}"`);
  assert.deepEqual(performance.getEntriesByType('mark').map((m) => m.name), []);
});
