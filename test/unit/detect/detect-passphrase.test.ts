// Secret-named assignments whose value is several words (a passphrase), quoted or as a config line of its own, and the
// look-alikes that are not secrets: prompts, error messages, instructions, templates, metadata names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSecrets } from '../../../daemon/detect/secrets';

async function found(text: string): Promise<string[]> {
  return (await detectSecrets(text)).map((f) => text.slice(f.start, f.end));
}

test('quoted words after any secret-sounding name are a passphrase; the span is the value', async () => {
  const cases: Array<[string, string]> = [
    ['db_password_primary = "orange tractor melts slowly"', 'orange tractor melts slowly'],
    ["deploy_token: 'seven lanterns over Riga'", 'seven lanterns over Riga'],
    ['"passwort": "blauer Himmel über Bremen"', 'blauer Himmel über Bremen'],
    ['  mot_de_passe = "trois chats gris 7"', 'trois chats gris 7'],
    ['signing_secret="quiet river, loud stone"', 'quiet river, loud stone'],
  ];
  for (const [text, value] of cases) assert.deepEqual(await found(text), [value], text);
});

test('an unquoted passphrase counts only as a config line of its own', async () => {
  assert.deepEqual(await found('[smtp]\nhost = mail.internal\npassword = tangerine vortex paddle 42\n'), ['tangerine vortex paddle 42']);
  assert.deepEqual(await found('export VAULT_PASSPHRASE=crimson walrus ballet'), ['crimson walrus ballet']);
  // Prose after "password:" uses function words; a chosen passphrase rarely does.
  assert.deepEqual(await found('password: see the team vault for it'), []);
  assert.deepEqual(await found('Reset steps:\npassword = whatever is in the wiki\n'), []);
  // Inside a sentence, not a config line.
  assert.deepEqual(await found('I think my password = orange tractor melts, is that bad?'), []);
});

test('prompts, messages, templates and metadata names under a secret word are not passphrases', async () => {
  const negatives = [
    'password_label = "Enter your password"',
    'token_help: "Paste the token here"',
    'secret_question = "name of first pet"',
    'password_error: "Wrong password, try again"',
    'api_key: "{{ vault api key }}"',
    'token: "two words"',
    'description: "a secret handshake between services"',
    'password => m{{h}o)p${e]nob(ody',
  ];
  for (const text of negatives) assert.deepEqual(await found(text), [], text);
});
