// The sweep (detect/sweep): what `strict` replaces because no dictionary vouches for it. Cases are written here, not
// taken from the corpora; the corpora's figures are in docs/detection.md and the leak test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scan } from '../../../daemon/detect';
import { sweep } from '../../../daemon/detect/sweep';
import { inVocabulary } from '../../../daemon/detect/sweep/vocabulary';
import { VOCABULARY } from '../../../daemon/detect/sweep/vocabulary-data';

const facts = { source: 'chat' as const, interactive: true };
/** The swept spans as [type, text]. */
const swept = (text: string): Array<[string, string]> => sweep(text).map((f) => [f.type, text.slice(f.start, f.end)]);

test('a surname nobody listed, said with no cue, is a possible name', () => {
  assert.deepEqual(swept('Why is Okwuosa so quiet in the release call?'), [['possible-name', 'Okwuosa']]);
  assert.deepEqual(swept('Nobody reads Okwuosa\'s reviews.'), [['possible-name', 'Okwuosa\'s']]);
  assert.deepEqual(swept('Tendai and Okwuosa were the two reviewers.'), [['possible-name', 'Tendai'], ['possible-name', 'Okwuosa']]);
});

test('a possible name takes the whole name it stands in: particles, a listed first name before it, list mates; two name words make a full name', () => {
  assert.deepEqual(swept('Ask Femke van der Heijden about the invoice.'), [['possible-full-name', 'Femke van der Heijden']]);
  assert.deepEqual(swept('The ticket was closed by Grace Okonjo-Bello.'), [['possible-full-name', 'Grace Okonjo-Bello']]);
  assert.deepEqual(swept('Is there a tighter rhythm section? Nwosu and Brown were precise.'), [['possible-name', 'Nwosu'], ['possible-name', 'Brown']]);
  assert.deepEqual(swept('Ask McAllister.'), [['possible-name', 'McAllister']]);
  assert.deepEqual(swept('Send it to Ngozi J. Okwuosa today.'), [['possible-full-name', 'Ngozi J. Okwuosa']]);
});

test('in a sentence typed in lowercase an unknown word counts; in a capitalised one a lowercase word counts unless it is built like jargon', () => {
  assert.deepEqual(swept('have you heard ngozi adeyemi speak yet?'), [['possible-full-name', 'ngozi adeyemi']]);
  // A name typed in lowercase in an ordinary sentence, as people do in chat.
  assert.deepEqual(swept('Can you ask okwuosa about the deploy on Friday?'), [['possible-name', 'okwuosa']]);
  assert.deepEqual(swept('The build of zorblat fails on arm64 since Tuesday.'), [['possible-name', 'zorblat']]);
  // Jargon: compounds, prefixed or suffixed words, abbreviations, SCOWL's rarer words.
  assert.deepEqual(swept('The configmap, the prebuilt deps and the stringified lockfile are stale after the standup.'), []);
  // Unless a name list holds it: a listed surname typed in lowercase counts even though it is short.
  assert.deepEqual(swept('Please forward the invoice to sanjay before noon.'), [['possible-name', 'sanjay']]);
  // A line wrapped by an editor goes on with the sentence (jargon stays jargon); a short line before it ends one, and
  // in a lowercase sentence every unknown word counts.
  assert.deepEqual(swept('This sentence was wrapped by the editor at a fixed width, so the next line\nlockfile goes on with it.'), []);
  assert.deepEqual(swept('Hi\nlockfile said the build is green'), [['possible-name', 'lockfile']]);
});

test('ordinary language is never swept: dictionary words, inflections, contractions, developer words, paths, URLs, products', () => {
  const prose = [
    'We\'ll deploy the servers tomorrow; they won\'t restart and the runtime doesn\'t log.',
    'Our GitHub Actions workflow uploads coverage to https://codecov.example/okwuosa and reads /home/okwuosa/.bashrc.',
    'The async fn returns a struct whose enum fields are mut; see the mutex and the regex in the middleware.',
    'Buildkit is our build tool: run buildkit twice and Buildkit will cache the result.',
    'Monday in London, the Python and Rust teams met at Google.',
    // Places and languages (CLDR's English names of countries, regions, time-zone cities and languages) are known.
    'From Lisbon to Budapest, across Western Europe, the Swedish and Portuguese docs agree.',
  ];
  for (const text of prose) assert.deepEqual(swept(text), [], text);
});

test('long numbers are possible numbers; years, versions, ports, decimals and amounts with separators are not', () => {
  assert.deepEqual(swept('They are not answering at 31 770452.'), [['possible-number', '31 770452']]);
  assert.deepEqual(swept('Parcel 4471 2209 went to depot 48334.'), [['possible-number', '4471 2209'], ['possible-number', '48334']]);
  assert.deepEqual(swept('In 2024 we moved to v1.22.3 on port 8080; pi is 3.14159 and revenue was 1,000,000.'), []);
  assert.deepEqual(swept('The release of 2024-03-05 replaced the one of 05-12-2023.'), []);
  // Phones written with an area code in brackets or with dots; a three-part version is no phone.
  assert.deepEqual(swept('Call 8 (383) 555-12-34 or 07.11.22.33.44 after six.'), [['possible-number', '8 (383) 555-12-34'], ['possible-number', '07.11.22.33.44']]);
  assert.deepEqual(swept('It broke after the upgrade to 20.11.1 from 18.19.0.'), []);
});

test('a line opening with a house number and an unknown word is a possible address, to its end', () => {
  assert.deepEqual(swept('address:\n17 calle okwuosa 4, lagos, south africa.\n'), [['possible-address', '17 calle okwuosa 4, lagos, south africa']]);
  assert.deepEqual(swept('Ship to:\n4410 r naweed 3 suite 12\n\nthanks'), [['possible-address', '4410 r naweed 3 suite 12']]);
  assert.deepEqual(swept('3 servers went down'), []);
  // The block's short lines below the street are its town, region, postcode and country, up to a blank line.
  assert.deepEqual(swept('Ship to:\n12 okwuosa close\nikeja, lagos\nnigeria 100271\n\nThanks, and see you on Monday at the depot.'), [['possible-address', '12 okwuosa close\nikeja, lagos\nnigeria 100271']]);
});

test('source code is not swept: the spans given are skipped, and the scan gives its code regions', async () => {
  const text = 'Why is Okwuosa unhappy with this?\n```python\nclass Zorblat:\n    port = 47611\n```\nIs it right?';
  const code = { start: text.indexOf('```'), end: text.lastIndexOf('```') + 3 };
  assert.deepEqual(sweep(text, [code]).map((f) => text.slice(f.start, f.end)), ['Okwuosa']);
  const scanned = await scan(text, facts, { sweep: true });
  assert.ok(scanned.code.regions.length > 0, 'the scan found the code');
  assert.deepEqual(scanned.signals.filter((s) => s.type.startsWith('possible-')).map((s) => text.slice(s.start, s.end)), ['Okwuosa']);
});

test('the scan adds the sweep only when asked, and never where a detector found something', async () => {
  const text = 'Mail Okwuosa at okwuosa.femi@example.com; Tendai was in copy.';
  const plain = await scan(text, facts);
  assert.ok(!plain.signals.some((s) => s.type.startsWith('possible-')), 'no sweep unless asked');
  const withSweep = await scan(text, facts, { sweep: true });
  const weak = withSweep.signals.filter((s) => s.type.startsWith('possible-'));
  assert.ok(weak.length > 0, 'the sweep ran');
  for (const w of weak) {
    const overlapping = withSweep.signals.filter((s) => !s.type.startsWith('possible-') && (s.kind === 'pii' || s.kind === 'secret') && s.start < w.end && w.start < s.end);
    assert.deepEqual(overlapping, [], `${text.slice(w.start, w.end)} overlaps a finding`);
  }
  assert.ok(withSweep.signals.some((s) => s.type === 'email'), 'the e-mail is still an e-mail');
});

test('the vocabulary is searched in the order it was generated: every word is found, and near misses are not', () => {
  const words = VOCABULARY.split(' ');
  assert.ok(words.length > 40_000);
  for (const w of words) assert.ok(inVocabulary(w), w);
  for (const w of words.slice(0, 2000)) {
    assert.equal(inVocabulary(`${w}qq`), words.includes(`${w}qq`), `${w}qq`);
    if (w.length > 2) assert.equal(inVocabulary(w.slice(0, -1)), words.includes(w.slice(0, -1)), w.slice(0, -1));
  }
  assert.equal(inVocabulary(''), false);
});

test('a policy\'s own words are vouched for like dictionary words, in any case, and only those words', async () => {
  const text = 'Why does Zorbix drop uploads when Okwuosa retries them?';
  const known = new Set(['zorbix']);
  assert.deepEqual(sweep(text).map((f) => text.slice(f.start, f.end)), ['Zorbix', 'Okwuosa']);
  assert.deepEqual(sweep(text, [], known).map((f) => text.slice(f.start, f.end)), ['Okwuosa']);
  assert.deepEqual(sweep('why does zorbix drop uploads', [], known), []);
  assert.equal(sweep('why does zorbix drop uploads').length, 1);
  // A known word in a list of names does not carry its neighbours: "Zorbix and Okwuosa" leaves Okwuosa swept.
  assert.deepEqual(sweep('Zorbix and Okwuosa were both down.', [], known).map((f) => f.type), ['possible-name']);
  // Through the scan's options, as a policy's `knownWords` arrive.
  const weak = async (knownWords?: string[]) => (await scan(text, facts, { sweep: true, ...(knownWords ? { knownWords } : {}) })).signals.filter((s) => s.type.startsWith('possible-')).length;
  assert.equal(await weak(), 2);
  assert.equal(await weak(['zorbix']), 1);
});

test('a place name that is also a listed name is a place after "in", "near", …, over its name and list; alone, after "to" or possessive it may be a person', () => {
  assert.deepEqual(swept('What is the weather in Paris tomorrow?'), []);
  assert.deepEqual(swept('We have offices in Madrid, Lima and Vienna.'), []);
  assert.deepEqual(swept('We opened near San Diego last year.'), []);
  assert.deepEqual(swept('Why is Paris so quiet in the standup?'), [['possible-name', 'Paris']]);
  assert.deepEqual(swept('Send the report to Jordan today.'), [['possible-name', 'Jordan']]);
  assert.deepEqual(swept('I left a comment in Jordan\'s branch.'), [['possible-name', 'Jordan\'s']]);
  // A word no list knows breaks the run back to the preposition: both are swept.
  assert.deepEqual(swept('We spent the week in Okwuosa and Paris.'), [['possible-name', 'Okwuosa'], ['possible-name', 'Paris']]);
});
