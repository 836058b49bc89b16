// Vendor token formats the other rule sets lack, each with its published prefix and body shape.
import type { Finding } from '../finding';
import { secretFinding } from './rules';

const VENDORS: { type: string; label: string; pattern: RegExp }[] = [
  // Doppler: dp.<kind>.<environment>.<40+ base62>
  { type: 'doppler-token', label: 'Doppler token', pattern: /(?<![\w.])dp\.(?:st|ct|sa|scim|audit|pt)\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44}(?![\w])/g },
];

export function detectVendorTokens(text: string): Finding[] {
  const out: Finding[] = [];
  for (const v of VENDORS) {
    v.pattern.lastIndex = 0;
    for (let m = v.pattern.exec(text); m; m = v.pattern.exec(text)) out.push(secretFinding(v.type, v.label, m.index, m.index + m[0].length, 'airlock/vendor'));
  }
  return out;
}
