// Personal data in a prompt: e-mail, phone, payment card, IBAN, US SSN, US driver's license, IP address,
// street address, person name.
// Pure and synchronous; each recogniser is linear in the text, and overlapping findings are merged.
import { mergeOverlapping, type Finding } from '../finding';
import { detectAddresses } from './address';
import { detectAddressLines } from './address-lines';
import { completeAddressBlocks } from './address-block';
import { extendAddressBlocks } from './address-tail';
import { detectTwoWordStreets } from './address-words';
import { detectDriverLicenses } from './license';
import { detectNames } from './names';
import { detectCuedNames, notOnlyProducts } from './names-cue';
import { detectNamesFromEmails } from './names-email';
import { extendNamesBackward } from './names-extend';
import { detectIntlStreets, detectLowercaseIbans, detectNationalPhones } from './intl';
import { detectLowercaseNames } from './names-lower';
import { detectNamePairs } from './names-pair';
import { completeNames, recipients } from './names-repeat';
import { detectStructuralNames, listMembers } from './names-structure';
import { detectCards, detectEmails, detectIbans, detectIps, detectSsns } from './patterns';
import { detectPhones } from './phone';

export { PII_LABELS, type PiiType } from './finding';

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
    ...completeAddressBlocks(text, extendAddressBlocks(text, [...detectAddresses(text), ...detectTwoWordStreets(text), ...detectIntlStreets(text), ...detectAddressLines(text)])),
    ...withListMembers(text, [...extendNamesBackward(text, detectNames(text)), ...detectLowercaseNames(text), ...detectCuedNames(text), ...detectNamePairs(text), ...detectStructuralNames(text), ...recipients(text)].filter((f) => notOnlyProducts(text, f))),
  ], moreConfident);
}

/** The names found, and the other members of any list a full name among them stands in. */
function withListMembers(text: string, names: Finding[]): Finding[] {
  return names.length ? completeNames(text, [...names, ...listMembers(text, names)]) : names;
}
