// Records through the daemon without a model call: blocked and no-candidate requests are appended and pushed to
// subscribers; explain/run appends nothing; reviews are pushed too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AirlockError, type DecisionRecord, type ReviewEntry } from '../../../protocol';
import { startTestDaemon } from '../../helpers/daemon';

const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi3ZqUlK8d1Rz2vDr4Fj9XnSk1b', 'q5wH8mE0t7RkqL2gJ3cV1xZy9oPfUaB4sNdKe6WmYhTiGv0lCnQ8rXuO2pJ5bE7a', '-----END RSA PRIVATE KEY-----'].join('\n');
const facts = { source: 'cli' as const, interactive: true };

test('a blocked request is appended, pushed to subscribers, and answered with its record id', async (t) => {
  const d = await startTestDaemon(t, { config: 'policy: strict\n' });
  const watcher = await d.client();
  const sender = await d.client();
  const pushed: DecisionRecord[] = [];
  watcher.onNotification('decision/appended', (n) => pushed.push(n.record));
  assert.deepEqual(await watcher.request('decision/subscribe', {}), { subscribed: true });
  assert.deepEqual(await watcher.request('decision/subscribe', {}), { subscribed: true }, 'subscribing twice pushes once');

  const err = await sender.request('chat/send', { requestId: 'r1', text: `Why is this key rejected?\n${PEM}`, facts }).then(
    () => assert.fail('should be blocked'),
    (e: unknown) => e as AirlockError,
  );
  assert.equal(err.code, 'AIRLOCK_E_BLOCKED');
  const recordId = err.details?.recordId as string;
  const { record } = await sender.request('decision/get', { id: recordId });
  assert.equal(record.status, 'blocked');
  assert.equal(record.rule.id, 'private-keys-blocked');
  assert.doesNotMatch(JSON.stringify(record), /MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi3ZqUlK8d1Rz2vDr4Fj9XnSk1b/);
  await watcher.request('health/get', {});
  assert.deepEqual(pushed.map((r) => r.id), [recordId]);

  const reviews: ReviewEntry[] = [];
  watcher.onNotification('decision/reviewed', (n) => reviews.push(n.review));
  await sender.request('decision/review', { id: recordId, by: 'sec-team', note: 'expected' });
  await watcher.request('health/get', {});
  assert.deepEqual(reviews.map((r) => [r.recordId, r.by, r.note]), [[recordId, 'sec-team', 'expected']]);
  assert.equal((await sender.request('decision/get', { id: recordId })).reviews.length, 1);
  assert.equal((await sender.request('audit/verify', {})).ok, true);

  // A closed subscriber is unsubscribed: the next append is pushed to nobody and breaks nothing.
  watcher.close();
  await watcher.closed;
  await assert.rejects(sender.request('chat/send', { requestId: 'r2', text: PEM, facts }), { code: 'AIRLOCK_E_BLOCKED' });
  assert.equal(pushed.length, 1);
  assert.equal((await sender.request('decision/list', { limit: 10 })).records.length, 2);
});

test('no model of the required class: AIRLOCK_E_NO_CANDIDATE, the record kept, nothing sent', async (t) => {
  const hostedOnly = `providers:
  - { name: cloud, kind: openai, baseUrl: "http://127.0.0.1:9/v1" }
models:
  - id: cloud/m
    provider: cloud
    model: m
    class: hosted
    contextWindow: 8192
    price: { inputPerMTok: 1, outputPerMTok: 1 }
    latencyMs: 100
    tier: 3
    terms: { region: us, retentionDays: 0, noTraining: true }
`;
  const d = await startTestDaemon(t, { config: hostedOnly });
  const client = await d.client();
  const err = await client.request('chat/send', { requestId: 'r', text: 'aws_secret_access_key = "Zq8Wm3Rt/Yp5Lk2Nb7Vc+Xd4Gh6Js9Fa1Ue0Io3P" why?', facts }).catch((e: unknown) => e as AirlockError);
  assert.ok(err instanceof AirlockError);
  assert.equal(err.code, 'AIRLOCK_E_NO_CANDIDATE');
  const { records } = await client.request('decision/list', {});
  assert.equal(records[0]?.id, err.details?.recordId);
  assert.equal(records[0]?.route.target, 'local');
});

test('explain/run plans without appending; a per-request policy does not switch the active one', async (t) => {
  const d = await startTestDaemon(t);
  const client = await d.client();
  const { record } = await client.request('explain/run', { text: 'password = "hunter2-Correct-Horse-9"', facts, policy: 'local-only' });
  assert.equal(record.route.target, 'local');
  assert.equal(record.policy.name, 'local-only');
  assert.equal((await client.request('decision/list', {})).records.length, 0);
  assert.equal((await client.request('health/get', {})).records, 0);
  assert.equal((await client.request('policy/get', {})).name, 'balanced');
});

test('policy/get explains each rule in plain English; policy/set switches; policy/test runs the preset tests', async (t) => {
  const d = await startTestDaemon(t);
  const client = await d.client();
  const summary = await client.request('policy/get', {});
  const secrets = summary.rules.find((r) => r.id === 'secrets-stay-local');
  assert.equal(secrets?.plain, 'When the prompt contains secrets: keep it on a local model.');
  assert.ok(secrets.line > 0);
  assert.ok(summary.available.includes('strict'));
  assert.equal((await client.request('policy/set', { policy: 'strict' })).name, 'strict');
  assert.equal((await client.request('health/get', {})).policy.name, 'strict');
  const tested = await client.request('policy/test', {});
  assert.ok(tested.passed > 0);
  assert.equal(tested.failed, 0, JSON.stringify(tested.cases.filter((c) => !c.passed)));
  assert.ok(tested.cases.every((c) => c.preset === 'strict'));
});
