// Well-known token formats, as documented by their vendors. Each regex starts with a literal prefix and uses only
// bounded quantifiers and boundary look-arounds, so the scan stays linear in the prompt length.
import type { Finding } from '../finding';
import { secretFinding } from './rules';

interface TokenPattern {
  type: string;
  label: string;
  name: string;
  regex: RegExp;
  /** Extra shape check on the matched token, where the regex alone is too loose. */
  valid?: (token: string) => boolean;
  /** The match may start inside a longer run; redaction then covers the run from its start (at most GLUED_LEFT). */
  gluedLeft?: boolean;
  /** A literal every match holds: a text without it is not searched (a regex without a leading literal, or with a
   *  look-behind, is tried at every position; `includes` is a fast substring search). */
  needs?: string;
}

const GLUED_LEFT = 16;
const RUN_CHAR = /[A-Za-z0-9_-]/;

const B = '(?<![A-Za-z0-9])'; // token may not continue a longer word on the left
const E = '(?![A-Za-z0-9])'; // …nor on the right
const rx = (body: string) => new RegExp(body, 'g');

export const TOKEN_PATTERNS: TokenPattern[] = [
  { type: 'aws-access-key-id', label: 'AWS access key ID', name: 'aws-access-key-id',
    regex: rx(`${B}(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}${E}`) },
  { type: 'github-token', label: 'GitHub token', name: 'github', regex: rx(`${B}(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})${E}`) },
  { type: 'gitlab-token', label: 'GitLab token', name: 'gitlab',
    regex: rx(`${B}(?:(?:glpat|gldt|glft|glsoat|glrt)-[A-Za-z0-9_-]{20,50}|GR1348941[A-Za-z0-9_-]{20,50}|glcbt-(?:[0-9a-fA-F]{2}_)?[A-Za-z0-9_-]{20,50}|glimt-[A-Za-z0-9_-]{25}|glptt-[A-Za-z0-9_-]{40}|glagent-[A-Za-z0-9_-]{50,1024}|gloas-[A-Za-z0-9_-]{64})(?![A-Za-z0-9_-])`) },
  { type: 'slack-token', label: 'Slack token', name: 'slack', regex: rx(`${B}xox[abposr]-[A-Za-z0-9-]{10,250}${E}`) },
  { type: 'stripe-secret-key', label: 'Stripe secret key', name: 'stripe', regex: rx(`${B}[sr]k_live_[A-Za-z0-9]{24,247}${E}`) },
  { type: 'google-api-key', label: 'Google API key', name: 'google', regex: rx(`${B}AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])`) },
  { type: 'anthropic-api-key', label: 'Anthropic API key', name: 'anthropic', regex: rx(`${B}sk-ant-[A-Za-z0-9]{2,10}-[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])`) },
  { type: 'openai-api-key', label: 'OpenAI API key', name: 'openai',
    regex: rx(`${B}sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])`),
    valid: (t) => /[0-9]/.test(t) && /[A-Z]/.test(t) && /[a-z]/.test(t.slice(3)) },
  { type: 'npm-token', label: 'npm access token', name: 'npm', regex: rx(`${B}npm_[A-Za-z0-9]{36}${E}`) },
  { type: 'sendgrid-api-key', label: 'SendGrid API key', name: 'sendgrid', regex: rx(`${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`) },
  { type: 'twilio-key', label: 'Twilio API key or account SID', name: 'twilio', regex: rx(`${B}(?:SK|AC)[0-9a-z]{32}${E}`) },
  { type: 'pypi-token', label: 'PyPI upload token', name: 'pypi', regex: rx(`${B}pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{70,}`) },
  { type: 'mailchimp-api-key', label: 'Mailchimp API key', name: 'mailchimp', regex: rx(`${B}[0-9a-f]{32}-us[0-9]{1,2}${E}`), needs: '-us' },
  { type: 'telegram-bot-token', label: 'Telegram bot token', name: 'telegram', regex: rx(`(?<![A-Za-z0-9:])[0-9]{8,10}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])`) },
  // Discord: base64url(user id).timestamp(6).HMAC(27–38); the id part starts M/N/O (base64 of a digit). No left
  // boundary: a token glued to what precedes it (`TOKEN=x…`, a copied line) is still one, as in detect-secrets;
  // the span then takes in the glued run (see GLUED_LEFT).
  { type: 'discord-bot-token', label: 'Discord bot token', name: 'discord',
    regex: rx(`[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])`), gluedLeft: true },
  { type: 'artifactory-token', label: 'JFrog Artifactory API key', name: 'artifactory',
    // Short prefixes: only where a value starts (line start, space, =, :, quote), never inside a base64 blob.
    regex: rx(`(?<![^\\s=:"'\`])(?:AKC[A-Za-z0-9]{10,128}|AP[0-9A-F][A-Za-z0-9]{8,128})(?![A-Za-z0-9+/])`), valid: (t) => /[a-z]/.test(t.slice(3)) },
  { type: 'softlayer-api-key', label: 'SoftLayer API key', name: 'softlayer', regex: rx(`(?<=api\\.softlayer\\.com/soap/v3(?:\\.1)?/)[a-z0-9]{64}${E}`), needs: 'api.softlayer.com/soap/v3' },
  { type: 'azure-storage-key', label: 'Azure storage account key', name: 'azure-storage', regex: rx(`(?<=AccountKey=)[A-Za-z0-9+/]{86}==`), needs: 'AccountKey=' },
  { type: 'cloudflare-api-token', label: 'Cloudflare API token', name: 'cloudflare', regex: rx(`(?<![A-Za-z0-9_])cf(?:at|ut|k)_[A-Za-z0-9]{40}[0-9a-f]{8}${E}`) },
  { type: 'tailscale-key', label: 'Tailscale key', name: 'tailscale', regex: rx(`${B}tskey-(?:auth|client|webhook|api|scim)-[A-Za-z0-9]{6,64}-[A-Za-z0-9]{16,128}${E}`) },
  { type: 'vault-token', label: 'HashiCorp Vault token', name: 'vault', regex: rx(`${B}hv[sbr]\\.[A-Za-z0-9_-]{24,400}(?![A-Za-z0-9_-])`) },
  { type: 'crypto-private-key', label: 'secp256k1 private key', name: 'secp256k1', regex: rx(`${B}0x[0-9a-fA-F]{64}${E}`) },
];

/** The shortest text any of TOKEN_PATTERNS matches: artifactory's `AP` + a hex digit + 8 characters. Shorter text
 *  cannot hold a vendor token, so callers that try many short joins (wrapped tokens) skip them. */
export const MIN_TOKEN_LENGTH = 11;

export function detectTokenPatterns(text: string): Finding[] {
  const out: Finding[] = [];
  for (const p of TOKEN_PATTERNS) {
    if (p.needs !== undefined && !text.includes(p.needs)) continue;
    p.regex.lastIndex = 0;
    for (let m = p.regex.exec(text); m; m = p.regex.exec(text)) {
      if (p.valid && !p.valid(m[0])) continue;
      let start = m.index;
      if (p.gluedLeft) while (start > 0 && m.index - start < GLUED_LEFT && RUN_CHAR.test(text[start - 1]!)) start--;
      out.push(secretFinding(p.type, p.label, start, m.index + m[0].length, `airlock/${p.name}`));
    }
  }
  return out;
}
