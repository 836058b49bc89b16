// `airlock audit export --format jsonl|ocsf|cef [--since] [--follow]` over records a real airlockd wrote: the SIEM
// formats carry the decision (class, rule, policy, model, tokens) and never the prompt, even with storePrompts: full;
// `--follow` (a real child process) prints records appended after it started, and ends on SIGINT with status 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { AIRLOCK_ENTRY } from '../../helpers/airlock-process';
import { events, within } from '../../helpers/bounded';
import { runAirlock } from '../../helpers/cli';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true };
const CANARY = 'ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dCanaryE7u';
/** storePrompts: full keeps personal data at rest (secrets are always masked): the control that prompt text is there. */
const PII_CANARY = 'wilhelmina.canaryfield@example.org';
const SECRET_PROMPT = `Why does this 401 for ${PII_CANARY}?\ncurl -H "Authorization: token ${CANARY}" https://api.github.com/user`;
const KEY_PROMPT = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\nfix my ssh';

/** Splits a CEF line into its 7 header fields and extension map, honouring the escapes. */
function parseCef(line: string): { header: string[]; ext: Record<string, string> } {
  const header: string[] = [];
  let i = 0;
  let cur = '';
  while (header.length < 7) {
    const c = line[i++]!;
    if (c === '\\') cur += line[i++];
    else if (c === '|') {
      header.push(cur);
      cur = '';
    } else cur += c;
  }
  const ext: Record<string, string> = {};
  for (const m of line.slice(i).matchAll(/(\w+)=((?:\\.|[^\\=])*?)(?= \w+=|$)/g)) ext[m[1]!] = m[2]!.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
  return { header, ext };
}

test('OCSF and CEF exports name the decision and never the prompt, even when the store keeps it', { timeout: 60_000 }, async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims, 'balanced').replace('storePrompts: redacted', 'storePrompts: full'), env: SIM_KEYS });
  const client = await d.client();
  const sent = await client.request('chat/send', { requestId: 'e1', text: SECRET_PROMPT, facts });
  const plain = await client.request('chat/send', { requestId: 'e2', text: 'What does HTTP 418 mean?', facts });
  const blocked = await client.request('chat/send', { requestId: 'e3', text: KEY_PROMPT, facts, policy: 'strict' }).catch((e: unknown) => e);
  assert.ok(blocked, 'the private key prompt is decided');
  await d.stop();
  const env = { AIRLOCK_HOME: d.home };

  const jsonl = await runAirlock(['audit', 'export', '--format', 'jsonl'], '', env);
  assert.equal(jsonl.code, 0, jsonl.stderr);
  assert.ok(jsonl.stdout.includes(PII_CANARY), 'storePrompts: full keeps the prompt in the verifiable JSONL export (the control)');
  assert.ok(!jsonl.stdout.includes(CANARY), 'a secret is masked at rest, so in every export');

  const ocsf = await runAirlock(['audit', 'export', '--format', 'ocsf'], '', env);
  assert.equal(ocsf.code, 0, ocsf.stderr);
  for (const canary of [CANARY, PII_CANARY, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'HTTP 418']) assert.ok(!ocsf.stdout.includes(canary), `no prompt text in OCSF: ${canary}`);
  const events = ocsf.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(events.length, 3);
  for (const e of events) {
    assert.equal(e.class_uid, 6003);
    assert.equal(e.type_uid, 600399);
    assert.equal(e.category_uid, 6);
    assert.equal(typeof e.time, 'number');
    assert.equal(e.metadata.product.name, 'Airlock');
    assert.ok(e.actor && e.api?.operation && e.src_endpoint, 'the class requires actor, api and src_endpoint');
  }
  const [secret, hello, key] = events;
  assert.equal(secret.metadata.uid, sent.record.id);
  assert.equal(secret.unmapped.rule, sent.record.rule.id);
  assert.ok(secret.unmapped.signals.some((s: string) => s.startsWith('secret:')), JSON.stringify(secret.unmapped));
  assert.equal(hello.metadata.uid, plain.record.id);
  assert.equal(hello.action, 'Allowed');
  assert.equal(hello.unmapped.model, plain.record.route.modelId);
  assert.deepEqual(hello.unmapped.tokens, plain.record.tokens);
  assert.equal(key.action, 'Denied');
  assert.equal(key.disposition, 'Blocked');
  assert.equal(key.unmapped.route, 'blocked');
  assert.ok(secret.policy.uid.startsWith('balanced@sha256:'));

  const cef = await runAirlock(['audit', 'export', '--format', 'cef'], '', env);
  assert.equal(cef.code, 0, cef.stderr);
  for (const canary of [CANARY, PII_CANARY, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'HTTP 418']) assert.ok(!cef.stdout.includes(canary), `no prompt text in CEF: ${canary}`);
  const lines = cef.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  const parsed = lines.map(parseCef);
  for (const { header } of parsed) assert.deepEqual(header.slice(0, 3), ['CEF:0', 'Airlock', 'airlockd']);
  assert.equal(parsed[1]!.ext.externalId, plain.record.id);
  assert.equal(parsed[1]!.ext.act, 'allow');
  assert.equal(parsed[1]!.ext.cs1, plain.record.rule.id);
  assert.equal(parsed[1]!.ext.cn1, String(plain.record.tokens?.input));
  assert.equal(parsed[1]!.ext.msg, plain.record.explanation, 'the explanation survives the escaping');
  assert.equal(parsed[2]!.ext.act, 'deny');
  assert.equal(parsed[2]!.header[4], 'decision:blocked');

  assert.equal((await runAirlock(['audit', 'export', '--format', 'ocsf', '--since', '2999-01-01'], '', env)).stdout, '');
  const bad = await runAirlock(['audit', 'export', '--format', 'xml'], '', env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /AIRLOCK_E_USAGE.*--format takes jsonl, ocsf, cef/);
});

test('--follow prints records appended after it started, until SIGINT', { timeout: 60_000 }, async (t) => {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims, 'balanced'), env: SIM_KEYS });
  const client = await d.client();
  const first = await client.request('chat/send', { requestId: 'f1', text: 'What does HTTP 418 mean?', facts });

  const child = spawn(process.execPath, ['--import', 'tsx', AIRLOCK_ENTRY, 'audit', 'export', '--format', 'cef', '--follow'], { env: { ...process.env, AIRLOCK_HOME: d.home }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.exitCode === null && child.kill('SIGKILL'));
  const lines = events<string>('a followed CEF line');
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  assert.equal(parseCef(await lines.next(40_000)).ext.externalId, first.record.id, stderr);
  const second = await client.request('chat/send', { requestId: 'f2', text: 'And HTTP 451?', facts });
  assert.equal(parseCef(await lines.next()).ext.externalId, second.record.id, 'the new record streams out');
  assert.equal(lines.pending, 0, 'each record once');

  child.kill('SIGINT');
  assert.equal(await within(exited, 'the follow to end on SIGINT'), 0, stderr);
  assert.equal(lines.pending, 0);
});
