// Vendor token formats the other rule sets lack, each with its published prefix and body shape.
import type { Finding } from '../finding';
import { secretFinding } from './rules';

// Every vendor issue 14 lists, and which rule set finds it, is in docs/detection.md ("Vendor formats"); this table
// holds the formats neither secretlint's recommended rules nor patterns.ts cover. Formats as the vendors document
// them and as gitleaks' default config (config/gitleaks.toml) matches them; every quantifier is bounded.
const VENDORS: { type: string; label: string; pattern: RegExp }[] = [
  // Doppler: dp.<kind>.<environment>.<40+ base62>
  { type: 'doppler-token', label: 'Doppler token', pattern: /(?<![\w.])dp\.(?:st|ct|sa|scim|audit|pt)\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44}(?![\w])/g },
  // Atlassian API token (Jira, Confluence, Bitbucket Cloud): ATATT3 + 186 characters (base64url and '=').
  { type: 'atlassian-api-token', label: 'Atlassian API token', pattern: /(?<![A-Za-z0-9_-])ATATT3[A-Za-z0-9_=-]{186}(?![A-Za-z0-9_=-])/g },
  // Postman API key: PMAK-<24 hex>-<34 hex>.
  { type: 'postman-api-key', label: 'Postman API key', pattern: /(?<![A-Za-z0-9])PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}(?![A-Za-z0-9])/g },
  // Azure (Entra ID) application client secret: 3 characters, a digit, "Q~", then 31–34 characters.
  { type: 'azure-client-secret', label: 'Azure AD client secret', pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g },
  // GitLab feature-flag client token (glffct-), and routable tokens: <prefix>-<payload>.<2-char version><7-char CRC>,
  // whose payload may be longer than the classic 20 characters patterns.ts expects.
  { type: 'gitlab-token', label: 'GitLab token', pattern: /(?<![A-Za-z0-9_-])glffct-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/g },
  { type: 'gitlab-token', label: 'GitLab token', pattern: /(?<![A-Za-z0-9_-])(?:glpat|glrt|gldt|glft|glsoat|glcbt)-[A-Za-z0-9_-]{27,300}\.[0-9a-z]{9}(?![A-Za-z0-9_.-])/g },
];

export function detectVendorTokens(text: string): Finding[] {
  const out: Finding[] = [];
  for (const v of VENDORS) {
    v.pattern.lastIndex = 0;
    for (let m = v.pattern.exec(text); m; m = v.pattern.exec(text)) out.push(secretFinding(v.type, v.label, m.index, m.index + m[0].length, 'airlock/vendor'));
  }
  return out;
}
