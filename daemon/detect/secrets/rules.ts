// Shared shape of the secret detector's own rules, and how specific each type is (for merging overlaps).
import type { Finding } from '../finding';

export function secretFinding(type: string, label: string, start: number, end: number, detector: string, confidence?: number): Finding {
  const f: Finding = { kind: 'secret', type, start, end, detector, label };
  if (confidence !== undefined) f.confidence = confidence;
  return f;
}

const GENERIC_RANK: Record<string, number> = {
  'high-entropy-token': 0,
  'generic-secret-assignment': 1,
  'url-credentials': 2,
  'connection-string-password': 2,
  'authorization-header': 2,
  jwt: 3,
  'private-key': 4,
};

/** Vendor-specific types (github-token, aws-secret-access-key, …) outrank the structural and generic ones. */
export function specificity(type: string): number {
  return GENERIC_RANK[type] ?? 5;
}
