// names-lower.ts reads the words of a text by hand (nextWord/wordEnd) for speed: the words must be exactly WORD's
// matches, on random texts mixing lowercase and capital letters, letters outside ASCII, apostrophes, hyphens and
// digits, searched from every offset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextWord, WORD, wordEnd } from '../../../daemon/detect/pii/names-lower';

function byRegex(text: string, from: number): [number, number] | null {
  const re = new RegExp(WORD.source, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

function byHand(text: string, from: number): [number, number] | null {
  const at = nextWord(text, from);
  return at === -1 ? null : [at, wordEnd(text, at)];
}

test('nextWord and wordEnd find WORD\'s match from every offset', () => {
  const pieces = ['a', 'z', 'olga', 'O', 'Z', 'ß', 'é', 'ö', '÷', 'ÿ', 'ł', 'ɏ', 'ɐ', "'", '’', '-', "'s", '’s', '--', ' ', '\n', '1', '_', '.', 'A'];
  let seed = 14;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const texts = ["olga krylova's case", "o'neill anne-marie d’arcy", "x-ray's 'quoted' -lead trail- end'", 'ABCdef Ödön ödön', ''];
  for (let k = 0; k < 300; k++) texts.push(Array.from({ length: 30 }, () => pieces[rand(pieces.length)]).join(''));
  for (const t of texts) for (let from = 0; from <= t.length; from++) assert.deepEqual(byHand(t, from), byRegex(t, from), `${JSON.stringify(t)} from ${from}`);
});
