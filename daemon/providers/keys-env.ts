// API keys from environment variables: the fallback when the OS keychain has none (or there is no keychain).

/** The variables providers document themselves, so an existing shell set-up works without Airlock-specific names. */
const USUAL_ENV: Readonly<Record<string, string>> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
  azure: 'AZURE_OPENAI_API_KEY',
  'azure-openai': 'AZURE_OPENAI_API_KEY',
};

const AIRLOCK_ENV = /^AIRLOCK_([A-Z0-9][A-Z0-9_]*)_API_KEY$/;

/** `AIRLOCK_<PROVIDER>_API_KEY`, with `-` as `_` because shells do not allow `-` in names. */
export function airlockEnvName(provider: string): string {
  return `AIRLOCK_${provider.toUpperCase().replaceAll('-', '_')}_API_KEY`;
}

/** The variables consulted for a provider, most specific first. */
export function envNamesFor(provider: string, configured?: string): string[] {
  const names = [airlockEnvName(provider), configured, USUAL_ENV[provider]];
  return [...new Set(names.filter((n): n is string => !!n))];
}

/** An environment value, trimmed; whitespace-only counts as unset (an `export X=` left in a profile). */
function envValue(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

export function envKey(env: NodeJS.ProcessEnv, provider: string, configured?: string): string | null {
  for (const name of envNamesFor(provider, configured)) {
    const value = envValue(env, name);
    if (value) return value;
  }
  return null;
}

/** Providers that have a key in the environment, by either naming scheme. */
export function envProviders(env: NodeJS.ProcessEnv): string[] {
  const found = new Set<string>();
  for (const name of Object.keys(env)) {
    const match = AIRLOCK_ENV.exec(name);
    if (match?.[1] && envValue(env, name)) found.add(match[1].toLowerCase().replaceAll('_', '-'));
  }
  for (const [provider, name] of Object.entries(USUAL_ENV)) {
    if (envValue(env, name)) found.add(provider);
  }
  return [...found].sort();
}
