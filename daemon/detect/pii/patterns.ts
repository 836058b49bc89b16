// Structured PII: e-mail, payment card, IBAN, US SSN, IP address. Every pattern is linear-time
// (no nested unbounded quantifiers) and every value with a checksum is validated before it is reported.
import type { Finding } from '../finding';
import { ibanValid, ipv6Groups, isCardNumber, ssnValid } from './checksums';
import { piiFinding, scanAll } from './finding';

/** ASCII letters, digits and ._%+- ; any non-ASCII letter too (internationalised addresses: zoë@…). */
const isLocalChar = (c: number) =>
  (c > 127 && /\p{L}/u.test(String.fromCharCode(c))) ||
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;
/** `icon@2x.png` is an asset name, not an address. */
const ASSET_DOMAIN = /^\d+x\./;

/** Anchored on each '@' and grown outwards, so text without '@' costs one indexOf. */
export function detectEmails(text: string): Finding[] {
  const out: Finding[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && isLocalChar(text.charCodeAt(start - 1))) start--;
    while (start < at && text[start] === '.') start++;
    if (start === at) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text);
    if (!domain || ASSET_DOMAIN.test(domain[0])) continue;
    out.push(piiFinding('email', start, DOMAIN.lastIndex, 0.95));
  }
  return out;
}

const CARD = /(?<![\w-])\d(?:[ -]?\d){11,18}(?![\w-])/g;

export function detectCards(text: string): Finding[] {
  return scanAll(text, CARD, (m) =>
    isCardNumber(m[0].replace(/[ -]/g, '')) ? piiFinding('credit-card', m.index, m.index + m[0].length, 0.95) : null,
  );
}

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g;

export function detectIbans(text: string): Finding[] {
  return scanAll(text, IBAN, (m) =>
    ibanValid(m[0].replace(/ /g, '')) ? piiFinding('iban', m.index, m.index + m[0].length, 0.97) : null,
  );
}

const SSN = /(?<![\w-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w-])/g;
/** Nine bare digits are an SSN only when the text says so. */
const SSN_CUE = /\b(?:ssn|social security(?: number| no\.?)?|ss#)(?:\s(?:is|was))?\W{0,6}$/i;

export function detectSsns(text: string): Finding[] {
  return scanAll(text, SSN, (m) => {
    if (!ssnValid(m[1]!, m[3]!, m[4]!)) return null;
    const cued = SSN_CUE.test(text.slice(Math.max(0, m.index - 40), m.index));
    if (!m[2] && !cued) return null;
    return piiFinding('us-ssn', m.index, m.index + m[0].length, cued ? 0.95 : 0.85);
  });
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** Not preceded by a letter or dot (`v1.2.3.4`, `a.1.2.3.4`), not followed by `.digit` (a fifth part). */
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
const IPV6 = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;
const PRIVATE_V4 = /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.)/;
/** Every IPV6 match holds two colons with at most four hex digits between them: text without that skips IPV6, which
 *  (no literal to start from) is tried at every position. */
const IPV6_GATE = /:[0-9A-Fa-f]{0,4}:/;

/**
 * Loopback, unspecified and broadcast/netmask addresses (127.x, 0.0.0.0, 255.x) identify nobody and fill
 * every dev prompt, so they are skipped; private ranges reveal internal networks and are reported at 0.6.
 */
export function detectIps(text: string): Finding[] {
  const v4 = scanAll(text, IPV4, (m) => {
    const ip = m[0];
    if (/^(?:127|0|255)\./.test(ip)) return null;
    return piiFinding('ip-address', m.index, m.index + ip.length, PRIVATE_V4.test(ip) ? 0.6 : 0.9);
  });
  const v6 = !IPV6_GATE.test(text) ? [] : scanAll(text, IPV6, (m) => {
    const ip = m[0];
    // A digit and a real parse keep `a::b` paths, MAC addresses and clock times out.
    if (!/\d/.test(ip) || ipv6Groups(ip) === null || /^::1?$/.test(ip)) return null;
    return piiFinding('ip-address', m.index, m.index + ip.length, /^fe80:/i.test(ip) ? 0.6 : 0.9);
  });
  return [...v4, ...v6];
}
