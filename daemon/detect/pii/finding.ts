// The PII types this detector reports, their human labels, and the one way to build a finding.
import type { Finding } from '../finding';

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

export { scanAll } from '../finding';
