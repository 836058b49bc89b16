// The output filter: secrets in the answer that the user did not send become [REDACTED_SECRET].
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOutputFilter, OVERSIZED_TOKEN, ownValuesIn, REDACTED_SECRET } from '../../../daemon/route/output-filter';

const INVENTED = 'ghp_R2d4Xk9mPq7LwZs3Vb8Nc1Hj6Ty5Ue0Ia4Kf';
const USERS = 'AKIAQ3EGR7LMN4XPZK2W';

async function filterAll(chunks: string[], sent: string[] = []): Promise<{ out: string; pushes: string[]; filter: ReturnType<typeof createOutputFilter> }> {
  const filter = createOutputFilter({ isOwn: ownValuesIn(sent) });
  const pushes: string[] = [];
  for (const c of chunks) pushes.push(await filter.push(c));
  return { out: pushes.join('') + (await filter.flush()), pushes, filter };
}

test('a secret the model produced is redacted, even split across chunks', async () => {
  const { out, pushes, filter } = await filterAll(['Set GITHUB_TOKEN=ghp_R2d4Xk9mPq7', 'LwZs3Vb8Nc1Hj6Ty5Ue0Ia4Kf in CI.\n', 'Then run the job.']);
  assert.equal(out, `Set GITHUB_TOKEN=${REDACTED_SECRET} in CI.\nThen run the job.`);
  assert.equal(pushes[0], 'Set ', 'words before the unfinished token go at once; the token is held until it ends');
  assert.ok(!out.includes('ghp_'));
  assert.deepEqual(filter.result(), { name: 'secrets', action: 'redacted', findings: ['github-token'] });
});

test("the user's own secret passes; a different one in the same answer does not", async () => {
  const { out, filter } = await filterAll([`Your key ${USERS} is an access key id.\n`, `Compare ${INVENTED}\n`], [`why is ${USERS} rejected?`]);
  assert.equal(out, `Your key ${USERS} is an access key id.\nCompare ${REDACTED_SECRET}\n`);
  assert.deepEqual(filter.result().findings, ['github-token']);
});

test('clean text streams word by word, unchanged, and the record says none', async () => {
  const { out, pushes, filter } = await filterAll(['TCP slow start doubles ', 'the window.\nThen it grows', ' linearly.']);
  assert.equal(out, 'TCP slow start doubles the window.\nThen it grows linearly.');
  assert.deepEqual(pushes, ['TCP slow start doubles ', 'the window.\nThen it ', 'grows ']);
  assert.deepEqual(filter.result(), { name: 'secrets', action: 'none', findings: [] });
});

test('long text with spaces streams past the hold bound; only an unbroken token longer than it is dropped', async () => {
  const filter = createOutputFilter({ isOwn: () => false, maxHold: 50 });
  const words = 'word '.repeat(30);
  assert.equal(await filter.push(words), words, 'the bound is per token, not per line');
  assert.equal(await filter.push('a'.repeat(30)), '');
  assert.equal(await filter.push('b'.repeat(30)), REDACTED_SECRET, 'over the bound: dropped, no part released');
  assert.equal(await filter.push('c'.repeat(5)), '', 'the rest of the same token is dropped too');
  assert.equal(await filter.push('ccc and then'), ' and ');
  assert.equal(await filter.flush(), 'then');
  assert.deepEqual(filter.result(), { name: 'secrets', action: 'redacted', findings: [OVERSIZED_TOKEN] });
});

test('a PEM block is held until its END line and redacted whole', async () => {
  const body = 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naIVWHqG4sm3aDjmJb3kJ7kZ9cL2dGkAB4vA7W1c9B5zZq3mQ4nX8Hq1Zl9cQ2rT5\n';
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}-----END RSA PRIVATE KEY-----\n`;
  const lines = `Here is a key:\n${pem}Done.\n`.split(/(?<=\n)/);
  const { out, pushes } = await filterAll(lines);
  assert.equal(pushes[1], '', 'BEGIN line held');
  assert.ok(!out.includes('MIIEowIBAAKCAQEA'), out);
  assert.ok(out.includes(REDACTED_SECRET));
  assert.ok(out.startsWith('Here is a key:\n') && out.endsWith('Done.\n'));
});

test('a secret assignment split across chunks is seen with the part of the line already sent', async () => {
  const value = 'q7Zk2Lw9TxR4nB8vYm1KpJ3sF6dG0hA';
  const { out, pushes } = await filterAll(['Use this config:\n', 'db_password = "', `${value.slice(0, 10)}`, `${value.slice(10)}" and restart.\n`]);
  assert.equal(pushes[1], 'db_password = ', 'the key name is released before the value arrives');
  assert.ok(!out.includes(value.slice(0, 8)), out);
  assert.match(out, /db_password = "?\[REDACTED_SECRET\]/);
});

test('a dash run that may start a PEM header is held until it is known', async () => {
  const filter = createOutputFilter({ isOwn: () => false });
  assert.equal(await filter.push('Key follows ---'), 'Key follows ');
  assert.equal(await filter.push('--BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1r'), '');
});

test('streamed a character at a time, secrets only secretlint knows are still redacted (short words skip its scan)', async () => {
  // Built at run time so no complete token sits in the repository; each is found by a secretlint rule alone.
  const secrets = {
    'huggingface-token': 'hf_' + 'kQmZpXvTwQsLnBcFhJdGyZaRtUiOpLkJhG',
    'linear-api-key': 'lin_api_' + 'a1B2c3D4e5'.repeat(4),
    'databricks-token': 'dapi' + 'f3a91c07be5d2486' + '7c0e5b19a4d863f2',
    'slack-webhook-url': 'https://hooks.slack.com/services/' + 'T0A1B2C3D/B0A1B2C3D/abcdefghijklmnopqrstuvwx',
  };
  const answer = Object.values(secrets).map((value, i) => `So for step ${i} use ${value} in it.\nOk.\n`).join('');
  const whole = await filterAll([answer]);
  const streamed = await filterAll(Array.from(answer));
  assert.equal(streamed.out, whole.out, 'the same answer, however it was split');
  for (const value of Object.values(secrets)) assert.ok(!streamed.out.includes(value.slice(0, 12)), `${value.slice(0, 12)}… redacted`);
  assert.deepEqual(streamed.filter.result().findings, Object.keys(secrets).sort());
});

test('a secret longer than the hold bound never has a part released: the whole token is dropped', async () => {
  // Only secretlint knows this token; with a bound shorter than it, no scan could judge its first part alone.
  const token = 'hf_' + 'kQmZpXvTwQsLnBcFhJdGyZaRtUiOpLkJhG';
  const filter = createOutputFilter({ isOwn: () => false, maxHold: 20 });
  const pushes = [await filter.push('Use '), await filter.push(token.slice(0, -2)), await filter.push(`${token.slice(-2)} ok`)];
  const out = pushes.join('') + (await filter.flush());
  assert.equal(out, `Use ${REDACTED_SECRET} ok`);
  for (let i = 0; i + 8 <= token.length; i++) assert.ok(!out.includes(token.slice(i, i + 8)), `fragment ${token.slice(i, i + 8)} leaked`);
  assert.deepEqual(filter.result(), { name: 'secrets', action: 'redacted', findings: [OVERSIZED_TOKEN] });
  // Within the bound the same token is held until it ends and found by name.
  const roomy = await filterAll(['Use ', token.slice(0, -2), `${token.slice(-2)} ok`]);
  assert.equal(roomy.out, `Use ${REDACTED_SECRET} ok`);
  assert.deepEqual(roomy.filter.result().findings, ['huggingface-token']);
});
