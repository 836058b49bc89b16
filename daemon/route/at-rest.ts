// What the audit log may keep of a request. The prompt and every free-text field a client sends along (the facts:
// file path, task, user tier, tools, RAG sources, conversation id, …) go through the same scan and the same masking:
// never a raw secret, personal data only when storage is `full`. Whatever else the record says about the request
// (the explanation quotes the attached path) is masked the same way, so a value masked in one field is not left raw
// in another.
import type { DecisionRecord, PromptStorage, RequestFacts, ScanResult } from '../../protocol';
import { scan as scanText } from '../detect';
import { planRedactions } from '../policy/redact';

/** Kinds masked at rest: secrets always, personal data unless the config keeps prompts in `full`. */
export const kindsAtRest = (storage: PromptStorage): string[] => (storage === 'full' ? ['secret'] : ['secret', 'pii']);

/** Replaces each span with its placeholder; spans must not overlap (planRedactions merges them). */
export function applyRedactions<R extends { start: number; end: number; placeholder: string }>(text: string, redactions: readonly R[]): string {
  let out = '';
  let at = 0;
  for (const r of [...redactions].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, r.start) + r.placeholder;
    at = r.end;
  }
  return out + text.slice(at);
}

/** The prompt as the audit log may keep it (nothing at all under `none`). */
export function storedPrompt(text: string, scan: ScanResult, storage: PromptStorage): DecisionRecord['prompt'] {
  if (storage === 'none') return { chars: text.length, storage };
  const masked = planRedactions(scan.signals, kindsAtRest(storage), text);
  return { chars: text.length, storage, text: applyRedactions(text, masked) };
}

/** Every string in the facts, wherever it sits (new fields are covered without a change here). */
function strings(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

function replaceStrings<T>(value: T, masked: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return (masked.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, masked)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, masked)])) as T;
  return value;
}

// Fields are scanned together, one per line with a blank line between, so one scan covers them all; a finding
// is cut back to the field it starts in.
const SEPARATOR = '\n\n';

/** The prompt scanner (daemon/detect's `scan`, or whatever runs it off the event loop). */
export type Scanner = (text: string, facts: RequestFacts) => Promise<ScanResult>;

/** Masks, in each string, what the scan finds there. Returns raw → masked for the strings that changed. */
export async function maskStrings(values: readonly string[], storage: PromptStorage, scanner: Scanner = scanText): Promise<Map<string, string>> {
  const changed = new Map<string, string>();
  if (values.length === 0) return changed;
  const joined = values.join(SEPARATOR);
  const found = await scanner(joined, { source: 'api', interactive: true });
  const redactions = planRedactions(found.signals, kindsAtRest(storage), joined);
  let offset = 0;
  for (const value of values) {
    const end = offset + value.length;
    const inField = redactions
      .filter((r) => r.start < end && r.end > offset)
      .map((r) => ({ start: Math.max(r.start, offset) - offset, end: Math.min(r.end, end) - offset, placeholder: r.placeholder }));
    if (inField.length) changed.set(value, applyRedactions(value, inField));
    offset = end + SEPARATOR.length;
  }
  return changed;
}

/** Replaces raw values quoted inside a text (longest first, so a value containing another is replaced whole). */
export function maskQuoted(text: string, masked: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [raw, safe] of [...masked].sort((a, b) => b[0].length - a[0].length)) out = out.split(raw).join(safe);
  return out;
}

export interface StoredRequest {
  facts: RequestFacts;
  /** Some client string held something to mask. */
  masks: boolean;
  /** Masks any raw fact value quoted in another text of the record (explanation, review reasons, error message). */
  quote(text: string): string;
}

/**
 * The facts as the audit log may keep them; the decision itself was made on the raw facts. `alsoLogged` are other
 * client strings the daemon writes down (the request id in its log): `quote` masks them too.
 */
export async function storedFacts(facts: RequestFacts, storage: PromptStorage, alsoLogged: readonly string[] = [], scanner?: Scanner): Promise<StoredRequest> {
  const values = strings(facts, new Set(alsoLogged));
  const masked = await maskStrings([...values].filter((s) => s.length > 0), storage, scanner);
  if (masked.size === 0) return { facts, masks: false, quote: (t) => t };
  return { facts: replaceStrings(facts, masked), masks: true, quote: (t) => maskQuoted(t, masked) };
}
