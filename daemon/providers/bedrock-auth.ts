// How a Bedrock request authenticates, decided per request so `airlock keys set` or a new environment takes effect
// without a restart: a Bedrock API key (bearer token) when there is one (the keychain or AIRLOCK_<NAME>_API_KEY or the
// configured apiKeyEnv first, then AWS_BEARER_TOKEN_BEDROCK), otherwise SigV4 with the standard AWS credential chain
// (environment, shared config/credentials files with SSO and assumed-role profiles, web identity, process, container
// and instance metadata), resolved by @aws-sdk/credential-providers. Values never leave this file except to the SDK.
import type { ProviderConfig } from '../../protocol';
import type { KeyLookup } from './types';

/** The variable AWS documents for Bedrock API keys; the SDK reads it too, but Airlock decides the scheme itself. */
export const BEARER_ENV = 'AWS_BEARER_TOKEN_BEDROCK';

export type BedrockAuth =
  | { scheme: 'bearer'; token: string; source: string }
  | { scheme: 'sigv4' };

export interface BedrockAuthResult {
  auth: BedrockAuth;
  /** A keychain failure met on the way (the chain may still have credentials); said when nothing else works. */
  keychainProblem?: string;
}

/** Picks the scheme for one request. A broken keychain does not stop SigV4: AWS credentials rarely live there. */
export async function bedrockAuth(config: ProviderConfig, keys: KeyLookup, env: NodeJS.ProcessEnv): Promise<BedrockAuthResult> {
  let keychainProblem: string | undefined;
  try {
    const key = await keys(config.name);
    if (key) return { auth: { scheme: 'bearer', token: key, source: 'Airlock key (keychain or environment)' } };
  } catch (err) {
    keychainProblem = err instanceof Error ? err.message : String(err);
  }
  const token = env[BEARER_ENV]?.trim();
  if (token) return { auth: { scheme: 'bearer', token, source: BEARER_ENV } };
  return { auth: { scheme: 'sigv4' }, ...(keychainProblem ? { keychainProblem } : {}) };
}

/** The SDK marks resolved credentials with the provider that found them; these say it in words. */
const SOURCE_WORDS: [RegExp, string][] = [
  [/STS_WEB_ID_TOKEN|ASSUME_ROLE_WEB_ID/, 'web identity (AWS_WEB_IDENTITY_TOKEN_FILE)'],
  [/^CREDENTIALS_ENV_VARS$/, 'environment (AWS_ACCESS_KEY_ID)'],
  [/SSO/, 'SSO profile'],
  [/PROFILE_PROCESS|^CREDENTIALS_PROCESS$/, 'credential_process profile'],
  [/PROFILE_SOURCE_PROFILE|STS_ASSUME_ROLE/, 'assumed-role profile'],
  [/PROFILE/, 'shared credentials profile'],
  [/IMDS/, 'EC2 instance metadata'],
  [/HTTP|FULL_URI|RELATIVE_URI/, 'container credentials'],
  [/LOGIN/, 'aws login profile'],
];

/** Where resolved credentials came from, from the SDK's `$source` marks; `AWS credential chain` when unmarked. */
export function credentialSource(credentials: { $source?: Record<string, unknown> }, profile: string | undefined): string {
  const marks = Object.keys(credentials.$source ?? {});
  for (const [pattern, words] of SOURCE_WORDS) {
    if (marks.some((m) => pattern.test(m))) return /profile/i.test(words) ? `${words} ${profile ?? process.env.AWS_PROFILE ?? 'default'}` : words;
  }
  return 'AWS credential chain';
}

/** What to do when the chain finds nothing, naming every way in. */
export function noCredentialsFix(config: ProviderConfig): string {
  const profile = config.profile ? `run \`aws sso login --profile ${config.profile}\` (or fix profile ${config.profile} in ~/.aws/config)` : 'set AWS_PROFILE or `profile:` in the provider entry';
  return `no AWS credentials found: ${profile}, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use a Bedrock API key (\`airlock keys set ${config.name}\` or ${BEARER_ENV})`;
}
