// The PII types this detector reports, their human labels, and the one way to build a finding.
import type { Finding } from './finding';

export const PII_LABELS = {
  email: 'e-mail address',
  phone: 'phone number',
  'credit-card': 'payment card number',
  iban: 'bank account number (IBAN)',
  'us-ssn': 'US social security number',
  'us-driver-license': "US driver's license number",
  'ip-address': 'IP address',
  'street-address': 'street address',
  'person-name': 'person name',
} as const;

export type PiiType = keyof typeof PII_LABELS;

export function piiFinding(type: PiiType, start: number, end: number, confidence: number): Finding {
  return { kind: 'pii', type, start, end, detector: 'airlock/pii', label: PII_LABELS[type], confidence };
}

/** Runs a global regex over the text, handing each match to `accept` (which returns a finding or null). */
export function scanAll(text: string, pattern: RegExp, accept: (m: RegExpExecArray) => Finding | null): Finding[] {
  const out: Finding[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const f = accept(m);
    if (f) out.push(f);
  }
  return out;
}
