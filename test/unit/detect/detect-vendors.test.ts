// Vendor token formats: each with a positive built at run time (no complete token sits in the repository) and the
// near misses that are not that vendor's token.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { detectSecrets } from '../../../daemon/detect/secrets';

async function found(text: string): Promise<Array<[string, string]>> {
  return (await detectSecrets(text)).map((f) => [f.type, text.slice(f.start, f.end)]);
}

// Discord: base64(user id) . 6-char timestamp . 27+ char HMAC.
const discordId = Buffer.from('912840561327419021').toString('base64').replace(/=+$/, '');
const discord = `${discordId}.Gk7pQz.${'Qm9Xa2Lr7Tw1Vb5Nc3Ej8Hu0Pd4Sy6Fg2K'.slice(0, 33)}`;

test('Discord bot token: alone, after `=`, and glued to what precedes it (the span takes in the glued run)', async () => {
  assert.match(discordId, /^[MNO]/);
  assert.deepEqual(await found(discord), [['discord-bot-token', discord]]);
  assert.deepEqual(await found(`DISCORD_TOKEN=${discord}`), [['discord-bot-token', discord]]);
  assert.deepEqual(await found(`client.login("${discord}")`), [['discord-bot-token', discord]]);
  // Copied with two stray characters in front: detect-secrets matches the token inside the run, and so do we; the
  // redaction covers the whole run so no 8-character piece of it is left.
  assert.deepEqual(await found(`xQ${discord}`), [['discord-bot-token', `xQ${discord}`]]);
});

test('Discord look-alikes: wrong part lengths, a first part that cannot start with M/N/O anywhere', async () => {
  const [id, ts, mac] = discord.split('.') as [string, string, string];
  for (const text of [
    `${id}.${ts.slice(0, 5)}.${mac}`, // timestamp part too short
    `${id}.${ts}.${mac.slice(0, 26)}`, // HMAC part too short
    `P${id.slice(1)}.${ts}.${mac}`.replace(/[MNO]/g, 'Q'), // no M/N/O to start a 24–26 character id part
    'com.example.app.MainActivity.onCreate', // dotted identifiers
  ]) assert.deepEqual(await found(text), [], text);
});

// A deterministic random-looking body: what a generator gives, never typed by a person.
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function body(n: number, seed: string, alphabet = B62): string {
  let out = '';
  for (let i = 0; out.length < n; i++) for (const byte of createHash('sha256').update(`${seed}:${i}`).digest()) if (out.length < n) out += alphabet[byte % alphabet.length];
  return out;
}
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Vendor formats: a token as a generator makes it, and the same format filled the way documentation fills it. */
const FORMATS: Array<{ name: string; real: string; examples: string[] }> = [
  { name: 'AWS access key id', real: `AKIA${body(16, 'aws', UPPER_DIGITS)}`, examples: ['AKIAIOSFODNN7EXAMPLE', 'AKIAXXXXXXXXXXXXXXXX', 'AKIA0000000000000000'] },
  { name: 'GitHub PAT', real: `ghp_${body(36, 'gh')}`, examples: [`ghp_${'x'.repeat(36)}`, `ghp_${'0'.repeat(36)}`, `ghp_${'abcdefghijklmnopqrstuvwxyz0123456789'}`] },
  { name: 'GitLab PAT', real: `glpat-${body(20, 'gl')}`, examples: [`glpat-${'X'.repeat(20)}`, 'glpat-EXAMPLEexampleEXAMPLE'] },
  { name: 'Slack bot token', real: `xoxb-${body(11, 's1', '0123456789')}-${body(12, 's2', '0123456789')}-${body(24, 's3')}`, examples: [`xoxb-${'x'.repeat(34)}`] },
  { name: 'Stripe live key', real: `sk_live_${body(24, 'st')}`, examples: [`sk_live_${'x'.repeat(24)}`, `sk_live_${'0'.repeat(24)}`] },
  { name: 'npm token', real: `npm_${body(36, 'npm')}`, examples: [`npm_${'x'.repeat(36)}`] },
  { name: 'OpenAI key', real: `sk-proj-${body(48, 'oa')}`, examples: [`sk-proj-${'x'.repeat(48)}`, 'sk-proj-your-api-key-here-0000000000'] },
  { name: 'Tailscale auth key', real: `tskey-auth-${body(12, 'ts1')}-${body(24, 'ts2')}`, examples: [`tskey-auth-${'C'.repeat(12)}-${'D'.repeat(24)}`] },
  { name: 'Vault token', real: `hvs.${body(24, 'hv')}`, examples: [`hvs.${'x'.repeat(24)}`] },
];

test('vendor formats: a generated token is found; documentation examples and filler in the same format are not', async () => {
  for (const f of FORMATS) {
    const line = `export TOKEN=${f.real}`;
    assert.deepEqual((await found(line)).map(([, v]) => v), [f.real], `${f.name}: ${f.real}`);
    for (const example of f.examples) assert.deepEqual(await found(`export TOKEN=${example}`), [], `${f.name}: ${example}`);
  }
});

test('a generated token with an incidental short word in it is still found ("fake" is no stopword for vendor formats)', async () => {
  const token = `ghp_${body(14, 'w1')}fake${body(18, 'w2')}`;
  assert.deepEqual((await found(token)).map(([, v]) => v), [token]);
});
