// The sweep's weak types, their labels, and the one way to build a sweep finding.
import type { Finding } from '../finding';

export const SWEEP_LABELS = {
  'possible-name': 'word no dictionary knows (possibly a name)',
  'possible-full-name': "run of words no dictionary knows (possibly a person's full name)",
  'possible-number': 'long number (possibly an identifier)',
  'possible-address': 'line opening with a number and an unknown word (possibly a street address)',
} as const;

export function finding(type: keyof typeof SWEEP_LABELS, start: number, end: number): Finding {
  return { kind: 'pii', type, start, end, detector: 'airlock/sweep', label: SWEEP_LABELS[type], confidence: 0.2 };
}
