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

/** Extra code points for a trimmed line in one of these shapes (0 when none applies). */
export function shapeScore(t: string): number {
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
