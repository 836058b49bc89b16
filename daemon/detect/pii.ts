// Personal data in a prompt: e-mail, phone, payment card, IBAN, US SSN, US driver's license, IP address,
// street address, person name.
// Pure and synchronous; each recogniser is linear in the text, and overlapping findings are merged.
import { mergeOverlapping, type Finding } from './finding';
import { detectAddresses } from './pii-address';
import { extendAddressBlocks } from './pii-address-tail';
import { detectTwoWordStreets } from './pii-address-words';
import { detectDriverLicenses } from './pii-license';
import { detectNames } from './pii-names';
import { detectCuedNames, notOnlyProducts } from './pii-names-cue';
import { detectNamesFromEmails } from './pii-names-email';
import { extendNamesBackward } from './pii-names-extend';
import { detectIntlStreets, detectLowercaseIbans, detectNationalPhones } from './pii-intl';
import { detectLowercaseNames } from './pii-names-lower';
import { detectNamePairs } from './pii-names-pair';
import { detectCards, detectEmails, detectIbans, detectIps, detectSsns } from './pii-patterns';
import { detectPhones } from './pii-phone';

export { PII_LABELS, type PiiType } from './pii-finding';

/** A checksum-validated card beats a phone-shaped reading of the same digits: the more confident type wins. */
const moreConfident = (prev: Finding, next: Finding): Finding => ((next.confidence ?? 0) > (prev.confidence ?? 0) ? next : prev);

export function detectPii(text: string): Finding[] {
  if (!text) return [];
  const emails = detectEmails(text);
  return mergeOverlapping([
    ...emails,
    ...detectNamesFromEmails(text, emails),
    ...detectCards(text),
    ...detectIbans(text),
    ...detectLowercaseIbans(text),
    ...detectSsns(text),
    ...detectDriverLicenses(text),
    ...detectIps(text),
    ...detectPhones(text),
    ...detectNationalPhones(text),
    ...extendAddressBlocks(text, [...detectAddresses(text), ...detectTwoWordStreets(text), ...detectIntlStreets(text)]),
    ...[...extendNamesBackward(text, detectNames(text)), ...detectLowercaseNames(text), ...detectCuedNames(text), ...detectNamePairs(text)].filter((f) => notOnlyProducts(text, f)),
  ], moreConfident);
}
