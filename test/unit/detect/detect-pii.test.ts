import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPii } from '../../../daemon/detect/pii';
import { ibanValid, isCardNumber, luhnValid, ssnValid } from '../../../daemon/detect/pii/checksums';

/** [type, exact matched text] for each finding. */
const found = (text: string) => detectPii(text).map((f) => [f.type, text.slice(f.start, f.end)]);
const typesOf = (text: string) => detectPii(text).map((f) => f.type);

test('e-mail addresses, with exact spans', () => {
  assert.deepEqual(found('Send the report to jane.doe+billing@example.co.uk, thanks.'), [['email', 'jane.doe+billing@example.co.uk']]);
  assert.deepEqual(found('icon@2x.png and @types/node are not addresses'), []);
});

test('phone numbers in international and US formats, with extensions', () => {
  assert.deepEqual(found('Call our London office on +44 20 7946 0958 today'), [['phone', '+44 20 7946 0958']]);
  assert.deepEqual(found('Support: (555) 123-4567 or 555.123.4567'), [
    ['phone', '(555) 123-4567'],
    ['phone', '555.123.4567'],
  ]);
  assert.deepEqual(found('Desk line 415-555-0199 ext. 42.'), [['phone', '415-555-0199 ext. 42']]);
  // Without a cue, a bare digit grouping is not called a phone; with one it is.
  assert.deepEqual(found('The batch holds 0612 34 56 78 rows'), []);
  assert.deepEqual(found('Mobile: 0612 34 56 78'), [['phone', '0612 34 56 78']]);
});

test('payment cards are Luhn- and issuer-checked', () => {
  assert.deepEqual(found('Card: 4111 1111 1111 1111, exp 09/27'), [['credit-card', '4111 1111 1111 1111']]);
  assert.deepEqual(found('amex 3782-822463-10005 on file'), [['credit-card', '3782-822463-10005']]);
  assert.deepEqual(typesOf('Card: 4111 1111 1111 1112'), [], 'Luhn-invalid');
  assert.equal(luhnValid('79927398713'), true);
  assert.equal(isCardNumber('1234567812345670'), false, 'Luhn-valid but no issuer starts with 1234');
});

test('IBANs are mod-97 and length checked', () => {
  assert.deepEqual(found('Pay to DE89 3704 0044 0532 0130 00 by Friday'), [['iban', 'DE89 3704 0044 0532 0130 00']]);
  assert.deepEqual(found('IBAN GB82WEST12345698765432.'), [['iban', 'GB82WEST12345698765432']]);
  assert.deepEqual(typesOf('IBAN GB82WEST12345698765433'), [], 'check digits wrong');
  assert.equal(ibanValid('DE8937040044053201300'), false, 'one character short for DE');
});

test('US social security numbers follow the SSA rules', () => {
  assert.deepEqual(found('SSN 123-45-6789 on the form'), [['us-ssn', '123-45-6789']]);
  assert.deepEqual(typesOf('id 000-12-3456'), []);
  assert.deepEqual(typesOf('id 666-12-3456'), []);
  assert.deepEqual(typesOf('id 912-12-3456'), []);
  assert.equal(ssnValid('123', '00', '4567'), false);
  assert.equal(ssnValid('123', '45', '0000'), false);
  // Nine bare digits need the word.
  assert.deepEqual(typesOf('order 123456789 shipped'), []);
  assert.deepEqual(found('my social security number is 123456789'), [['us-ssn', '123456789']]);
});

test('IP addresses: public v4 and v6 reported, loopback skipped, private at low confidence', () => {
  assert.deepEqual(found('Blocked 203.0.113.42 and 2001:db8::8a2e:370:7334 at the edge'), [
    ['ip-address', '203.0.113.42'],
    ['ip-address', '2001:db8::8a2e:370:7334'],
  ]);
  assert.deepEqual(typesOf('listen on 127.0.0.1:8080 or 0.0.0.0, mask 255.255.255.0, ::1'), []);
  const [priv] = detectPii('db at 10.0.4.17');
  assert.equal(priv?.type, 'ip-address');
  assert.ok((priv?.confidence ?? 1) < 0.7);
  assert.deepEqual(typesOf('octet out of range 256.1.1.1'), []);
});

test('street addresses', () => {
  assert.deepEqual(found('Ship it to 1600 Pennsylvania Ave NW, Washington, DC 20500 please'), [
    ['street-address', '1600 Pennsylvania Ave NW, Washington, DC 20500'],
  ]);
  assert.deepEqual(found('She lives at 221B Baker Street, Apt 2'), [['street-address', '221B Baker Street, Apt 2']]);
  assert.deepEqual(found('Unser Büro: Hauptstraße 5'), [['street-address', 'Hauptstraße 5']]);
});

test('person names from lists and context', () => {
  assert.deepEqual(found('Please forward this to Sarah Johnson before noon.'), [['person-name', 'Sarah Johnson']]);
  assert.deepEqual(found('Dear Mr. Okonkwo, your order shipped.'), [['person-name', 'Okonkwo']]);
  assert.deepEqual(found('Hi, my name is Priya and I need help.'), [['person-name', 'Priya']]);
  assert.deepEqual(found('Escalate to John A. Leiva.'), [['person-name', 'John A. Leiva']]);
  assert.deepEqual(found('Thanks,\nMarta Kowalski\nAcme support'), [['person-name', 'Marta Kowalski']]);
});

test('names stay quiet on prose, sentence starts, products and code identifiers', () => {
  assert.deepEqual(typesOf('The compiler will rewrite this. May we merge it? Rust and Swift both do this.'), []);
  assert.deepEqual(typesOf('Call `Post::new` and then `Job` runs; obj.Grace = Grace(1);'), []);
  assert.deepEqual(typesOf('Hill Inc. announced results; Davis Orchestra plays tonight.'), []);
  assert.deepEqual(typesOf('France was fun to visit, and Czech Republic too.'), []);
});

test('near misses: versions, dates, timestamps, hashes, identifiers', () => {
  const text = [
    'Upgrade to v1.2.3.4 or 10.15.7, released 2024-03-15 at 12:30:45 (15/03/2024).',
    'Commit 3f2a9c1b7e4d5f60718293a4b5c6d7e8f9012345, build 20240315123045.',
    'See RFC 7231 section 6.5.1; const MAX_RETRIES = 1234567; port 8080; uuid 550e8400-e29b-41d4-a716-446655440000.',
    'Total: 1,234,567.89 USD; std::vector<int> v; 00:1A:2B:3C:4D:5E.',
  ].join('\n');
  assert.deepEqual(found(text), []);
});

test('spans are UTF-16 offsets: exact after emoji and accented text', () => {
  const text = 'Ünïcødé 😀🎉 → mail zoë@example.org or call +49 30 901820';
  const f = found(text);
  assert.deepEqual(f, [
    ['email', 'zoë@example.org'],
    ['phone', '+49 30 901820'],
  ]);
});

test('results are sorted by start and overlaps are merged', () => {
  const text = 'Contact: Anna Berg, anna@berg.se, +46 8 123 456 78';
  const findings = detectPii(text);
  for (let i = 1; i < findings.length; i++) assert.ok(findings[i]!.start >= findings[i - 1]!.end);
  assert.deepEqual(findings.map((f) => f.type), ['person-name', 'email', 'phone']);
  for (const f of findings) {
    assert.equal(f.kind, 'pii');
    assert.ok(f.label.length > 0);
  }
});

test('empty input gives no findings', () => {
  assert.deepEqual(detectPii(''), []);
});

test('a 1 MB pathological input completes and finds what is there', () => {
  const nasty = [
    '1'.repeat(200_000),
    '1 '.repeat(50_000),
    'a.'.repeat(50_000) + '@',
    'A'.repeat(100_000),
    ':1'.repeat(50_000),
    '1.'.repeat(50_000),
    'Aa '.repeat(50_000),
    '+1 '.repeat(30_000),
  ].join('\n');
  const text = `${nasty}\nreach me at bob@example.com\n${nasty.slice(0, 100_000)}`;
  assert.ok(text.length > 1_000_000);
  const emails = detectPii(text).filter((f) => f.type === 'email');
  assert.deepEqual(emails.map((f) => text.slice(f.start, f.end)), ['bob@example.com']);
});

test("US driver's license numbers only after a license cue, in state shapes", () => {
  assert.deepEqual(found("Her driver's license number is D4812207 (California)."), [['us-driver-license', 'D4812207']]);
  assert.deepEqual(found('DL# S530-4127-9936 issued in Illinois'), [['us-driver-license', 'S530-4127-9936']]);
  assert.deepEqual(found('NY licence number: 412 889 105'), [['us-driver-license', '412 889 105']]);
  // Near misses: the same shapes without a cue, a cue without a value, too few digits.
  assert.deepEqual(typesOf('Ticket D4812207 was closed'), []);
  assert.deepEqual(typesOf("my driver's license expired in 2019"), []);
  assert.deepEqual(typesOf('license number 42'), []);
});

test('lowercase names need a listed surname or a cue', () => {
  assert.deepEqual(found('please loop in maria kowalski on this'), [['person-name', 'maria kowalski']]);
  assert.deepEqual(found('can you follow up with patricia tomorrow'), [['person-name', 'patricia']]);
  assert.deepEqual(found('anyway, my name is thandiwe'), [['person-name', 'thandiwe']]);
  assert.deepEqual(found("i read olga petrova's report"), [['person-name', 'olga petrova']]);
  // A first-name-like word alone, or followed by a verb, is not a name.
  assert.deepEqual(typesOf('the journey has been long and each signed variant stores a number'), []);
  assert.deepEqual(typesOf('maria is a database; call me later'), []);
  assert.deepEqual(typesOf('let mut guess = String::new(); the line has a variable'), []);
});

test('possessives, titles and "name is" let a listed or common word be a name', () => {
  assert.deepEqual(found("It was Asya's idea."), [['person-name', 'Asya']]);
  assert.deepEqual(found('Dr. Burke will see you now'), [['person-name', 'Burke']]);
  assert.deepEqual(found('Her maiden name is Key'), [['person-name', 'Key']]);
  assert.deepEqual(found('The account holder is Ruslan Abramovich'), [['person-name', 'Ruslan Abramovich']]);
  // Titles still do not turn function words into names.
  assert.deepEqual(typesOf('Ask Dr. The'), []);
});

test('biographical verbs cue an unknown name; leading job words are dropped', () => {
  assert.deepEqual(found('Director Tiwaporn Quesk explained the outage.'), [['person-name', 'Tiwaporn Quesk']]);
  assert.deepEqual(found('Ostrowiak grew up in Gdansk.'), [['person-name', 'Ostrowiak']]);
  assert.deepEqual(typesOf('Kubernetes schedules the pods.'), []);
});

test('after an address cue a street needs no street-type word', () => {
  // The city after the street belongs to the postal block, and redaction covers it too.
  assert.deepEqual(found('My address is Kastanjelaan 14, Utrecht'), [['street-address', 'Kastanjelaan 14, Utrecht']]);
  assert.deepEqual(found('please ship it to 4410 Rua Augusta 27'), [['street-address', '4410 Rua Augusta 27']]);
  assert.deepEqual(found('we are located at the corner of Lindholmen 9 and the harbour'), [['street-address', 'Lindholmen 9']]);
  // Lowercase-typed text and non-Latin scripts.
  assert.deepEqual(found('new address: 12 οδός αθηνάς 40, αθήνα'), [['street-address', '12 οδός αθηνάς 40']]);
  // Near misses: a delivery cue needs a building number; a memory address is no street.
  assert.deepEqual(typesOf("We'll return to Chapter 17 later."), []);
  // Military mail typed in lowercase keeps its distinctive APO/FPO tail.
  assert.deepEqual(found('forward it to psc 4471, box 2210\napo ae 09021'), [['street-address', 'psc 4471, box 2210\napo ae 09021']]);
  assert.deepEqual(typesOf('the apo ae team met in room 09021'), []);
  assert.deepEqual(typesOf('The address 0 and offset 4 are both valid; the value lives in Box 2.'), []);
});
