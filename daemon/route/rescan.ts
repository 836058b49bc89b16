// The last check before a redacted prompt leaves the machine: the text to be sent (placeholders included) is scanned
// again with the same detectors. Whatever of a redacted kind is still found is redacted too, and if something remains
// after that (or a secret turns up where only personal data was being redacted) nothing is sent: the request is blocked.
// Spans were the unit of redaction, values are the unit of a leak: a value the detectors flagged once is masked
// wherever else it occurs, and so is each part of a redacted person name ("Bryan Maclean … starring Maclean").
import { WEAK_SIGNAL_TYPES, type Redaction, type RequestFacts, type Rescan, type Signal } from '../../protocol';
import type { ScanOptions } from '../detect';
import type { Finding } from '../detect/finding';
import { detectPii } from '../detect/pii';
import { emailNameParts } from '../detect/pii/names-email';
import { detectSecrets } from '../detect/secrets';
import { sweep } from '../detect/sweep';
import { placeholderPrefix } from '../policy/redact';
import { redactPrompt, wholeWord, type PlaceholderBook, type RedactedPrompt } from './redact';
import type { Scanner } from './scan-pool';

const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/g;
/** A name part worth masking on its own: three letters or more ("Al" or "de" would mask ordinary words). */
const NAME_PART = /[\p{L}][\p{L}'’-]{2,}/gu;
/** Re-scan, redact, re-scan: a finding that survives this many rounds means redaction cannot converge. */
const MAX_ROUNDS = 3;

export interface SendableText extends RedactedPrompt {
  rescan: Rescan;
}

/**
 * Masks, wherever they stand alone as words elsewhere in the text, each part of a redacted person name and each
 * capitalised name that a redacted e-mail address is made of ("Margarethe Quellwasser (margarethe.quellwasser@…)").
 */
function maskNameParts(text: string, redactions: readonly Redaction[], source: string, book: PlaceholderBook): string {
  let out = text;
  const mask = (part: string): void => {
    if (wholeWord(part).test(out)) out = out.replace(wholeWord(part), book.placeholderFor('PERSON_NAME', part));
  };
  for (const r of redactions) {
    const value = source.slice(r.start, r.end);
    // Each part once: a run of one name merged into one redaction (detect/coalesce.ts) holds it thousands of times.
    if (r.type === 'person-name') new Set(value.match(NAME_PART) ?? []).forEach((part) => mask(part));
    if (r.type === 'email') {
      for (const part of emailNameParts(value)) {
        // The name as the text writes it, capitalised: "margarethe" in the address, "Margarethe" in the greeting.
        const written = part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
        [written, part].forEach(mask);
      }
    }
  }
  return out;
}

/** The parts of [start, end) outside placeholders, trimmed of spaces and separators, that still hold a letter or digit. */
function outsidePlaceholders(text: string, start: number, end: number): Array<[number, number]> {
  const cuts: Array<[number, number]> = [];
  let at = start;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(text); m; m = PLACEHOLDER.exec(text)) {
    const pEnd = m.index + m[0].length;
    if (pEnd <= start) continue;
    if (m.index >= end) break;
    cuts.push([at, Math.max(at, m.index)]);
    at = Math.max(at, pEnd);
  }
  cuts.push([at, end]);
  const out: Array<[number, number]> = [];
  for (let [s, e] of cuts) {
    while (s < e && /[\s,;]/.test(text[s] as string)) s++;
    while (e > s && /[\s,;]/.test(text[e - 1] as string)) e--;
    if (/[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push([s, e]);
  }
  return out;
}

type Found = Pick<Finding, 'kind' | 'type' | 'start' | 'end'>;
const RESCAN_FACTS: RequestFacts = { source: 'api', interactive: true };

/**
 * Secrets and personal data in the text about to be sent. With a scanner (the daemon's worker pool) the detectors run
 * off the event loop, as the first scan did: a huge redacted prompt must not stall other clients twice. A re-scan the
 * pool could not finish in time proves nothing: it comes back as a finding of its own, and nothing is sent.
 */
async function findings(text: string, kinds: ReadonlySet<string>, swept: ScanOptions | undefined, scanner?: Scanner): Promise<Found[]> {
  let all: Found[];
  if (scanner) {
    const result = await scanner(text, RESCAN_FACTS, swept);
    if (result.truncated) return [{ kind: 'scan', type: 'scan-deadline', start: 0, end: text.length }];
    all = result.signals.filter((s: Signal) => s.kind === 'secret' || s.kind === 'pii');
  } else {
    all = [...(await detectSecrets(text)), ...detectPii(text), ...(swept ? sweep(text, [], new Set(swept.knownWords)) : [])];
  }
  // Only what lies outside placeholders is news: a placeholder is our own text.
  return all.filter((f) => outsidePlaceholders(text, f.start, f.end).length > 0 && (kinds.has(f.kind) || f.kind === 'secret'));
}

/**
 * The text to send for a prompt with planned redactions: spans and known values replaced, then re-scanned until
 * clean. `rescan.action` is `blocked` when it would not come clean; the caller must then send nothing.
 */
export async function redactForSending(text: string, planned: readonly Redaction[], book: PlaceholderBook, scanner?: Scanner, options?: ScanOptions): Promise<SendableText> {
  const first = redactPrompt(text, planned, book);
  if (planned.length === 0) return { ...first, rescan: { findings: [], action: 'clean' } };
  // The rule's redacted kinds, as the planned redactions show them; a secret is never the rule's to let through.
  const kinds = new Set<string>(planned.map((r) => r.kind));
  // A policy that redacts the sweep's weak types gets the sweep in the re-scan too, with the first scan's words.
  const swept = planned.some((r) => WEAK_SIGNAL_TYPES.has(r.type)) ? { ...options, sweep: true } : undefined;
  let out = book.mask(maskNameParts(first.text, planned, text, book));
  const seen = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const left = await findings(out, kinds, swept, scanner);
    if (left.length === 0) return { text: out, redactions: first.redactions, rescan: { findings: [...seen].sort(), action: seen.size ? 'redacted' : 'clean' } };
    left.forEach((f) => seen.add(f.type));
    // A secret where the rule only redacted personal data would have kept the prompt local: fail closed.
    if (left.some((f) => !kinds.has(f.kind))) break;
    const spans = left.flatMap((f) => outsidePlaceholders(out, f.start, f.end).map(([s, e]) => ({ f, s, e })));
    let next = '';
    let at = 0;
    for (const { f, s, e } of spans.sort((a, b) => a.s - b.s)) {
      if (s < at) continue;
      next += out.slice(at, s) + book.placeholderFor(placeholderPrefix(f), out.slice(s, e));
      at = e;
    }
    out = book.mask(next + out.slice(at));
  }
  return { text: out, redactions: first.redactions, rescan: { findings: [...seen].sort(), action: 'blocked' } };
}

