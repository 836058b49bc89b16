import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_PROMPT_CHARS, scan } from '../../../daemon/detect';
import { AirlockError, type RequestFacts } from '../../../protocol';

const facts: RequestFacts = { source: 'api', interactive: true };
const pem = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 'QyNTUxOQAAACBkZW1vLWtleS1ub3QtcmVhbC1idXQtbG9va3MtcmlnaHQAAAAAAAAAAAAA', '-----END OPENSSH PRIVATE KEY-----'].join('\n');

test('signals from every detector come sorted, with 1-based line and column, and never the value', async () => {
  const text = [
    'Please review this before I deploy.',
    '```python',
    'def connect():',
    '    return psycopg.connect(host="db.internal", user="app")',
    '```',
    'Reach me at lena.berg@example.com if it breaks.',
    pem,
  ].join('\n');
  const result = await scan(text, { ...facts, filePath: 'deploy/notes.md' });
  const kinds = new Set(result.signals.map((s) => s.kind));
  for (const kind of ['code', 'pii', 'secret', 'origin'] as const) assert.ok(kinds.has(kind), `expected a ${kind} signal`);
  const starts = result.signals.map((s) => s.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  const email = result.signals.find((s) => s.type === 'email')!;
  assert.equal(email.line, 6);
  assert.equal(email.column, 'Reach me at '.length + 1);
  const key = result.signals.find((s) => s.kind === 'secret')!;
  assert.equal(key.line, 7);
  const json = JSON.stringify(result);
  assert.ok(!json.includes('lena.berg@example.com') && !json.includes('b3BlbnNzaC1rZXktdjEAAAAABG5v'), 'scan results hold spans, never values');
  assert.equal(result.code.isCode, true);
  assert.equal(result.code.language, 'python');
});

test('a 10 MiB prompt is scanned to its end; one character more is refused, not cut', async () => {
  const filler = 'The quarterly report covers revenue, churn and hiring plans for each region.\n';
  const tail = `\nAWS_SECRET_ACCESS_KEY=${['Zq3vN8tL1wX5', 'kR9mB2yH7pD4', 'cJ6fG0sE8aU1'].join('/')}\n`;
  const body = filler.repeat(Math.floor((MAX_PROMPT_CHARS - tail.length) / filler.length));
  const text = body + tail;
  assert.ok(text.length <= MAX_PROMPT_CHARS);
  const result = await scan(text, facts);
  const secret = result.signals.find((s) => s.kind === 'secret');
  assert.ok(secret, 'the secret at the very end is found');
  assert.ok(secret.start > body.length);
  await assert.rejects(scan('x'.repeat(MAX_PROMPT_CHARS + 1), facts), (err: unknown) => err instanceof AirlockError && err.code === 'AIRLOCK_E_INPUT_TOO_LARGE');
});

test('empty and binary-looking text scan without error', async () => {
  const empty = await scan('', facts);
  assert.deepEqual(empty.signals, []);
  assert.equal(empty.code.isCode, false);
  const binary = await scan('\u0000\u0001\u0002\uFFFD\uD800 PNG IHDR \u0000\u0000', facts);
  assert.ok(Array.isArray(binary.signals));
});
