// Vendor token formats: each with a positive built at run time (no complete token sits in the repository) and the
// near misses that are not that vendor's token.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSecrets } from '../../daemon/detect/secrets';

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
