// Personal data the span-by-span detectors cut short: a postal address is a block (street, unit, city, country,
// postcode), a name is spelled by the person's e-mail address, and a street can be "Name street-word number".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPii } from '../../../daemon/detect/pii';

const found = (text: string): Array<[string, string]> => detectPii(text).map((f) => [f.type, text.slice(f.start, f.end)]);
const addresses = (text: string): string[] => found(text).filter(([t]) => t === 'street-address').map(([, v]) => v);

test('an address extends over the unit, city, country and postcode lines of its block', () => {
  assert.deepEqual(addresses('William Hughes\n\n20789 Allika 46\n Suite 501\n Riisa\n\n Estonia 62488'), ['20789 Allika 46\n Suite 501\n Riisa\n\n Estonia 62488']);
  assert.deepEqual(addresses('>Gyala Antall\n>3369 24 Clarke Avenue\n>Apt. 805\n>Pines Beach\n>New Zealand 34694'), ['3369 24 Clarke Avenue\n>Apt. 805\n>Pines Beach\n>New Zealand 34694']);
  assert.deepEqual(addresses('Send it to 638 2229 Wolmarans St\nCaxias do Sul, RS 24893'), ['638 2229 Wolmarans St\nCaxias do Sul, RS 24893']);
});

test('places that run into prose count up to their postcode, and a line of prose ends the block', () => {
  assert.deepEqual(addresses('Please return to Via Tasso 129\n Netherlands 02032 in case of an issue.'), ['Via Tasso 129\n Netherlands 02032']);
  assert.deepEqual(addresses('Ship to 1600 Pennsylvania Ave NW, Washington, DC 20500 please'), ['1600 Pennsylvania Ave NW, Washington, DC 20500']);
  assert.deepEqual(addresses('We met at Via Tasso 129\nand then went home.'), ['Via Tasso 129']);
});

test('an intersection is one finding: the phrase and both streets', () => {
  // The cross street may read as a name ("Sigurmundsson Greens"): the merged finding covers the whole intersection.
  const values = (text: string): string[] => found(text).map(([, v]) => v);
  assert.deepEqual(values('Our offices are located at the corner of Östbygatan 14 and Sigurmundsson Greens'), ['the corner of Östbygatan 14 and Sigurmundsson Greens']);
  assert.deepEqual(addresses('What is your address? it is the corner of Bygget 64 and Komel Club'), ['the corner of Bygget 64 and Komel Club']);
  assert.deepEqual(addresses('Turn at Östbygatan 14 and Main, then left.'), ['Östbygatan 14']);
  assert.deepEqual(addresses('we are located at the corner of Lindholmen 9 and the harbour'), ['Lindholmen 9']);
});

test('two-word streets: a name, the street word and the number', () => {
  assert.deepEqual(addresses('>03220 Augsburger Strasse 36\n>Suite 960\n>Schuld\n>Germany 10069'), ['03220 Augsburger Strasse 36\n>Suite 960\n>Schuld\n>Germany 10069']);
  assert.deepEqual(addresses('The bus station is on Villacher Strasse 89'), ['Villacher Strasse 89']);
  assert.deepEqual(addresses('> 2224 Trenerys gate 232'), ['2224 Trenerys gate 232']);
  assert.deepEqual(addresses('The gate 4 is closed; take the Weg 2 exit.'), []);
});

test("the words an e-mail address spells are the person's name wherever they stand capitalised", () => {
  assert.deepEqual(found('Reply to our customer Margarethe Quellwasser (margarethe.quellwasser@example-mail.de) today.'), [
    ['person-name', 'Margarethe Quellwasser'], ['email', 'margarethe.quellwasser@example-mail.de'],
  ]);
  assert.deepEqual(found('Landerico B wrote from LandericoHidalgoNarvaez@dayrep.com')[0], ['person-name', 'Landerico']);
  // Role addresses name nobody, and lowercase words are not names.
  assert.deepEqual(found('Write to support@acme.io for Support and Sales questions.'), [['email', 'support@acme.io']]);
  assert.deepEqual(found('the quellwasser project: margarethe.quellwasser@example-mail.de'), [['email', 'margarethe.quellwasser@example-mail.de']]);
});

test('a lone surname takes the capitalised first name and initial written right before it', () => {
  const names = (text: string): string[] => found(text).filter(([t]) => t === 'person-name').map(([, v]) => v);
  for (const text of ['Producer Vilhjálmur Georgsson explained to Fuse TV.', 'It was sung by Bonifacy Kaczmarek in 1977.']) {
    const [name] = names(text);
    assert.ok(name && /^(Vilhjálmur|Bonifacy) /.test(name), `${text}: ${name}`);
  }
  // A job word before a name found whole stays out; so does a greeting before a lone surname.
  assert.deepEqual(names('Director Tiwaporn Quesk explained the outage.'), ['Tiwaporn Quesk']);
  assert.ok(names('Dear Kowalski, thanks.').every((n) => !n.startsWith('Dear')));
});
