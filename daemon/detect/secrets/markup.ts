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
const PASSPHRASE = /(?:pass(?:word|phrase|wd|wort)|mot_de_passe|contraseña|wachtwoord|kennwort|senha)["']?[ \t]{0,3}[:=][ \t]{0,3}(["'])([^"'\n]{8,128})\1/gi;

function valueFinding(text: string, name: string, start: number, value: string, minLength: number): Finding | null {
  if (!isSecretName(name) || isPlaceholder(value) || !looksRandom(value, minLength)) return null;
  return secretFinding('generic-secret-assignment', `value assigned to "${name.slice(0, 40)}"`, start, start + value.length, 'airlock/markup', 0.7);
}


export function detectMarkupSecrets(text: string): Finding[] {
  if (!text.includes('<') && !/machine|pass|mot_de|contrase|wachtwoord|kennwort|senha/i.test(text)) return [];
  return [
    ...scanAll(text, XML_KEY_VALUE, (m) => valueFinding(text, m[1]!, m.index + m[0].length - 1 - m[2]!.length, m[2]!, 8)),
    ...scanAll(text, XML_ELEMENT, (m) => valueFinding(text, m[1]!, m.index + m[1]!.length + 2, m[2]!, 8)),
    ...scanAll(text, NETRC, (m) => {
      const value = m[1]!;
      if (isPlaceholder(value) || value.length < 6) return null;
      return secretFinding('netrc-password', '.netrc password', m.index + m[0].length - value.length, m.index + m[0].length, 'airlock/netrc', 0.8);
    }),
    // A passphrase is words: what makes it secret is the name, so a few words with a digit or symbol count.
    ...scanAll(text, PASSPHRASE, (m) => {
      const value = m[2]!;
      const words = value.trim().split(/\s+/).length;
      if (words < 2 || words > 6 || isPlaceholder(value) || !/[\d\p{P}\p{S}]/u.test(value)) return null;
      const start = m.index + m[0].length - 1 - value.length;
      return secretFinding('generic-secret-assignment', 'passphrase', start, start + value.length, 'airlock/passphrase', 0.65);
    }),
  ];
}
