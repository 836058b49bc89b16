// secretlint-run.ts runs secretlint's recommended rules without @secretlint/core's per-report cost. It must report
// exactly what core's lintSource reports: same rule, message id, message, data and range, in the same order, for
// every text of the shared corpora, for prompts dense with findings, and duplicate reports (which lintSource drops).
// One deliberate difference: a `secretlint-disable` comment in a prompt waives nothing (lintSource would honour it, so a
// pasted or hostile text could hide a secret from the router).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig } from '@secretlint/types';
import { lintSecrets } from '../../../daemon/detect/secrets/secretlint';
import { IGNORED_RULE, presetRules, runRules } from '../../../daemon/detect/secrets/secretlint-run';
import { readJsonl } from '../../eval/table';
import { corporaPresent } from '../../helpers/corpora';
import { hostileText } from '../../helpers/hostile';

const AWS = { id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } };
const config: SecretLintCoreConfig = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended, rules: [AWS] }] };
const rules = presetRules(recommended, [AWS]);
// lintSource's profiler keeps every mark and searches them all on each new one: thousands of calls take minutes.
secretLintProfiler.mark = () => undefined;

async function viaCore(content: string): Promise<unknown[]> {
  const result = await lintSource({
    source: { content, filePath: '/prompt.txt', ext: '.txt', contentType: 'text' },
    options: { config, maskSecrets: false, noPhysicFilePath: true },
  });
  return result.messages.map((m) => [m.ruleId, m.messageId, m.message, m.data, [...m.range]]);
}

async function viaRunner(content: string): Promise<unknown[]> {
  return (await runRules(rules, content)).map((m) => [m.ruleId, m.messageId, m.message, m.data, [...m.range]]);
}

async function assertSame(texts: readonly string[], what: string): Promise<number> {
  let messages = 0;
  for (const [i, text] of texts.entries()) {
    const expected = await viaCore(text);
    assert.deepEqual(await viaRunner(text), expected, `${what} #${i}: ${JSON.stringify(text.slice(0, 80))}`);
    messages += expected.length;
  }
  return messages;
}

// Built at run time so no complete token sits in the repository.
const slack = ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const aws = ['AKIA', 'IOSFODNN7EXAMPLF'].join('');
const npm = ['npm', '_', 'a'.repeat(8), 'B1c2D3e4F5g6H7i8J9k0L1m2N3o4P5q6'.slice(0, 28)].join('');

test('every text of the shared corpora: the runner reports what lintSource reports', { skip: !corporaPresent() && 'no corpora' }, async () => {
  const texts = ['secrets.jsonl', 'pii.jsonl', 'code.jsonl'].flatMap((f) => readJsonl<{ text: string }>(f).map((s) => String(s.text)));
  const messages = await assertSame(texts, 'corpus sample');
  assert.ok(messages >= 50, `the corpora gave ${messages} messages: too few to compare`);
});

test('dense prompts and duplicates: the runner reports what lintSource reports', async () => {
  const texts = [
    hostileText('xoxb-1-a\n', 4000),
    hostileText('xoxb-1-a ', 4000),
    hostileText(`${slack} `, 3000),
    `postgres://admin:Secr3tPassw0rd@db.example.com:5432/app\nmysql://root:An0therOne@h/db\nhttps://user:pa55word@example.com/x\n`,
    `aws_access_key_id = ${aws}\naws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n`,
    `line\u2028${slack}\r\n${slack}\r${slack}`,
    '',
  ];
  const messages = await assertSame(texts, 'prompt');
  assert.ok(messages >= 500, `${messages} messages`);
});

test('secretlint-disable comments in a prompt waive nothing: every token is still reported', async () => {
  assert.ok(!rules.some((r) => r.creator.meta.id === IGNORED_RULE), 'the comment filter is not among the rules run');
  const texts = [
    `a ${slack} // secretlint-disable-line\nb ${slack}\n# secretlint-disable-next-line\nc ${slack}\r\nd ${slack}\n`,
    `x ${slack}\n<!-- secretlint-disable @secretlint/secretlint-rule-slack -->\ny ${slack} ${npm}\n<!-- secretlint-enable -->\nz ${slack}\n`,
    `secretlint-disable\n${slack}\n${slack} ${slack}\n`,
  ];
  for (const text of texts) {
    const found = (await runRules(rules, text)).filter((m) => m.ruleId === '@secretlint/secretlint-rule-slack');
    const expected = text.split(slack).length - 1;
    assert.equal(found.length, expected, `every Slack token reported despite the comments: ${JSON.stringify(text)}`);
  }
});

test('lintSecrets finds an AWS access key ID with every prefix the AWS rule knows (its ID scan is skipped only where none occurs)', async () => {
  for (const prefix of ['A3TX', 'AKIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'ASIA']) {
    const id = `${prefix}Q7ZK2M4X9T3B6W1P`;
    const text = `the deploy user is ${id} in prod`;
    const found = (await lintSecrets(text)).filter((f) => f.detector === 'secretlint/aws');
    assert.deepEqual(found.map((f) => [f.type, text.slice(f.start, f.end)]), [['aws-access-key-id', id]], prefix);
  }
});

test('the rules are created once per concurrent run and reused; overlapping runs keep their reports apart', async () => {
  let creates = 0;
  const gates: (() => void)[] = [];
  // A rule that reports each line after an await: two runs interleave inside it.
  const slowLines = {
    creator: {
      meta: { id: 'test/slow-lines', recommended: true, type: 'scanner', supportedContentTypes: ['text'], messages: {} },
      create(context: { report: (d: unknown) => void }) {
        creates++;
        return {
          async file(source: { content: string }) {
            await new Promise<void>((resolve) => gates.push(resolve));
            let at = 0;
            for (const line of source.content.split('\n')) {
              context.report({ message: { message: line, messageId: 'line', data: {} }, range: [at, at + line.length] });
              at += line.length + 1;
            }
          },
        };
      },
    },
    options: {},
  } as unknown as Parameters<typeof runRules>[0][number];
  const set = [slowLines];
  const run = (text: string) => runRules(set, text);
  const open = async (n: number) => {
    for (let i = 0; i < 1000 && gates.length < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(gates.length, n, 'each run reached the rule');
    for (const g of gates.splice(0)) g();
  };
  const first = run('a\nb');
  await open(1);
  assert.deepEqual((await first).map((m) => m.message), ['a', 'b']);
  const second = run('c');
  await open(1);
  assert.deepEqual((await second).map((m) => m.message), ['c']);
  assert.equal(creates, 1, 'sequential runs reuse one created set');
  const [x, y] = [run('x1\nx2'), run('y1')];
  await open(2);
  assert.deepEqual((await x).map((m) => m.message), ['x1', 'x2']);
  assert.deepEqual((await y).map((m) => m.message), ['y1']);
  assert.equal(creates, 2, 'an overlapping run gets a set of its own');
  // The real preset, run concurrently on different texts, reports what it reports one at a time.
  const texts = ['token ghp_Vb7Kq2Lm9Xz4Tn8Rw3Yp6Hs1Dj5Fg0Ac2Ue9 here', 'xoxb-1234567890-abcdefghij plain', 'nothing to see'];
  const alone = [];
  for (const t of texts) alone.push(await viaRunner(t));
  assert.deepEqual(await Promise.all(texts.map(viaRunner)), alone);
  assert.ok(alone[0]!.length > 0 && alone[1]!.length > 0, 'the preset reports the tokens');
});
