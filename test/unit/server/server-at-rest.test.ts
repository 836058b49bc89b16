// Nothing raw at rest: canaries in the prompt and in every free-text field a client sends (facts, request id) go
// through a real daemon under each storePrompts setting; afterwards no file under the daemon's home (SQLite and its
// -wal/-shm, the log, everything) and no line of its log holds a canary. The decision is still made on the raw
// facts (a path rule still fires on a masked path).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { AirlockError, type RequestFacts } from '../../../protocol';
import { fileLogger } from '../../../daemon/server/log';
import { startTestDaemon, tempHome } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

/** A GitHub-token-shaped canary unique to `tag` (letters only in the tag keep the token grammar). */
const ghp = (tag: string) => `ghp_${tag}${'Q3vK9mX2pL7wR4tN8sB1cF6hJ0dG5yZ2aE7u'.slice(tag.length)}`;

interface Canaries { secrets: string[]; pii: string[] }

/** One request per storage setting, every free-text field carrying its own canaries. */
function request(s: string) {
  const c = {
    task: ghp(`${s}Task`),
    tier: `xoxb-28461537901${s.length}-1927364850123-${s}TierGhIjKlMnOpQrStUv`.slice(0, 64),
    ragUrl: ghp(`${s}Rag`),
    ragPassword: `Tz8qLm4vR2xNp6${s}W`,
    ragIndex: `AKIAQ7RVN3LK2XW5T${s.toUpperCase().slice(0, 3)}`.padEnd(20, 'Q'),
    tool: `sk_live_51Hq8ZcCanaryQ4vT7wX2nB5mK9pL3${s}D1fG`,
    file: ghp(`${s}File`),
    part: ghp(`${s}Part`),
    conversation: ghp(`${s}Conv`),
    language: ghp(`${s}Lang`),
    requestId: ghp(`${s}ReqId`),
    prompt1: ghp(`${s}Prompt`),
    prompt2: `npm_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O${s}`.slice(0, 40),
    prompt3: `AKIAZ7RVN3LK2XW5T${s.toUpperCase().slice(0, 3)}`.padEnd(20, 'Z'),
    email: `margarethe.${s}@example-mail.de`,
    phone: `+49 30 5557 88${s.length}${s.length}`,
    tierEmail: `ann.${s}@example.org`,
  };
  const facts: RequestFacts = {
    source: 'chat',
    interactive: true,
    filePath: `/home/dev/keys/${c.file}.txt`,
    language: c.language,
    parts: [{ origin: 'file', path: `/srv/app/cfg?token=${c.part}`, language: 'text', start: 0, end: 10 }],
    tools: ['search', `call-with-key ${c.tool}`],
    userTier: c.tier,
    task: `triage for ${c.task}, reply to ${c.tierEmail}`,
    rag: { index: `idx-${c.ragIndex}`, sources: [`https://wiki.corp.example/page?access_token=${c.ragUrl}`, `https://deploy:${c.ragPassword}@git.corp.example/repo.git`] },
    conversationId: `conv-${c.conversation}`,
  };
  const text = `Why does the deploy fail?\nexport GITHUB_TOKEN=${c.prompt1}\nexport NPM_TOKEN=${c.prompt2}\naws_access_key_id = ${c.prompt3}\nMail ${c.email} or call ${c.phone}.\nThe log line said: user=x${c.prompt1}y (the same token, glued).`;
  const canaries: Canaries = {
    secrets: [c.task, c.tier, c.ragUrl, c.ragPassword, c.ragIndex, c.tool, c.file, c.part, c.conversation, c.language, c.requestId, c.prompt1, c.prompt2, c.prompt3],
    pii: [c.email, c.phone, c.tierEmail],
  };
  return { requestId: c.requestId, text, facts, canaries };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

for (const storage of ['none', 'redacted', 'full'] as const) {
  test(`storePrompts ${storage}: no canary from any field at rest under the home or in the log`, async (t) => {
    const sims = await startSims(t);
    const home = tempHome(t, simConfig(sims, 'balanced').replace('storePrompts: redacted', `storePrompts: ${storage}`));
    let logged = '';
    const echo = new PassThrough();
    echo.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));
    const d = await startTestDaemon(t, { home, env: SIM_KEYS, log: fileLogger(home, echo) });
    const client = await d.client();
    const tag = { none: 'nn', redacted: 'rd', full: 'fl' }[storage];
    const req = request(tag);
    const res = await client.request('chat/send', { requestId: req.requestId, text: req.text, facts: req.facts });
    assert.equal(res.record.route.target, 'local', 'the secrets kept it local');
    // A path rule still sees the raw path: `.env` in a masked file path keeps a public prompt local.
    const env = request(`${tag}e`);
    const envFacts = { ...env.facts, filePath: `/srv/${env.canaries.secrets[6]}/.env` };
    const viaPath = await client.request('chat/send', { requestId: env.requestId, text: 'What does HTTP 418 mean?', facts: envFacts });
    assert.equal(viaPath.record.route.target, 'local', viaPath.record.explanation);
    assert.ok(viaPath.record.explanation.includes('.env'), 'the explanation still names the file, masked');
    // A refused request is recorded too: strict blocks a pasted private key, with the same facts.
    const blocked = request(`${tag}b`);
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7c4nAryCanary77\n-----END PRIVATE KEY-----';
    await assert.rejects(client.request('chat/send', { requestId: blocked.requestId, text: pem, facts: blocked.facts, policy: 'strict' }), (e: unknown) => e instanceof AirlockError && e.code === 'AIRLOCK_E_BLOCKED');
    // A review note is kept for good as well.
    const reviewNote = ghp(`${tag}Note`);
    await client.request('decision/review', { id: res.record.id, by: `dana ${ghp(`${tag}By`)}`, note: `checked with ${reviewNote}, ask ${req.canaries.pii[0]}` });
    const { records } = await client.request('decision/list', { limit: 10 });
    assert.equal(records.length, 3);
    assert.ok(records.some((r) => r.status === 'blocked'));
    await d.stop();

    const mustNotAppear = [
      ...[req, env, blocked].flatMap((r) => r.canaries.secrets), reviewNote, ghp(`${tag}By`),
      ...(storage === 'full' ? [] : [req, env, blocked].flatMap((r) => r.canaries.pii)),
    ];
    const files = filesUnder(home);
    assert.ok(files.some((f) => f.endsWith('decisions.sqlite')), files.join());
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      for (const canary of mustNotAppear) assert.ok(!bytes.includes(canary), `${path.basename(file)} holds ${canary}`);
    }
    assert.ok(logged.includes('request done'), 'the log was written');
    for (const canary of mustNotAppear) assert.ok(!logged.includes(canary), `the log holds ${canary}`);
    // Under full, personal data is kept as the prompt keeps it (the setting says so); secrets never.
    if (storage === 'full') assert.ok(files.some((f) => readFileSync(f).toString('latin1').includes(req.canaries.pii[0]!)), 'full keeps the e-mail');
  });
}
