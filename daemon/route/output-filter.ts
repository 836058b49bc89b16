// Scans the answer for secrets before it reaches the user. Text is held until a line break (or a size bound) so a
// secret is seen whole; a PEM block is held until its END line. A secret the user sent themselves (in this prompt or
// an earlier turn, including values restored from placeholders) is theirs and passes; any other secret the model
// produces becomes [REDACTED_SECRET], because the user may paste the answer where it would leak.
import type { OutputFilter } from '../../protocol';
import { detectSecrets } from '../detect/secrets';

export const REDACTED_SECRET = '[REDACTED_SECRET]';
/** Held text is scanned and released at this size even without a line break. */
const DEFAULT_MAX_HOLD = 4096;
/** An open PEM block is held up to this size, then released scanned like any other text. */
const MAX_PEM_HOLD = 65536;

export interface OutputFilterOptions {
  /** True when the value came from the user: it is not redacted. */
  isOwn(value: string): boolean;
  maxHold?: number;
}

export interface StreamFilter {
  /** Filtered text that may go to the user now; may hold back the tail. */
  push(chunk: string): Promise<string>;
  /** Scans and releases the rest, at the end of the answer. */
  flush(): Promise<string>;
  /** The record entry: what was found and whether anything was replaced. */
  result(): OutputFilter;
}

/** A user's own secrets: any value that appears in what the user sent. */
export function ownValuesIn(sent: readonly string[]): (value: string) => boolean {
  return (value) => sent.some((text) => text.includes(value));
}

function openPem(text: string): boolean {
  const begin = text.lastIndexOf('-----BEGIN ');
  return begin >= 0 && text.indexOf('-----END ', begin) < 0;
}

/** Where held text may be cut: after the last line break, or everything once it is too long. */
function releasePoint(text: string, maxHold: number): number {
  if (openPem(text) && text.length < MAX_PEM_HOLD) return 0;
  const lineEnd = text.lastIndexOf('\n') + 1;
  if (lineEnd > 0 && !openPem(text.slice(0, lineEnd))) return lineEnd;
  return text.length >= maxHold ? text.length : 0;
}

export function createOutputFilter(options: OutputFilterOptions): StreamFilter {
  const maxHold = options.maxHold ?? DEFAULT_MAX_HOLD;
  const found = new Set<string>();
  let redacted = false;
  let held = '';

  async function scan(text: string): Promise<string> {
    const findings = (await detectSecrets(text)).filter((f) => !options.isOwn(text.slice(f.start, f.end)));
    if (findings.length === 0) return text;
    let out = '';
    let at = 0;
    for (const f of findings) {
      found.add(f.type);
      out += text.slice(at, f.start) + REDACTED_SECRET;
      at = f.end;
    }
    redacted = true;
    return out + text.slice(at);
  }

  return {
    async push(chunk) {
      held += chunk;
      const cut = releasePoint(held, maxHold);
      if (cut === 0) return '';
      const ready = held.slice(0, cut);
      held = held.slice(cut);
      return scan(ready);
    },
    async flush() {
      const rest = held;
      held = '';
      return rest ? scan(rest) : '';
    },
    result: () => ({ name: 'secrets', action: redacted ? 'redacted' : 'none', findings: [...found].sort() }),
  };
}
