// Personal data in a prompt: e-mail, phone, payment card, IBAN, US SSN, US driver's license, IP address,
// street address, person name.
// Pure and synchronous; each recogniser is linear in the text, and overlapping findings are merged.
import type { Finding } from './finding';
import { detectAddresses } from './pii-address';
import { detectDriverLicenses } from './pii-license';
import { detectNames } from './pii-names';
import { detectLowercaseNames } from './pii-names-lower';
import { detectCards, detectEmails, detectIbans, detectIps, detectSsns } from './pii-patterns';
import { detectPhones } from './pii-phone';

export { PII_LABELS, type PiiType } from './pii-finding';

/**
 * Overlapping findings become one: the span is their union and the type is the most confident one's
 * (a checksum-validated card beats a phone-shaped reading of the same digits).
 */
function mergeOverlaps(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  for (const f of sorted) {
    const prev = out[out.length - 1];
    if (!prev || f.start >= prev.end) {
      out.push({ ...f });
      continue;
    }
    const winner = (f.confidence ?? 0) > (prev.confidence ?? 0) ? f : prev;
    out[out.length - 1] = { ...winner, start: prev.start, end: Math.max(prev.end, f.end) };
  }
  return out;
}

export function detectPii(text: string): Finding[] {
  if (!text) return [];
  return mergeOverlaps([
    ...detectEmails(text),
    ...detectCards(text),
    ...detectIbans(text),
    ...detectSsns(text),
    ...detectDriverLicenses(text),
    ...detectIps(text),
    ...detectPhones(text),
    ...detectAddresses(text),
    ...detectNames(text),
    ...detectLowercaseNames(text),
  ]);
}
