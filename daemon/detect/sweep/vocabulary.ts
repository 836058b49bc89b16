// What the sweep vouches for as ordinary language: the English word lists (pii/english-data.ts and the larger
// vocabulary-data.ts), the never-a-name words, developer words, and the place and language names of the runtime's ICU
// data. Built on first use, so only a policy that sweeps pays for it.
import { isEnglish, lex } from '../pii/names-context';
import { VOCABULARY } from './vocabulary-data';

let vocabulary: Set<string> | undefined;
/** Built on first use: only a policy that sweeps pays for the 42k words and the place names. */
const known = (): Set<string> => (vocabulary ??= new Set([...VOCABULARY.split(' '), ...placeAndLanguageWords()]));

/** UN M49 regions and continents ("Europe", "Latin America"): Intl names them by number. */
const M49 = ['001', '002', '003', '005', '009', '011', '013', '014', '015', '017', '018', '019', '021', '029', '030', '034', '035', '039', '053', '054', '057', '061', '142', '143', '145', '150', '151', '154', '155', '202', '419'];

/**
 * The words of every country and region name, every language name (in English and in itself: "Swedish",
 * "Português") and every city of the time zone database ("Lisbon", "Sao Paulo"), from the runtime's own ICU data:
 * public names, not people. A word that is also a listed given name or surname ("Jordan", "Florence") is left out,
 * so it is still swept.
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
        try {
          const own = new Intl.DisplayNames([two], { type: 'language', fallback: 'none' }).of(two);
          if (own) names.push(own);
        } catch {
          // Not a locale this ICU knows.
        }
      }
    }
    for (const zone of Intl.supportedValuesOf('timeZone')) names.push(...zone.split('/').slice(1));
  } catch {
    // A runtime without ICU data: fewer public words, so more is swept (the safe side).
  }
  const { first, last } = lex();
  const words = names.flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{M}]+/u)).filter((w) => w.length > 1);
  return [...new Set(words)].filter((w) => { const listed = w[0]!.toUpperCase() + w.slice(1); return !first.has(listed) && !last.has(listed); });
}

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
  return english.has(lower) || known().has(lower) || common.has(lower) || DEVELOPER_WORDS.has(lower);
}

/** A lowercase word of the language: either dictionary, or a plural or possessive of one ("tuples", "server's"). */
export function ordinary(lower: string): boolean {
  if (isEnglish(lower) || known().has(lower) || lex().never.has(lower) || DEVELOPER_WORDS.has(lower)) return true;
  return PLURAL.some((x) => lower.length > x.length + 2 && lower.endsWith(x) && (known().has(lower.slice(0, -x.length)) || isEnglish(lower.slice(0, -x.length))));
}
