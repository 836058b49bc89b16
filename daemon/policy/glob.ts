// A small, dependency-free glob compiler for preset path lists. Matching is case-insensitive and treats dots like
// any other character, because a path rule that misses `.ENV` or `.env.local` would leak (fail closed).
// Supported: `**` (any run of segments), `*` (within a segment), `?`, `{a,b}`, `[abc]` / `[!abc]`.

/** Compiles a glob, or throws an Error whose message says what is wrong with it. */
export function compileGlob(glob: string): RegExp {
  if (glob.trim() === '') throw new Error('empty glob');
  let out = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const slashAfter = glob[i + 2] === '/';
        if (!atSegmentStart || (i + 2 < glob.length && !slashAfter)) throw new Error(`'**' must be a whole path segment in '${glob}'`);
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) throw new Error(`unclosed '[' in '${glob}'`);
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (ch === '{') {
      braceDepth++;
      out += '(?:';
    } else if (ch === '}') {
      if (braceDepth === 0) throw new Error(`unmatched '}' in '${glob}'`);
      braceDepth--;
      out += ')';
    } else if (ch === ',' && braceDepth > 0) {
      out += '|';
    } else {
      out += ch.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  if (braceDepth > 0) throw new Error(`unclosed '{' in '${glob}'`);
  // A pattern without a slash (e.g. `*.pem`) names a file anywhere, like .gitignore does.
  const anchored = glob.includes('/') ? out : `(?:.*/)?${out}`;
  return new RegExp(`^${anchored}$`, 'i');
}

/** The problem with a glob, or null when it compiles. */
export function globProblem(glob: string): string | null {
  try {
    compileGlob(glob);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Normalises Windows separators so one glob serves every platform. */
export function normalisePath(path: string): string {
  return path.replace(/\\/g, '/');
}

export function matchesAnyGlob(path: string, globs: readonly RegExp[]): boolean {
  const normalised = normalisePath(path);
  return globs.some((re) => re.test(normalised));
}
