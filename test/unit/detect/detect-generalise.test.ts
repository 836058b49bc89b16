// Issue 14: detection that generalises beyond the shared corpora. One test per category, with cases written
// for it (different names, streets and values from the eval sets in test/eval/extra) and negatives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectCode } from '../../../daemon/detect/code';
import { detectPii } from '../../../daemon/detect/pii';
import { detectSecrets } from '../../../daemon/detect/secrets';

const ofType = (text: string, type: string) => detectPii(text).filter((f) => f.type === type).map((f) => text.slice(f.start, f.end));
const names = (text: string) => ofType(text, 'person-name');
const secretValues = async (text: string) => (await detectSecrets(text)).map((f) => text.slice(f.start, f.end));

test('names marked by a cue, whatever the language and case', () => {
  assert.deepEqual(names('my daughter Nkechi starts school tomorrow'), ['Nkechi']);
  assert.deepEqual(names('our landlord bartosz zieliński never answers'), ['bartosz zieliński']);
  assert.deepEqual(names('I booked Dr. Oyelaran for Tuesday'), ['Oyelaran']);
  assert.deepEqual(names('Patient: Rahel Tesfaye\nReason: follow-up'), ['Rahel Tesfaye']);
  assert.ok(names('Ingibjörg, can you check the CI logs?').includes('Ingibjörg'));
  assert.deepEqual(names('The build is green again.\n\nKind regards,\nTariq Bouzid'), ['Tariq Bouzid']);
  assert.ok(names('Hamid Karimzadeh said the VPN drops every hour').includes('Hamid Karimzadeh'));
  assert.ok(names("please update Nnamdi Eze's email address").some((n) => n.includes('Nnamdi')));
});

test('cue positions filled by products, common words and code stay unnamed', () => {
  for (const text of [
    'my manager approved the rollout',
    'Terraform said the state file is locked.',
    'name: deploy\nruns-on: ubuntu-latest',
    'User: anonymous\nAction: read',
    'Remember, the cache is per branch.',
    'Additionally, we can pin the version.',
    'The parent type is not present in this crate.',
    'Stripe said the signature is invalid.',
    'The tests pass now.\n\nThanks',
    'cli\n\nUserPromptSubmit',
    'The hook fired for this event:\n\nPreToolUse',
    'We’ve mentioned that the method is called twice.',
  ]) assert.deepEqual(names(text), [], text);
});

test('addresses in other countries’ formats', () => {
  for (const [text, part] of [
    ['Paket bitte an Goethestraße 9, 04109 Leipzig', 'Goethestraße 9'],
    ['on habite 7 boulevard Gambetta, 38000 Grenoble', '7 boulevard Gambetta'],
    ['spedire a Via Roma 15, 10121 Torino', 'Via Roma 15'],
    ['mi casa: Calle Serrano 41, Madrid', 'Calle Serrano 41'],
    ['Prinsengracht 263, 1016 GV Amsterdam', 'Prinsengracht 263'],
    ['P.O. Box 1180, Gaborone', 'P.O. Box 1180'],
    ['Postfach 1234, 80331 München', 'Postfach 1234'],
  ] as const) assert.ok(ofType(text, 'street-address').some((a) => a.includes(part)), text);
  assert.deepEqual(ofType('Send to:\nKolokotroni 8\n546 21 Thessaloniki', 'street-address'), ['Kolokotroni 8\n546 21 Thessaloniki']);
  for (const text of ['The rue and via columns are nullable.', 'Go via Frankfurt to reach Vienna', 'The box 3 of the grid is empty.', 'Release 2024 Berlin edition'])
    assert.deepEqual(ofType(text, 'street-address'), [], text);
});

test('phone numbers in national formats and IBANs in any case', () => {
  assert.deepEqual(ofType('Festnetz 089 2345 6789', 'phone'), ['089 2345 6789']);
  assert.deepEqual(ofType('appelle-moi au 07 81 22 33 44', 'phone'), ['07 81 22 33 44']);
  assert.deepEqual(ofType('telefono: 333 123 4567', 'phone'), ['333 123 4567']);
  assert.deepEqual(ofType('my iban: gb82 west 1234 5698 7654 32', 'iban'), ['gb82 west 1234 5698 7654 32']);
  for (const text of ['released on 2024-03-15', 'version 0.12.3', 'order 0042', 'costs 012 EUR', 'gb82west12345698765433 is no iban'])
    assert.deepEqual([...ofType(text, 'phone'), ...ofType(text, 'iban')], [], text);
});

test('placeholders are not secrets; real-looking values in the same place are', async () => {
  for (const text of [
    'db_password = "xxxxxxxxxxxxxxxx"',
    'api_secret: 1234567890abcdefgh',
    'secret_key: "${SECRET_KEY}"',
    'token: "{{ vault_token }}"',
    'password=%s',
    'client_secret = "<client-secret>"',
    'app_secret = "Vq7EXAMPLEkey9Zt2Lm4"',
    'auth_token = "your-auth-token-here"',
    'GITHUB_TOKEN=ghp_<your-token>',
    'Authorization: Basic YWRtaW46cGFzc3dvcmQ=', // admin:password
  ]) assert.deepEqual(await secretValues(text), [], text);
  assert.deepEqual(await secretValues('db_password = "q7Rk2vLx9Wm4Tz8P"'), ['q7Rk2vLx9Wm4Tz8P']);
  assert.deepEqual(await secretValues('Authorization: Basic ' + Buffer.from('ci:Vr8kQ2xLm9Tz4Wp').toString('base64')), [Buffer.from('ci:Vr8kQ2xLm9Tz4Wp').toString('base64')]);
});

test('generic assignments in markup forms and other languages', async () => {
  for (const [text, value] of [
    ['<add key="DbPassword" value="Hq4!zT9wLm2Rx7Vb" />', 'Hq4!zT9wLm2Rx7Vb'],
    ['<secret>P8xw2LqZ7mN4tR9k</secret>', 'P8xw2LqZ7mN4tR9k'],
    ['machine git.internal login ci password Zt7qW2mK9xLp4R', 'Zt7qW2mK9xLp4R'],
    ['kennwort = "Lr7!xQ2mZ9wT4kVb"', 'Lr7!xQ2mZ9wT4kVb'],
    ['hasło: Bq8Zx2Lm7Tw4Rk9P', 'Bq8Zx2Lm7Tw4Rk9P'],
    ['contraseña = "Mx9Lq2Zt7Wk4Rb8V"', 'Mx9Lq2Zt7Wk4Rb8V'],
    ['passphrase = "orange Tiger 42 jumps"', 'orange Tiger 42 jumps'],
    ['DOPPLER_TOKEN=dp.st.dev.' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0', 'dp.st.dev.a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0'],
  ] as const) assert.deepEqual(await secretValues(text), [value], text);
  for (const text of ['<password>changeme</password>', '<name>billing-service</name>', 'passphrase = "enter your passphrase"', 'machine api login u password changeme', 'senha: ${SENHA}'])
    assert.deepEqual(await secretValues(text), [], text);
});

test('code in languages without a grammar is code; prose about them is not', () => {
  for (const text of [
    'FROM python:3.12-slim\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]',
    'kubectl get pods -n prod | grep -v Running',
    'Get-Service | Where-Object { $_.Status -eq "Stopped" } | Start-Service',
    'update accounts set active = false where last_login < now() - interval \'1 year\'',
    'deploy:\n  stage: release\n  script:\n    - ./release.sh\n  only:\n    - tags',
    "namespace :db do\n  task migrate: :environment do\n    puts 'ok'\n  end\nend",
  ]) assert.equal(detectCode(text).isCode, true, text);
  for (const text of [
    'Select the rows you want from the table, then press delete.',
    'Find the file in your downloads folder and make a copy of it.',
    'Update: the release is delayed until next week.',
    'Get-Help is the PowerShell command people forget about.',
  ]) assert.equal(detectCode(text).isCode, false, text);
});
