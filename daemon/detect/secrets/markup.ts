// Secret assignments in forms the name=value scanner cannot read: XML (`<add key="ApiSecret" value="…"/>`,
// `<password>…</password>`), .netrc (`machine h login u password p`), and passphrases with spaces in quotes
// after a password name. Bounded, linear patterns.
import { scanAll, type Finding } from '../finding';
import { isSecretName } from './assign';
import { isPlaceholder, looksRandom } from './entropy';
import { secretFinding } from './rules';

const XML_KEY_VALUE = /\b(?:key|name)\s{0,3}=\s{0,3}"([^"<>\n]{1,80})"[^<>\n]{0,80}?\bvalue\s{0,3}=\s{0,3}"([^"<>\n]{1,1024})"/g;
const XML_ELEMENT = /<([A-Za-z][\w:.-]{0,59})>([^<>\n]{1,1024})<\/\1>/g;
const NETRC = /\bmachine[ \t]+\S{1,253}(?:[ \t\n]+login[ \t]+\S{1,128})?[ \t\n]+password[ \t]+(\S{1,256})/g;
// A quoted value of several words after any name holding a secret word (`password_super_secure = "…"`,
// `api_key: '…'`, `"passwort": "…"`); the name starts where no name character precedes it, so each start is tried once.
const PASSPHRASE = /(?<![\p{L}\p{N}_.-])([\p{L}_][\p{L}\p{N}_.-]{0,60})["']?[ \t]{0,3}[:=][ \t]{0,3}(["'])([^"'\n]{8,128})\2/gu;
// The same unquoted, only as a config line of its own (`password = correct horse battery staple`): the name opens
// the line and the words run to its end.
const PASSPHRASE_LINE = /^[ \t]{0,8}(?:export[ \t]+)?([\p{L}_][\p{L}\p{N}_.-]{0,60})[ \t]{0,3}[:=][ \t]{0,3}([^\s"'`=:][^"'`=\n]{6,126}[^\s"'`=:])[ \t]*$/gmu;
/** Words that describe a value instead of being one: a prompt, an error message, an instruction. */
const DESCRIPTIVE = /\b(?:your|enter|here|please|must|should|required|invalid|incorrect|wrong|missing|not|try|again)\b/i;
/** Function words: a line of prose after `name:` holds them; a chosen passphrase rarely does (a quoted one may). */
const FUNCTION_WORDS = /\b(?:the|is|are|was|be|will|can|see|use|set|from|in|at|of|to|for|this|that|it|a|an|with|and|or|on|by)\b/i;
/** Template syntax anywhere in the value: `{{ x }}`, `${x}`, `%(x)s`, `<%= x %>`. */
const TEMPLATE = /\{\{|\$\{|%\(|<%/;
const SECRET_WORD = /pass|pwd|secret|token|key|cred|contrase|wachtwoord|senha|has[lł]o|parola|kennwort|salasana|heslo|jelsz/i;
const SECRET_WORDS = new RegExp(SECRET_WORD.source, 'gi');

/**
 * `pattern`'s findings (PASSPHRASE or PASSPHRASE_LINE) on the lines of `text` that hold a secret word, with offsets
 * into `text`. Neither pattern matches across a \n and passphrase() wants a secret word in the name, so other lines
 * cannot give a finding; the patterns, whose names may start at any letter, then skip most of a prompt.
 */
function onSecretLines(text: string, pattern: RegExp, accept: (m: RegExpExecArray) => Finding | null): Finding[] {
  const out: Finding[] = [];
  SECRET_WORDS.lastIndex = 0;
  for (let w = SECRET_WORDS.exec(text); w; w = SECRET_WORDS.exec(text)) {
    const start = text.lastIndexOf('\n', w.index) + 1;
    const nl = text.indexOf('\n', w.index);
    const end = nl === -1 ? text.length : nl;
    for (const f of scanAll(text.slice(start, end), pattern, accept)) out.push({ ...f, start: f.start + start, end: f.end + start });
    SECRET_WORDS.lastIndex = end; // each line once
  }
  return out;
}

function valueFinding(text: string, name: string, start: number, value: string, minLength: number): Finding | null {
  if (!isSecretName(name) || isPlaceholder(value) || !looksRandom(value, minLength)) return null;
  return secretFinding('generic-secret-assignment', `value assigned to "${name.slice(0, 40)}"`, start, start + value.length, 'airlock/markup', 0.7);
}

/** Several words under a secret name: a passphrase, unless they are a placeholder or describe the value. */
function passphrase(name: string, raw: string, start: number, quoted: boolean): Finding | null {
  const value = raw.trimEnd();
  const words = value.trim().split(/\s+/).length;
  if (words < 2 || words > 8 || !SECRET_WORD.test(name) || !isSecretName(name) || isPlaceholder(value)) return null;
  if (DESCRIPTIVE.test(value) || TEMPLATE.test(value)) return null;
  if (!quoted && (FUNCTION_WORDS.test(value) || !value.split(/\s+/).every((w) => /[\p{L}\p{N}]/u.test(w)))) return null;
  // A quoted phrase without digits or symbols is words anyone could write: it counts when long enough to be chosen.
  if (quoted && !/[\d\p{P}\p{S}]/u.test(value) && words < 3) return null;
  return secretFinding('generic-secret-assignment', 'passphrase', start, start + value.length, 'airlock/passphrase', 0.65);
}

export function detectMarkupSecrets(text: string): Finding[] {
  if (!text.includes('<') && !/machine|pass|mot_de|contrase|wachtwoord|kennwort|senha|secret|token|key|cred|pwd|has[lł]o|parola|salasana|heslo|jelsz/i.test(text)) return [];
  return [
    ...scanAll(text, XML_KEY_VALUE, (m) => valueFinding(text, m[1]!, m.index + m[0].length - 1 - m[2]!.length, m[2]!, 8)),
    ...scanAll(text, XML_ELEMENT, (m) => valueFinding(text, m[1]!, m.index + m[1]!.length + 2, m[2]!, 8)),
    ...scanAll(text, NETRC, (m) => {
      const value = m[1]!;
      if (isPlaceholder(value) || value.length < 6) return null;
      return secretFinding('netrc-password', '.netrc password', m.index + m[0].length - value.length, m.index + m[0].length, 'airlock/netrc', 0.8);
    }),
    // A passphrase is words: what makes it secret is the name, so a few words that do not describe a value count.
    ...onSecretLines(text, PASSPHRASE, (m) => passphrase(m[1]!, m[3]!, m.index + m[0].length - 1 - m[3]!.length, true)),
    ...onSecretLines(text, PASSPHRASE_LINE, (m) => passphrase(m[1]!, m[2]!, m.index + m[0].trimEnd().length - m[2]!.length, false)),
  ];
}
