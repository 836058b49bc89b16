// What the sweep vouches for as ordinary language: the English word lists (pii/english-data.ts and the larger
// vocabulary-data.ts, which also holds the words of country, region, language and time-zone city names), the
// never-a-name words and developer words. Built on first use, so only a policy that sweeps pays for it.
import { isEnglish, lex } from '../pii/names-context';
import { RARE_WORDS, VOCABULARY } from './vocabulary-data';

/**
 * Membership in a sorted, space-separated word list, by binary search over the one string: the offsets of its words
 * take 4 bytes each, where a Set of the same 43k strings took about 3 MB per worker. Built on first use.
 */
function sortedWords(data: string): (w: string) => boolean {
  let offsets: Int32Array | undefined;
  const starts = (): Int32Array => {
    if (!offsets) {
      const at: number[] = [0];
      for (let i = data.indexOf(' '); i !== -1; i = data.indexOf(' ', i + 1)) at.push(i + 1);
      offsets = Int32Array.from(at);
    }
    return offsets;
  };
  /** The word at `at` against `w`, in the order the generator sorted them (UTF-16 code units). */
  const compareAt = (at: number, w: string): number => {
    for (let i = 0; ; i++) {
      const a = at + i < data.length ? data.charCodeAt(at + i) : 32;
      const wordEnded = a === 32;
      const wEnded = i >= w.length;
      if (wordEnded || wEnded) return wordEnded && wEnded ? 0 : wordEnded ? -1 : 1;
      const b = w.charCodeAt(i);
      if (a !== b) return a - b;
    }
  };
  return (w) => {
    const at = starts();
    let lo = 0;
    let hi = at.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareAt(at[mid]!, w);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
}

/** Whether `w` is a word of VOCABULARY. */
export const inVocabulary = sortedWords(VOCABULARY);
/** Whether `w` is one of SCOWL size 70's rarer words (RARE_WORDS): a word, though not vouched for everywhere. */
export const rareWord = sortedWords(RARE_WORDS);

/**
 * Programming words the dictionary lacks: keywords of the common languages and the jargon around them. A developer's
 * lowercase prompt is full of them ("why does my async fn need mut"), and none is a name.
 */
const DEVELOPER_WORDS = new Set((
  'api apis async await bool boolean booleans const consts enum enums fn func impl impls init mut struct structs trait traits ' +
  'typedef tuple tuples vec str usize isize args argv argc params lambda lambdas closure closures iterator iterators ' +
  'runtime runtimes mutex mutexes regex regexes stdin stdout stderr localhost backend frontend middleware namespace ' +
  'namespaces filesystem filesystems refactor refactoring repo repos config configs env dev devs http https url urls uri ' +
  'json yaml yml toml xml html css csv sql cli gui ui ux sdk sdks cpu gpu ram ssd tcp udp ip dns ssh ssl tls utf ascii ' +
  'unicode npm pnpm npx cargo pip venv dockerfile kubectl webpack esbuild typescript javascript golang rustc rustup ' +
  'linter linters lint linting debugger debuggers backtrace stacktrace deref dereference dereferencing destructure ' +
  'destructuring allocator allocators hardcoded hardcode newline newlines whitespace multithreaded codebase codebases ' +
  'boilerplate metadata monorepo submodule submodules sudo chmod chown grep sed awk curl wget cron crontab systemd ' +
  'oauth jwt saml ldap sso mfa totp webhook webhooks websocket websockets endpoint endpoints frontend backend ' +
  'macos ios linux ubuntu debian fedora windows powershell bash zsh github gitlab bitbucket' ).split(' '));

export const CONTRACTION = /(?:n['’]t|['’](?:ll|ve|re|d|s|m|t))$/iu;
const PLURAL = ['s', 'es'];
/** A lowercase word found as it is in one of the word sets: set lookups only, the cheap first test. */
export function plainlyKnown(lower: string): boolean {
  const { common, english } = lex();
  return english.has(lower) || inVocabulary(lower) || common.has(lower) || DEVELOPER_WORDS.has(lower);
}

/** A lowercase word of the language: either dictionary, or a plural or possessive of one ("tuples", "server's"). */
export function ordinary(lower: string): boolean {
  if (isEnglish(lower) || inVocabulary(lower) || lex().never.has(lower) || DEVELOPER_WORDS.has(lower)) return true;
  return PLURAL.some((x) => lower.length > x.length + 2 && lower.endsWith(x) && (inVocabulary(lower.slice(0, -x.length)) || isEnglish(lower.slice(0, -x.length))));
}
