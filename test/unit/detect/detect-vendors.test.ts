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

// Every vendor issue 14 names ("GitHub's CRC32 suffix, npm, PyPI macaroons, Slack, Stripe, Twilio, SendGrid, Tailscale,
// Doppler, HashiCorp Vault, Databricks, Hugging Face, Anthropic, OpenAI, Groq, Google, Azure, Atlassian, GitLab's
// families, Grafana, Shopify, Linear, Postman"), each with a token as its generator makes it (the type the scan must
// report) and the same format filled the way documentation fills it (which must not be reported).
const HEX = '0123456789abcdef';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const ISSUE_VENDORS = ['GitHub', 'npm', 'PyPI', 'Slack', 'Stripe', 'Twilio', 'SendGrid', 'Tailscale', 'Doppler', 'HashiCorp Vault', 'Databricks',
  'Hugging Face', 'Anthropic', 'OpenAI', 'Groq', 'Google', 'Azure', 'Atlassian', 'GitLab', 'Grafana', 'Shopify', 'Linear', 'Postman'];
/** Where a format is only a secret in its context (Azure's storage key after `AccountKey=`), the texts it is tried in. */
type Contexts = (token: string) => string[];
const plainContexts: Contexts = (t) => [`export TOKEN=${t}`, `the key ${t} stopped working`];
const azureContexts: Contexts = (t) => [`DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${t};EndpointSuffix=core.windows.net`, `conn = "AccountName=acme;AccountKey=${t}"`];
const VENDOR_TABLE: Array<{ vendor: string; type: string; real: string; placeholder: string; contexts?: Contexts }> = [
  { vendor: 'GitHub', type: 'github-token', real: `ghp_${body(36, 'v-ghp')}`, placeholder: `ghp_${'x'.repeat(36)}` },
  { vendor: 'GitHub', type: 'github-token', real: `gho_${body(36, 'v-gho')}`, placeholder: `gho_${'0'.repeat(36)}` },
  { vendor: 'GitHub', type: 'github-token', real: `ghu_${body(36, 'v-ghu')}`, placeholder: `ghu_${'X'.repeat(36)}` },
  { vendor: 'GitHub', type: 'github-token', real: `ghs_${body(36, 'v-ghs')}`, placeholder: `ghs_EXAMPLE${'x'.repeat(29)}` },
  { vendor: 'GitHub', type: 'github-token', real: `ghr_${body(36, 'v-ghr')}`, placeholder: `ghr_${'x'.repeat(36)}` },
  { vendor: 'GitHub', type: 'github-token', real: `github_pat_11${body(20, 'v-gp1')}_${body(59, 'v-gp2')}`, placeholder: `github_pat_${'x'.repeat(22)}_${'x'.repeat(59)}` },
  { vendor: 'npm', type: 'npm-token', real: `npm_${body(36, 'v-npm')}`, placeholder: `npm_${'0'.repeat(36)}` },
  { vendor: 'PyPI', type: 'pypi-token', real: `pypi-AgEIcHlwaS5vcmc${body(80, 'v-pypi')}`, placeholder: `pypi-AgEIcHlwaS5vcmc${'x'.repeat(80)}` },
  { vendor: 'Slack', type: 'slack-token', real: `xoxb-${body(11, 'v-s1', '0123456789')}-${body(12, 'v-s2', '0123456789')}-${body(24, 'v-s3')}`, placeholder: `xoxb-${'x'.repeat(40)}` },
  { vendor: 'Stripe', type: 'stripe-secret-key', real: `sk_live_${body(24, 'v-st')}`, placeholder: `sk_live_${'x'.repeat(24)}` },
  { vendor: 'Stripe', type: 'stripe-secret-key', real: `rk_live_${body(24, 'v-rk')}`, placeholder: `rk_live_${'0'.repeat(24)}` },
  { vendor: 'Twilio', type: 'twilio-key', real: `SK${body(32, 'v-tw', HEX)}`, placeholder: `SK${'0'.repeat(32)}` },
  { vendor: 'SendGrid', type: 'sendgrid-api-key', real: `SG.${body(22, 'v-sg1')}.${body(43, 'v-sg2')}`, placeholder: `SG.${'x'.repeat(22)}.${'x'.repeat(43)}` },
  { vendor: 'Tailscale', type: 'tailscale-key', real: `tskey-auth-${body(12, 'v-ts1')}-${body(24, 'v-ts2')}`, placeholder: `tskey-auth-${'x'.repeat(12)}-${'x'.repeat(24)}` },
  { vendor: 'Doppler', type: 'doppler-token', real: `dp.st.prd.${body(40, 'v-dp')}`, placeholder: `dp.st.prd.${'x'.repeat(40)}` },
  { vendor: 'HashiCorp Vault', type: 'vault-token', real: `hvs.${body(24, 'v-hv')}`, placeholder: `hvs.${'x'.repeat(24)}` },
  { vendor: 'Databricks', type: 'databricks-token', real: `dapi${body(32, 'v-db', HEX)}`, placeholder: `dapi${'0'.repeat(32)}` },
  { vendor: 'Hugging Face', type: 'huggingface-token', real: `hf_${body(34, 'v-hf', LETTERS)}`, placeholder: `hf_${'x'.repeat(34)}` },
  { vendor: 'Anthropic', type: 'anthropic-api-key', real: `sk-ant-api03-${body(93, 'v-an')}AA`, placeholder: `sk-ant-api03-${'x'.repeat(93)}AA` },
  { vendor: 'OpenAI', type: 'openai-api-key', real: `sk-proj-${body(48, 'v-oa')}`, placeholder: `sk-proj-${'x'.repeat(48)}` },
  { vendor: 'Groq', type: 'groq-api-key', real: `gsk_${body(52, 'v-gq')}`, placeholder: `gsk_${'x'.repeat(52)}` },
  { vendor: 'Google', type: 'google-api-key', real: `AIza${body(35, 'v-go')}`, placeholder: `AIza${'x'.repeat(35)}` },
  { vendor: 'Azure', type: 'azure-storage-key', real: `${body(86, 'v-az')}==`, placeholder: `${'x'.repeat(86)}==`, contexts: azureContexts },
  { vendor: 'Azure', type: 'azure-client-secret', real: `${body(3, 'v-aa1')}8Q~${body(34, 'v-aa2')}`, placeholder: `xxx8Q~${'x'.repeat(34)}` },
  { vendor: 'Atlassian', type: 'atlassian-api-token', real: `ATATT3${body(186, 'v-at')}`, placeholder: `ATATT3${'x'.repeat(186)}` },
  { vendor: 'GitLab', type: 'gitlab-token', real: `glpat-${body(20, 'v-gl')}`, placeholder: `glpat-${'x'.repeat(20)}` },
  { vendor: 'GitLab', type: 'gitlab-token', real: `glpat-${body(80, 'v-glr')}.01${body(7, 'v-glr2', B36)}`, placeholder: `glpat-${'x'.repeat(80)}.01${'0'.repeat(7)}` },
  { vendor: 'GitLab', type: 'gitlab-token', real: `glrt-t1_${body(40, 'v-rr')}.01${body(7, 'v-rr2', B36)}`, placeholder: `glrt-t1_${'x'.repeat(40)}.01${'0'.repeat(7)}` },
  { vendor: 'GitLab', type: 'gitlab-token', real: `gldt-${body(20, 'v-gd')}`, placeholder: `gldt-${'x'.repeat(20)}` },
  { vendor: 'GitLab', type: 'gitlab-token', real: `glptt-${body(40, 'v-gp', HEX)}`, placeholder: `glptt-${'0'.repeat(40)}` },
  { vendor: 'GitLab', type: 'gitlab-token', real: `GR1348941${body(20, 'v-grr')}`, placeholder: `GR1348941${'x'.repeat(20)}` },
  { vendor: 'GitLab', type: 'gitlab-token', real: `glffct-${body(20, 'v-gff')}`, placeholder: `glffct-${'x'.repeat(20)}` },
  { vendor: 'GitLab', type: 'gitlab-token', real: `gloas-${body(64, 'v-goa')}`, placeholder: `gloas-${'x'.repeat(64)}` },
  { vendor: 'Grafana', type: 'grafana-token', real: `glc_${body(40, 'v-gc')}`, placeholder: `glc_${'x'.repeat(40)}` },
  { vendor: 'Grafana', type: 'grafana-token', real: `glsa_${body(32, 'v-gs')}_${body(8, 'v-gs2', HEX)}`, placeholder: `glsa_${'x'.repeat(32)}_${'0'.repeat(8)}` },
  { vendor: 'Shopify', type: 'shopify-token', real: `shpat_${body(32, 'v-sh', HEX)}`, placeholder: `shpat_${'0'.repeat(32)}` },
  { vendor: 'Linear', type: 'linear-api-key', real: `lin_api_${body(40, 'v-li')}`, placeholder: `lin_api_${'x'.repeat(40)}` },
  { vendor: 'Postman', type: 'postman-api-key', real: `PMAK-${body(24, 'v-pm', HEX)}-${body(34, 'v-pm2', HEX)}`, placeholder: `PMAK-${'0'.repeat(24)}-${'0'.repeat(34)}` },
];

test('the vendor table covers every vendor issue 14 lists', () => {
  const covered = new Set(VENDOR_TABLE.map((v) => v.vendor));
  assert.deepEqual(ISSUE_VENDORS.filter((v) => !covered.has(v)), []);
});

test('every listed vendor: a generated token is reported with its vendor type, in prose and after `=`; its placeholder is not', async () => {
  for (const v of VENDOR_TABLE) {
    const contexts = v.contexts ?? plainContexts;
    for (const text of contexts(v.real)) assert.deepEqual(await found(text), [[v.type, v.real]], `${v.vendor}: ${text}`);
    for (const text of contexts(v.placeholder)) assert.deepEqual(await found(text), [], `${v.vendor} placeholder: ${text}`);
  }
});
