// Line shapes of languages without a tree-sitter grammar in Airlock — Dockerfile instructions, shell commands
// with flags and pipes, PowerShell cmdlets, YAML keys and list items, lower-case SQL, Ruby DSL blocks — added
// to the line score in code-fallback.ts. Each is anchored at the line start with bounded repeats: linear.

const DOCKERFILE = /^(?:FROM|RUN|CMD|COPY|ADD|WORKDIR|EXPOSE|ENV|ARG|ENTRYPOINT|USER|VOLUME|LABEL|HEALTHCHECK|SHELL|ONBUILD|STOPSIGNAL)\s+\S/;
const SHELL_COMMAND =
  /^(?:\$\s+)?(?:sudo\s+)?(?:grep|egrep|rg|awk|sed|find|xargs|curl|wget|cat|ls|cd|rm|cp|mv|mkdir|chmod|chown|tar|gzip|gunzip|zip|unzip|docker|kubectl|git|npm|npx|yarn|pnpm|pip3?|python3?|node|make|ssh|scp|rsync|systemctl|journalctl|apt(?:-get)?|yum|dnf|brew|export|source|echo|printf|ps|kill|pkill|tail|head|sort|uniq|wc|cut|tr|jq|yq|helm|terraform|aws|gcloud|az|openssl|ffmpeg|du|df|ln|touch|env|nohup|crontab|iptables|nc|dig|ping)\s/;
/** What makes a command line a command rather than prose starting with "find" or "make": flags, pipes, variables, redirects. */
const SHELL_SYNTAX = /\s--?[A-Za-z][\w-]*|\s\|\s|\$\{?\w|&&|\s[12]?>{1,2}\s?\S|\*\.\w/;
const SHELL_LOOP = /^(?:for\s+\w+\s+in\s|while\s|if\s+\[{1,2}\s)[^\n]{0,200};\s*(?:do|then)\b/;
const POWERSHELL_CMDLET = /(?:^|[|({;]\s*)[A-Z][a-z]{1,12}-[A-Z][A-Za-z]{1,30}\b(?=\s+-[A-Z]|\s*[|}]|\s*$|\s+\$)/;
const POWERSHELL_VAR = /\$(?:_|[A-Za-z]\w*)(?:\.\w+|\s*=)/;
const YAML_KEY_BLOCK = /^\s*[a-z_][\w.-]{0,40}:$/;
const YAML_KEY_SCALAR = /^\s*(?:-\s+)?[a-z_][\w.-]{0,40}:\s+(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|\[[^\]\n]{0,200}\]|[\w.:/@${}~-]{1,120})\s*$/;
const YAML_LIST_ITEM = /^\s*-\s+(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|[\w.:/@${}-]{1,120})\s*$/;
const SQL_LOWER = /^(?:select|insert\s+into|update|delete\s+from|with)\s[^\n]{0,400}?\b(?:from|set|values|into)\s+[\w.]+/i;
const SQL_TAIL = /\bwhere\s+[\w.]+\s*(?:=|<|>|!=|like\b|in\b|is\b)|\border\s+by\b|\bgroup\s+by\b|\blimit\s+\d|\bjoin\s+[\w.]+\s+(?:on|using)\b|\bset\s+\w+\s*=/i;
const RUBY_BLOCK = /^\s*(?:task|namespace|desc|gem|source|group|describe|it|context|before|after|let|scenario|feature|resources|get|post|namespace)\b[^\n]{0,200}\bdo(?:\s*\|[\w, ]{1,40}\|)?\s*$/;
const RUBY_SYMBOL_ARGS = /^\s*(?:task|gem|source|require|group|desc)\s+(?::\w+|'[^'\n]{1,100}'|"[^"\n]{1,100}"|\w+:)/;

/**
 * Rust's type syntax, which no prose writes outside backticks: lifetimes after `&`, `<` or `+` (`&'a T`, `'static`),
 * trait objects (`dyn Fn`), `&mut x`, generic types (`Box<…>`), and primitive integer and float types after a colon
 * or `&` (`: u32`, `&i32`). A one-line fragment (`Box<dyn Fn() + Send + 'static>`) has little else to go by.
 */
const RUST_TYPE: RegExp[] = [
  /[&<+]\s?'[a-z]\w*\b|'static\b/,
  /\bdyn\s+[A-Z]\w*/,
  /&mut\s+\w/,
  /\b[A-Z]\w*<[\w&' ,:<>()+]{1,80}>/,
  /(?::\s*|&)(?:i8|i16|i32|i64|i128|isize|u8|u16|u32|u64|u128|usize|f32|f64)\b/,
];

/** A typed declaration ending its statement (Rust, TypeScript, Kotlin, Swift): `const MAX: u32 = 3 * 60;`. */
const TYPED_DECLARATION = /^(?:pub(?:\([\w ]{1,20}\))?\s+)?(?:const|static|let|var|val)\s+(?:mut\s+)?[A-Za-z_]\w*\s*:\s*[^=\n]{1,80}=[^\n]{1,200};$/;

/** 1.5 points for each kind of Rust type syntax on the line. */
function rustTypeScore(t: string): number {
  let n = 0;
  for (const re of RUST_TYPE) if (re.test(t)) n++;
  return n * 1.5;
}

// Shapes of languages measured weak on their own example files (test/eval/code-langs). Each is anchored at the line
// start and bounded, and needs syntax no English sentence has (`::` between names, a line of only `do`, a line that
// is one identifier and a comma), so prose that merely names the language is not lifted.
/**
 * [shape, points, which first characters it can start with: l(ower/_/$/@), u(pper), p(unctuation), a(ny), and a
 * substring the line must hold for the shape to be tried at all: a cheap test that spares most lines the regex]
 */
const BLOCK_SHAPES: [RegExp, number, string, string?][] = [
  // Elixir definitions opening a block, and block openers with code in their head (`test "x" do`, `for x <- xs do`).
  [/^(?:defmodule|defprotocol|defimpl|defp?|defmacrop?|defexception)\s+[\w.?!]+[^\n]{0,200}?(?:\sdo|,\s*do:[^\n]{1,200})$/, 3, 'l', 'do'],
  [/^(?:describe|test|setup|it|context|if|unless|case|cond|with|for|while|receive|try|quote|task|namespace|group|platforms)\b[^\n]{0,200}?[:("'[{=.,][^\n]{0,200}?\s(?:do|->)(?:\s*\|[\w, ]{1,40}\|)?$/, 2.5, 'l', 'do'],
  // Haskell: type signatures (`edges :: Graph -> [Edge]`), instance/class heads, data and type declarations.
  [/^[a-z_][\w']{0,60}(?:\s*,\s*[a-z_][\w']{0,60}){0,10}\s*::\s*\S/, 3, 'l', '::'],
  [/^(?:instance|class)\s[^\n]{1,200}\swhere$/, 3, 'l', 'where'],
  [/^(?:data|newtype|type)\s+[A-Z][\w']{0,60}(?:\s+[a-z][\w']{0,30}){0,8}\s*(?:=|where$)/, 3, 'l'],
  // …and equations by pattern: `liftEq eq (AcyclicSCC v1) (AcyclicSCC v2) = eq v1 v2`, `foldr c n (NECyclicSCC vs) = …`.
  [/^[a-z_][\w']{0,60}(?:\s+(?:[a-z_][\w']{0,60}|\([^()\n]{1,80}\)|\[[^\]\n]{0,40}\])){1,8}\s*=\s*\S/, 1.5, 'l', '='],
  // Lua: numeric and generic for loops, anonymous functions.
  [/^for\s+[\w, ]{1,60}(?:=\s*[^,\n]{1,60},|\sin\s+[\w.:]{1,60}\()[^\n]{0,200}\sdo(?:\s|$)/, 3, 'l', ' do'],
  [/\bfunction\s*\([\w, .]{0,80}\)/, 2, 'a', 'function'],
  // A line that is only a block keyword (`do`, `done`, `fi`, `then`, `esac`, `end`).
  [/^(?:do|done|then|fi|esac|elif|endif|endfor|endwhile)\s*;?$/, 2.5, 'l'],
  [/^(?:else|end|begin)\s*;?$/, 1.5, 'l'],
  // Comma-first lists (Haskell export lists, Nix argument sets) and a Nix function head `{ pkgs, lib ? null`.
  [/^,\s*[a-z_$@][\w'.$-]{0,60}(?:\s|$)/, 2, 'p'], // lower-case: a `, NI` or `, Paris` line of an address is no list item
  [/^\{\s*[\w-]{1,60}\s*(?:,|\?|$)/, 1.5, 'p'],
  [/^\}:$/, 3, 'p'],
  // One identifier and a comma: a column list, an argument or enum list.
  [/^(?:[a-z_$@][\w.$@]{0,60}|[\w]{0,60}[_.][\w.]{0,60}|'[^'\n]{0,60}'|"[^"\n]{0,60}")\s*,$/, 1.2, 'a', ','],
  // SQL column and parameter definitions (`startblock bigint default null,`), upper-case clause keywords.
  [/^[a-z_]\w{0,60}\s+(?:(?:IN|OUT|INOUT)\s+)?(?:int|integer|bigint|smallint|text|varchar|char|boolean|bool|date|timestamptz|timestamp|numeric|decimal|real|double precision|uuid|jsonb?|bytea|serial|bigserial|float|oid|regclass)\b(?:\(\d+(?:,\s*\d+)?\))?(?:\s*[,)]|\s+(?:NOT|NULL|DEFAULT|PRIMARY|REFERENCES|UNIQUE|CHECK|default|not|null)\b|$)/i, 2, 'lu'],
  [/^(?:RETURNS|LANGUAGE|DECLARE|BEGIN|END|GO|SET|SELECT|FROM|WHERE|GRANT|REVOKE|CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|VALUES|RETURN|EXEC|EXECUTE|OPEN|CLOSE|FETCH|DEALLOCATE|COMMIT|ROLLBACK|WITH|AS|IF|ELSE|WHILE|PRINT|USE)(?:\s|;|$)/, 1.5, 'u'],
  // Elixir/Ruby module use with a capitalised (dotted) name, and Ruby calls without parentheses on a constant.
  [/^(?:use|import|alias|require)\s+[A-Z]\w{0,60}(?:\.[A-Z]\w{0,60}){1,6}(?:\s*,|\s*$)/, 2.5, 'l'],
  [/^(?:use|import|alias|require)\s+[A-Z]\w{0,60}(?:\s*,|\s*$)/, 1.5, 'l'],
  // Perl declarations: a sigil after `my`/`our`/`local` (`our @EXPORT_OK=qw(`, `my ($self, $cb) = @_;`), which no
  // sentence has ("my $5 coupon" has no name after the sigil).
  [/^(?:my|our|local)\s+(?:[$@%][A-Za-z_]|\(\s*[$@%][A-Za-z_])/, 3, 'l'],
  [/^[A-Z]\w{0,60}(?:::[A-Z]\w{0,60}){0,4}\.[a-z_]\w{0,60}[!?]?\s+["':@]/, 1.5, 'u'],
];

/** BLOCK_SHAPES by the class of a line's first character, so each line is tried only on shapes it can start. */
const BY_START: Record<'l' | 'u' | 'p', [RegExp, number, string][]> = { l: [], u: [], p: [] };
for (const [re, points, starts, gate = ''] of BLOCK_SHAPES) {
  for (const c of ['l', 'u', 'p'] as const) if (starts === 'a' || starts.includes(c)) BY_START[c].push([re, points, gate]);
}

/** Points for the BLOCK_SHAPES the trimmed line has, summed (a Lua `for … do` holding a `function (x)`), at most 5. */
function blockShapeScore(t: string): number {
  const c = t.charCodeAt(0);
  const shapes = (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 64 ? BY_START.l : c >= 65 && c <= 90 ? BY_START.u : BY_START.p;
  let points = 0;
  for (const [re, p, gate] of shapes) if ((!gate || t.includes(gate)) && re.test(t)) points += p;
  return Math.min(5, points);
}

/** Extra code points for a trimmed line in one of these shapes (0 when none applies). */
export function shapeScore(t: string): number {
  return Math.max(blockShapeScore(t), lineShapeScore(t));
}

/** The shapes of the first round (Dockerfile, shell, PowerShell, SQL, Ruby, Rust types, YAML): the first that applies. */
function lineShapeScore(t: string): number {
  if (DOCKERFILE.test(t)) return 3;
  if (SHELL_LOOP.test(t)) return 4;
  if (SHELL_COMMAND.test(t) && SHELL_SYNTAX.test(t)) return 5; // a one-liner is a whole prompt's code
  if (POWERSHELL_CMDLET.test(t)) return POWERSHELL_VAR.test(t) || /\s-[A-Z][a-z]+/.test(t) ? 3 : 1.5;
  if (SQL_LOWER.test(t) && SQL_TAIL.test(t)) return 6; // outweighs the English words SQL is made of
  if (RUBY_BLOCK.test(t)) return 3;
  if (RUBY_SYMBOL_ARGS.test(t)) return 2;
  const rust = rustTypeScore(t) + (TYPED_DECLARATION.test(t) ? 2 : 0);
  if (rust) return rust;
  // A bare "key:" line is a form's "phone:" as often as YAML's "services:": only keys no form has count.
  if (YAML_KEY_BLOCK.test(t)) return /[_.]/.test(t) ? 1 : 0;
  if (YAML_KEY_SCALAR.test(t) || YAML_LIST_ITEM.test(t)) return 1.5;
  return 0;
}
