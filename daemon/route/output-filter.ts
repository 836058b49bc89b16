// Scans the answer for secrets before it reaches the user, without waiting for whole lines: text is released up to
// its last whitespace, because a secret value is one unbroken token and is therefore only released once complete.
// Each released piece is scanned together with the rest of its line already sent, so `password = "…"` style secrets
// are still seen in context. A PEM block (which spans lines) is held from its BEGIN line until its END line.
// An unbroken token longer than the hold bound is never released in part (its first part could be the start of a
// secret no scan can judge yet): it is dropped whole, as [REDACTED_SECRET], and recorded as `oversized-token`.
// A secret the user sent themselves (in this prompt or an earlier turn, including values restored from placeholders)
// is theirs and passes; any other secret the model produces becomes [REDACTED_SECRET], because the user may paste
// the answer where it would leak.
import type { OutputFilter } from '../../protocol';
import { detectSecrets } from '../detect/secrets';
import { mayHoldSecretlintFinding } from '../detect/secrets/secretlint';

export const REDACTED_SECRET = '[REDACTED_SECRET]';
/** The longest unbroken token held until it ends; a longer one is dropped. Base64 blobs and long URLs fit. */
const DEFAULT_MAX_HOLD = 65536;
/** The finding recorded for a dropped over-long token. */
export const OVERSIZED_TOKEN = 'oversized-token';
/** An open PEM block is held up to this size, then released scanned like any other text. */
const MAX_PEM_HOLD = 65536;

export interface OutputFilterOptions {
  /** True when the value came from the user: it is not redacted. */
  isOwn(value: string): boolean;
  /** Longest unbroken token held (default 64 KiB); a longer one is dropped, never released in part. */
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

const PEM_BEGIN = '-----BEGIN ';
const PEM_END = '-----END ';
/** How much of the current line is kept as context for the next piece's scan. */
const LINE_CONTEXT = 512;

/** Start of a PEM block in `text` that has not ended yet, or -1. */
function openPemAt(text: string): number {
  const begin = text.lastIndexOf(PEM_BEGIN);
  return begin >= 0 && text.indexOf(PEM_END, begin) < 0 ? begin : -1;
}

/** Length of a tail that could grow into `-----BEGIN ` (e.g. `---`), which must not be released yet. */
function partialMarker(text: string): number {
  for (let n = Math.min(PEM_BEGIN.length - 1, text.length); n > 0; n--) {
    if (PEM_BEGIN.startsWith(text.slice(-n))) return n;
  }
  return 0;
}

/** How much of the held text may go now: up to the last whitespace, never into an open PEM block. */
function releasePoint(text: string): number {
  const pem = openPemAt(text);
  if (pem >= 0 && text.length < MAX_PEM_HOLD) return pem === 0 ? 0 : lastBreak(text.slice(0, pem));
  return lastBreak(text.slice(0, text.length - partialMarker(text)));
}

function firstBreak(text: string): number {
  return text.search(/[ \n\t\r]/);
}

function lastBreak(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) return i + 1;
  }
  return 0;
}

export function createOutputFilter(options: OutputFilterOptions): StreamFilter {
  const maxHold = options.maxHold ?? DEFAULT_MAX_HOLD;
  const found = new Set<string>();
  let redacted = false;
  let held = '';
  // Inside an over-long token that was dropped: the rest of it, up to the next whitespace, is dropped too.
  let dropping = false;
  // The part of the current line already released: context for scanning the next piece.
  let line = '';

  async function scan(piece: string): Promise<string> {
    const context = line;
    const text = context + piece;
    // A finding that matters reaches into the piece. Pieces start after whitespace, so such a secretlint finding lies
    // in a token of the piece (or one continuing the context, after a forced release): without a long token there,
    // secretlint cannot add one and is skipped. Airlock's own patterns always run.
    const continuesToken = context.length > 0 && !/\s$/.test(context);
    const secretlint = continuesToken || mayHoldSecretlintFinding(piece);
    const findings = (await detectSecrets(text, { secretlint })).filter((f) => f.end > context.length && !options.isOwn(text.slice(f.start, f.end)));
    const lineStart = text.lastIndexOf('\n') + 1;
    line = text.slice(Math.max(lineStart, text.length - LINE_CONTEXT));
    if (findings.length === 0) return piece;
    let out = '';
    let at = 0;
    for (const f of findings) {
      // A finding that began in already-released context can only be cut from here on.
      const start = Math.max(f.start - context.length, at);
      found.add(f.type);
      out += piece.slice(at, start) + REDACTED_SECRET;
      at = f.end - context.length;
    }
    redacted = true;
    return out + piece.slice(at);
  }

  return {
    async push(chunk) {
      if (dropping) {
        const end = firstBreak(chunk);
        if (end < 0) return '';
        dropping = false;
        chunk = chunk.slice(end);
      }
      held += chunk;
      const cut = releasePoint(held);
      const ready = cut > 0 ? held.slice(0, cut) : '';
      held = held.slice(cut);
      let out = ready ? await scan(ready) : '';
      // What is still held is one unfinished token (or an open PEM block, bounded on its own).
      if (held.length > maxHold && openPemAt(held) < 0) {
        held = '';
        dropping = true;
        found.add(OVERSIZED_TOKEN);
        redacted = true;
        out += REDACTED_SECRET;
      }
      return out;
    },
    async flush() {
      const rest = held;
      held = '';
      dropping = false;
      return rest ? scan(rest) : '';
    },
    result: () => ({ name: 'secrets', action: redacted ? 'redacted' : 'none', findings: [...found].sort() }),
  };
}
