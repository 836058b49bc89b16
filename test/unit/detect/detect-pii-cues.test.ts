// Cues that mark a person (or an address) whatever the name: a request addressed to a capitalised word, a judgement
// taken up by a pronoun, a transcript label after a sentence, "call me" before a name with a letter English lacks, two
// uncommon words before a weak cue in any case, a sign-off line; with the products, places and English words that
// stand in the same places as negatives. Names here are written for this test, not taken from the corpora.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPii } from '../../../daemon/detect/pii';
import { embedInParagraph } from '../../helpers/corpora';

const ofType = (text: string, type: string) => detectPii(text).filter((f) => f.type === type).map((f) => text.slice(f.start, f.end));
const names = (text: string) => ofType(text, 'person-name');

test('a request addressed to one capitalised word that is no English word or product names a person', () => {
  assert.deepEqual(names('Oduya, can I ask you about the release notes?'), ['Oduya']);
  assert.deepEqual(names('Hi Tamsiné, could we move the review to Monday?'), ['Tamsiné']);
  for (const text of ['Also, can I ask about the release notes?', 'Kubernetes, can you restart the pod?', 'Okay, could we move it?']) {
    assert.deepEqual(names(text), [], text);
  }
});

test('a judgement taken up by he/she marks one capitalised word; without the pronoun it does not', () => {
  assert.deepEqual(names('Ravindu is very reliable. I would trust her with the keys.'), ['Ravindu']);
  assert.deepEqual(names('Ravindu is very reliable.'), []);
  assert.deepEqual(names('Postgres is very reliable. It has never lost a row.'), []);
});

test('a transcript label after a sentence on the same line holds a name', () => {
  assert.deepEqual(names('Agent: Which account? Caller: Ndapewa Shikongo'), ['Ndapewa Shikongo']);
  assert.deepEqual(names('Agent: Which account? User: anonymous'), []);
});

test('"call me" before a lowercase word with a letter English lacks', () => {
  assert.deepEqual(names('friends call me dragoš'), ['dragoš']);
  assert.deepEqual(names('please call me asap'), []);
  assert.deepEqual(names('call me tomorrow'), []);
});

test('two uncommon words before a weak cue are a name in lower case too', () => {
  assert.ok(names('femi adebayo said the invoice is wrong').includes('femi adebayo'));
  assert.ok(names('kwabena owusu, can you check the invoice?').includes('kwabena owusu'));
  assert.ok(names("I copied tanvir hossain's notes into the doc").includes('tanvir hossain'));
  assert.deepEqual(names('the parser said nothing useful'), []);
});

test('after a sign-off line one capitalised word is the author', () => {
  assert.deepEqual(names('The fix works.\nBest,\nTsegaye'), ['Tsegaye']);
  assert.deepEqual(names('The fix works.\n\nDeployed'), []);
});

test('places that name lists also hold are not people without a cue', () => {
  assert.deepEqual(names('Latency from Paris, Sydney and Florence doubled overnight.'), []);
  assert.deepEqual(names('my aunt Florence lives in Paris'), ['Florence']);
  assert.deepEqual(names('Visual Studio Code, can you format this file?'), []);
});

test('a lowercase address line is read as lowercase even inside a capitalised paragraph', () => {
  const line = 'please ship it to my address: 77 rua das flores 12, apt 3';
  assert.ok(ofType(line, 'street-address').length > 0);
  assert.ok(ofType(embedInParagraph(line), 'street-address').length > 0);
});

test('two capitalised words mid-sentence, one with a letter English lacks, none a word, product or place: a name', () => {
  assert.deepEqual(names('please add Ásgeir Þórðarson to the rota'), ['Ásgeir Þórðarson']);
  assert.deepEqual(names('the ticket is under Mirsada Kečo now'), ['Mirsada Kečo']);
  assert.deepEqual(names('ping Oyelowo Adébáyọ̀ about it'), ['Oyelowo Adébáyọ̀']);
  for (const text of ['see the Getting Started guide', 'our office in São Paulo is closed', 'we met at the Café Central yesterday']) {
    assert.deepEqual(names(text), [], text);
  }
});
