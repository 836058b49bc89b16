// What the name recognisers share: the name lists, the words that are never names, the cues around a
// name and the test that a word stands alone (is not part of an identifier).
import { ENGLISH_WORDS } from './english-data';
import { COMMON_WORDS, FIRST_NAMES, SURNAMES } from './names-data';

/** Words that are names in some list but in a developer's prompt are almost always something else. */
const NOT_NAMES =
  'the this that these those there then than when what where which while who why how here his her its our their your ' +
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
  'monday tuesday wednesday thursday friday saturday sunday will can must shall might would could should also even just ' +
  'rust ruby julia ada crystal swift dart elixir pascal kotlin scala haskell java python perl go jasmine mocha karma jest vue ember ' +
  'django rails flask hugo jenkins travis heroku alexa siri tesla dell chrome safari opera android linux unix windows ' +
  'english french german spanish italian dutch chinese japanese czech polish swedish danish finnish norwegian russian greek turkish ' +
  'irish scottish welsh american canadian british african asian european republic kingdom united states ' +
  'london berlin dublin amsterdam boston chicago seattle toronto singapore mumbai delhi christian christmas easter god lord king queen prince princess royal ' +
  'i me my mine we us he him she it they them one all any some no not yes and or but if so as at by for from in into of on to ' +
  // Titles stand before a name and are never one ("Dear Mr. Okonkwo").
  'mr mrs ms mx dr prof ' +
  'with up out about after before over under again more most other such only own same very too now once both each few san santa ' +
  // Verbs the word lists lack, which lowercase text puts right after a first name-like word ("journey has").
  'has have had is are was were be been being do does did get gets got let lets make makes made use uses used see sees saw seen';

/**
 * Surname endings distinctive enough to name a person on their own (Slavic, Nordic, Baltic, Finnish,
 * Georgian, Armenian, Turkish, Greek, Romanian), and East Slavic patronymics (-ovich, -evna).
 */
export const SURNAME_SHAPE =
  /\p{L}{3}(?:ova|ov|eva|ev|sson|dóttir|dottir|ić|vić|wicz|escu|poulos|poulou|nen|dze|shvili|yan|oğlu|enko|ová|ský|ská|ski|ska|vich|vna)$/u;

export interface Lexicon {
  first: Set<string>;
  last: Set<string>;
  /** Common English words plus NOT_NAMES: a capitalised one needs a cue to count as a name. */
  common: Set<string>;
  /** NOT_NAMES only: never a name, whatever the cue ("Dr. The", "named It"). */
  never: Set<string>;
  /** A larger English dictionary minus every listed name (pii/english-data.ts): "platform", "billing", "owner". */
  english: Set<string>;
}

let lexicon: Lexicon | undefined;
/** Built on first use (about 30k entries) so importing the scanner stays cheap. */
export function lex(): Lexicon {
  lexicon ??= {
    first: new Set(FIRST_NAMES.split(' ')),
    last: new Set(SURNAMES.split(' ')),
    common: new Set([...COMMON_WORDS.split(' '), ...NOT_NAMES.split(' ')]),
    never: new Set(NOT_NAMES.split(' ')),
    english: new Set(ENGLISH_WORDS.split(' ')),
  };
  return lexicon;
}

const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'ers'];
/**
 * A lowercase English word or a simple inflection of one ("wants", "approved", "reviewing"): the common list, or the
 * dictionary of words that are no listed name. A word that is also a name ("rose", "baker") is not English here.
 */
export function isEnglish(lower: string): boolean {
  const { common, english } = lex();
  if (common.has(lower) || english.has(lower)) return true;
  return SUFFIXES.some((x) => lower.length > x.length + 2 && lower.endsWith(x) && common.has(lower.slice(0, -x.length)));
}

/** Tested against the text just before a word: "Dear Mr. ". */
export const TITLE = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Mme|Mlle|Herr|Frau|Señor|Señora)\.?\s$/u;
/** The same titles typed in lowercase ("mr. elliott"), for the lowercase recogniser. */
export const TITLE_ANY_CASE = new RegExp(TITLE.source, 'iu');
/**
 * Words that introduce a name outright: whatever follows is the name, even a common word ("her maiden name
 * is Key"). Not "signed" or "named": in lowercase prose they precede things ("each signed variant", "a file named config").
 */
export const STRONG_CUE = /(?:\bmy name is|\bname(?:'s| is)|\bnamed (?:him|her)|\bcalls? me)\s{1,2}$/i;
/** Greetings, sign-offs and verbs of contact that a name usually follows. */
export const CUE =
  /(?:\bmy name is|\bname(?:'s| is)?[:?]?|\bi'?m|\bi am|\bcalls? me|\bdear|\bhi|\bhello|\bhey|\bregards,?|\bsincerely,?|\bcheers,?|\bthanks,?|\bcontact|\bnamed(?: (?:him|her))?|\bsigned|\bask|\bsaid|\bsays|\btold|\bmeet|\bfollow(?:ing)? up with|\b(?:speak|talk)(?:ing)? (?:to|with)|\breach(?:ing)? out to)\s{1,2}$/i;
/**
 * What people do in text, tested against the text right after a name: "Anna lives at", "Berg said",
 * "Ivo was born", and the verbs of speech and biography ("explained", "grew up", "began writing").
 */
export const PERSON_VERB =
  /^\s(?:lives|lived|said|says|told|asked|replied|wrote|explained|recalled|admitted|announced|was born|grew up|died|graduated|retired|is from|works (?:at|for)|worked (?:at|for)|flew|married|began (?:writing|painting|singing|acting|studying|working))\b/;

const isLetterOrDigit = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/** Code-ish surroundings: `obj.Name`, `Name(`, `@Name`, `Name.prop`, `Name::new`, `<Name>`, a backticked `Name` are identifiers, not people. */
export function standalone(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (isLetterOrDigit(before) || isLetterOrDigit(after)) return false;
  if (before !== undefined && '.@_<$#`'.includes(before)) return false;
  if (after !== undefined && '(<_@`'.includes(after)) return false;
  if (text.startsWith('::', start - 2) || text.startsWith('::', end)) return false;
  return !(after === '.' && /[\p{L}_]/u.test(text[end + 1] ?? ''));
}
