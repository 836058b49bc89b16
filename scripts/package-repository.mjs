// The `repository` field of the packaged manifest. The project has no public URL of its own (no git remote), so none
// is written into package.json: whoever publishes names it, and a marketplace package without one is refused rather
// than shipped with an invented address. A local package (`npm run package`) needs none.

/** Schemes a marketplace can link to as a git repository. */
const SCHEMES = new Set(['https:', 'git+https:', 'ssh:', 'git+ssh:']);

/**
 * `{ type: 'git', url }` for the package's manifest, or undefined when no URL is given and none is required.
 * Throws a sentence for the user when `marketplace` is set without a URL, or when the URL is not one.
 */
export function repositoryField({ marketplace, url }) {
  const value = url?.trim();
  if (!value) {
    if (!marketplace) return undefined;
    throw new Error('--marketplace needs the public repository URL: set AIRLOCK_REPOSITORY_URL or pass --repository URL (package.json names none: the project has no public address of its own)');
  }
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`repository URL "${value}" is not a URL (e.g. https://example.org/team/airlock.git)`);
  }
  if (!SCHEMES.has(parsed.protocol) || !parsed.hostname) throw new Error(`repository URL "${value}" must be https:// or ssh:// with a host`);
  return { type: 'git', url: value };
}
