// LEAK: prompts holding unique canary secrets, code and PII go through the real daemon under `balanced` and
// `strict`. No hosted simulator may ever receive a canary byte; the local one does receive those prompts; PII that
// `strict` redacts reaches the private simulator as placeholders only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AirlockError } from '../../../protocol';
import { fragments } from '../../helpers/corpora';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

interface Sample {
  name: string;
  text: string;
  /** Unique values that must never reach a hosted provider. */
  canaries: string[];
}

const facts = { source: 'chat' as const, interactive: true };

const SECRETS: Sample[] = [
  {
    name: 'AWS key pair in a config snippet',
    text: 'My deploy fails with AccessDenied. Config:\naws_access_key_id = AKIAQ7RVN3LK2XW5TY8P\naws_secret_access_key = "kP3vR8sT1wX6zB9dF2hJ5mN7qL0cV4yA8eG2iK6o"\nWhat is wrong?',
    canaries: ['AKIAQ7RVN3LK2XW5TY8P', 'kP3vR8sT1wX6zB9dF2hJ5mN7qL0cV4yA8eG2iK6o'],
  },
  {
    name: 'GitHub token in a shell command',
    text: 'Why does this 401?\ncurl -H "Authorization: token ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u" https://api.github.com/user',
    canaries: ['ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u'],
  },
  {
    name: 'JWT in a log line',
    text: 'The gateway logs this and rejects the user, why?\nbearer=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTc3MzEiLCJyb2xlIjoiYWRtaW4iLCJpYXQiOjE3MzAwMDAwMDB9.Qm9GZ3RrX2NhbmFyeV9zaWduYXR1cmVfNzczMQ',
    canaries: ['eyJzdWIiOiJ1LTc3MzEiLCJyb2xlIjoiYWRtaW4iLCJpYXQiOjE3MzAwMDAwMDB9', 'Qm9GZ3RrX2NhbmFyeV9zaWduYXR1cmVfNzczMQ'],
  },
  {
    name: 'Postgres URL with a password',
    text: 'Connection refused from the worker. DATABASE_URL=postgres://billing_rw:Tz8!qLm4vR2xNp6w@db-prod-3.internal:5432/billing — is the port wrong?',
    canaries: ['Tz8!qLm4vR2xNp6w'],
  },
  {
    name: 'PEM private key pasted for help',
    text: 'Is this key in the right format for nginx?\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7c4nAryCanary77\nq9ZxT2vB5mK8pL3wR6yN1sD4fH7jU0eC2gA5iO8kM3nQ6rT9vX2zB5dF8hJ1lP4o\n-----END PRIVATE KEY-----',
    canaries: ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7c4nAryCanary77', 'q9ZxT2vB5mK8pL3wR6yN1sD4fH7jU0eC2gA5iO8kM3nQ6rT9vX2zB5dF8hJ1lP4o'],
  },
  {
    name: 'Stripe key assigned in code',
    text: 'const stripe = new Stripe("sk_live_51Hq8ZcCanaryQ4vT7wX2nB5mK9pL3sR6yD1fG")\n// why does charges.create throw?',
    canaries: ['sk_live_51Hq8ZcCanaryQ4vT7wX2nB5mK9pL3sR6yD1fG'],
  },
];

const CODE: Sample[] = [
  {
    name: 'proprietary TypeScript',
    text: 'Can you speed this up?\n```ts\nexport function settleLedgerCanary(entries: LedgerEntry[]): Map<string, number> {\n  const totals = new Map<string, number>();\n  for (const e of entries) totals.set(e.account, (totals.get(e.account) ?? 0) + e.amountCents);\n  return totals;\n}\n```',
    canaries: ['settleLedgerCanary', 'totals.set(e.account'],
  },
  {
    name: 'Python service code',
    text: 'Review this:\n```python\ndef reconcile_canary_batch(rows, threshold=0.02):\n    mismatched = [r for r in rows if abs(r.expected - r.actual) > threshold]\n    return sorted(mismatched, key=lambda r: r.id)\n```',
    canaries: ['reconcile_canary_batch', 'abs(r.expected - r.actual)'],
  },
];

const PII: Sample[] = [
  {
    name: 'customer e-mail and phone',
    text: 'Draft a polite reply to our customer Margarethe Quellwasser (margarethe.quellwasser@example-mail.de, +49 30 5557 8812) about her delayed order.',
    canaries: ['margarethe.quellwasser@example-mail.de', '5557 8812'],
  },
  {
    name: 'card number and IBAN',
    text: 'Summarize this refund request: card 4539 1488 0343 6467 was charged twice, refund to IBAN DE89 3704 0044 0532 0130 00 please.',
    canaries: ['4539 1488 0343 6467', 'DE89 3704 0044 0532 0130 00'],
  },
];

/** The first 8-character fragment of a canary in `bytes`: a span redacted a few characters short still leaks. */
function leaked(canaries: readonly string[], bytes: string): string | undefined {
  return canaries.flatMap(fragments).find((f) => bytes.includes(f));
}

/** Runs a sample; a refusal (blocked, local unavailable) is fine for the leak property, so it is returned not thrown. */
async function send(client: Awaited<ReturnType<Awaited<ReturnType<typeof startTestDaemon>>['client']>>, id: string, text: string) {
  try {
    return await client.request('chat/send', { requestId: id, text, facts });
  } catch (err) {
    if (err instanceof AirlockError && ['AIRLOCK_E_BLOCKED'].includes(err.code)) return null;
    throw err;
  }
}

for (const policy of ['balanced', 'strict']) {
  test(`${policy}: no canary reaches a hosted simulator; the local simulator gets the sensitive prompts`, async (t) => {
    const sims = await startSims(t);
    const d = await startTestDaemon(t, { config: simConfig(sims, policy), env: SIM_KEYS });
    const client = await d.client();
    let n = 0;
    const refused: string[] = [];
    const sensitive = policy === 'strict' ? [...SECRETS, ...CODE] : [...SECRETS, ...CODE, ...PII];
    for (const sample of sensitive) {
      const before = sims.local.received.length;
      const result = await send(client, `${policy}-${n++}`, sample.text);
      if (result) {
        assert.equal(result.record.route.target, 'local', sample.name);
        assert.equal(sims.local.received.length, before + 1, `${sample.name}: the local model got it`);
      } else {
        refused.push(sample.name);
      }
      // Whatever happened, hosted and private simulators never saw any 8-character piece of it.
      for (const sim of [...sims.hosted, sims.privateEu]) {
        const hit = leaked(sample.canaries, sim.receivedText());
        assert.equal(hit, undefined, `${sample.name}: ${hit} reached a non-local simulator`);
      }
    }
    // Every sample was answered locally; only strict blocks a pasted private key outright.
    assert.deepEqual(refused, policy === 'strict' ? ['PEM private key pasted for help'] : []);
    assert.ok(SECRETS.some((s) => s.canaries.some((c) => sims.local.receivedText().includes(c))), 'the local simulator received raw secrets');
    // Every canary is unique to its sample, so a hit can be traced back.
    const all = [...SECRETS, ...CODE, ...PII].flatMap((s) => s.canaries);
    assert.equal(new Set(all).size, all.length);
    const remote = [...sims.hosted, sims.privateEu].map((s) => s.receivedText()).join('\n');
    assert.equal(leaked([...SECRETS, ...CODE].flatMap((s) => s.canaries), remote), undefined);
    // Sanity: the simulators do record, and a public prompt does leave (so the empty recordings above mean something).
    const pub = await client.request('chat/send', { requestId: `${policy}-public`, text: 'What does the HTTP 418 status code mean?', facts });
    assert.notEqual(pub.record.route.target, 'local');
    assert.ok([...sims.hosted, sims.privateEu].some((s) => s.receivedText().includes('HTTP 418')));
  });
}

test('strict: PII goes to the private simulator with placeholders only; hosted hears nothing', async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims, 'strict'), env: SIM_KEYS });
  const client = await d.client();
  for (const [i, sample] of PII.entries()) {
    const result = await client.request('chat/send', { requestId: `pii-${i}`, text: sample.text, facts });
    assert.equal(result.record.route.target, 'private', sample.name);
    assert.ok(result.record.redactions.length > 0, `${sample.name}: redacted`);
    const seen = sims.privateEu.receivedText();
    const hit = leaked(sample.canaries, seen);
    assert.equal(hit, undefined, `${sample.name}: ${hit} reached the private simulator`);
    assert.match(seen, /\[[A-Z_]+_\d+\]/, 'placeholders were sent instead');
    // The stored record keeps no PII either (storePrompts: redacted), and says what the re-scan before sending did.
    assert.equal(leaked(sample.canaries, JSON.stringify(result.record)), undefined);
    const stored = await client.request('decision/get', { id: result.record.id });
    assert.deepEqual(stored.record.rescan, result.record.rescan);
    assert.ok(result.record.rescan && ['clean', 'redacted'].includes(result.record.rescan.action), JSON.stringify(result.record.rescan));
  }
  for (const sim of sims.hosted) assert.equal(sim.receivedBytes().length, 0);
});
