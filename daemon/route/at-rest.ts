// What the audit log may keep of a request. The prompt and every free-text field a client sends along (the facts:
// file path, task, user tier, tools, RAG sources, conversation id, …) go through the same scan and the same masking:
// never a raw secret, personal data only when storage is `full`. Whatever else the record says about the request
// (the explanation quotes the attached path) is masked the same way, so a value masked in one field is not left raw
// in another.
import type { DecisionRecord, PromptStorage, Redaction, RequestFacts, ScanResult } from '../../protocol';
import { scan as scanText } from '../detect';
import { planRedactions } from '../policy/redact';
import { applyRedactions, PlaceholderBook, placeholderPrefix } from './redact';

/** Kinds masked at rest: secrets always, personal data unless the config keeps prompts in `full`. */
export const kindsAtRest = (storage: PromptStorage): string[] => (storage === 'full' ? ['secret'] : ['secret', 'pii']);

/** Every string in the facts, wherever it sits (new fields are covered without a change here). */
function strings(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

function replaceStrings<T>(value: T, masked: (s: string) => string): T {
  if (typeof value === 'string') return masked(value) as T;
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, masked)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, masked)])) as T;
  return value;
}

// Fields are scanned together, one per line with a blank line between, so one scan covers them all; a finding
// is cut back to the field it starts in.
const SEPARATOR = '\n\n';

/** The prompt scanner (daemon/detect's `scan`, or whatever runs it off the event loop). */
export type Scanner = (text: string, facts: RequestFacts) => Promise<ScanResult>;

interface FieldFindings { value: string; redactions: Redaction[] }

/**
 * Teaches the book every value found, one by one. Overlapping findings merge into one redaction (a password inside
 * an e-mail-shaped `user:pass@host`), and the book would otherwise know only the merged text: a bare copy of the
 * password elsewhere in the text would stay raw.
 */
function learnValues(text: string, signals: ScanResult['signals'], kinds: readonly string[], book: PlaceholderBook): void {
  for (const signal of signals) {
    const [one] = planRedactions([signal], kinds, text);
    if (one) book.placeholderFor(placeholderPrefix(one.placeholder), text.slice(one.start, one.end));
  }
}

const FIELD_FACTS: RequestFacts = { source: 'api', interactive: true };
/** Field texts worth remembering: an HTTP surface's facts (surface, key name, user agent, model, task) are the same
 *  on every request of a client. */
const CACHED_FIELDS_MAX_CHARS = 4096;
const CACHED_FIELDS_PER_SCANNER = 128;
const fieldScans = new WeakMap<Scanner, Map<string, ScanResult>>();

/**
 * The scan of the joined fields, remembered per scanner for a repeated text: the scan is a pure function of the
 * text (detect/ has no state), so a repeat is answered from memory instead of another trip to the scan pool. A
 * result that is not a whole scan (a missed deadline) is never kept. Least recently used entries go first.
 */
async function scanFieldText(joined: string, scanner: Scanner): Promise<ScanResult> {
  if (joined.length > CACHED_FIELDS_MAX_CHARS) return scanner(joined, FIELD_FACTS);
  let cache = fieldScans.get(scanner);
  if (!cache) fieldScans.set(scanner, (cache = new Map()));
  const known = cache.get(joined);
  if (known) {
    cache.delete(joined);
    cache.set(joined, known);
    return known;
  }
  const found = await scanner(joined, FIELD_FACTS);
  if (found.truncated) return found;
  if (cache.size >= CACHED_FIELDS_PER_SCANNER) cache.delete(cache.keys().next().value!);
  cache.set(joined, found);
  return found;
}

/** One scan over all the strings; each one's findings in its own offsets, with the book's placeholders. */
async function scanFields(values: readonly string[], storage: PromptStorage, scanner: Scanner, book: PlaceholderBook): Promise<FieldFindings[]> {
  if (values.length === 0) return [];
  const joined = values.join(SEPARATOR);
  const found = await scanFieldText(joined, scanner);
  const redactions = withBook(joined, planRedactions(found.signals, kindsAtRest(storage), joined), book);
  learnValues(joined, found.signals, kindsAtRest(storage), book);
  let offset = 0;
  return values.map((value) => {
    const end = offset + value.length;
    const inField = redactions
      .filter((r) => r.start < end && r.end > offset)
      .map((r) => ({ ...r, start: Math.max(r.start, offset) - offset, end: Math.min(r.end, end) - offset }));
    offset = end + SEPARATOR.length;
    return { value, redactions: inField };
  });
}

/**
 * Masks, in each string, what the scan finds there, and every other occurrence of a value found anywhere among them.
 * Returns raw → masked for the strings that changed.
 */
export async function maskStrings(values: readonly string[], storage: PromptStorage, scanner: Scanner = scanText): Promise<Map<string, string>> {
  const book = new PlaceholderBook();
  return changedFields(await scanFields(values, storage, scanner, book), book);
}

/** The spans with the book's placeholders: one value, one placeholder, across the prompt and every field. */
function withBook(text: string, redactions: readonly Redaction[], book: PlaceholderBook): Redaction[] {
  return redactions.map((r) => ({ ...r, placeholder: book.placeholderFor(placeholderPrefix(r.placeholder), text.slice(r.start, r.end)) }));
}

function changedFields(fields: readonly FieldFindings[], book: PlaceholderBook): Map<string, string> {
  const changed = new Map<string, string>();
  for (const { value, redactions } of fields) {
    const masked = book.mask(applyRedactions(value, redactions));
    if (masked !== value) changed.set(value, masked);
  }
  return changed;
}

/** Replaces raw values quoted inside a text (longest first, so a value containing another is replaced whole). */
export function maskQuoted(text: string, masked: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [raw, safe] of [...masked].sort((a, b) => b[0].length - a[0].length)) out = out.split(raw).join(safe);
  return out;
}

type Mask = NonNullable<DecisionRecord['prompt']['masks']>[number];

/**
 * The stored prompt and where it differs from the raw one (raw offsets → placeholder), so a viewer can lay the
 * signals, which index the raw prompt, over the stored text. The masks hold offsets and placeholders, never values;
 * they are left out when they would not rebuild the stored text exactly.
 */
function maskedPrompt(text: string, redactions: readonly Redaction[], book: PlaceholderBook): { text: string; masks?: Mask[] } {
  const first = [...redactions].sort((a, b) => a.start - b.start).map(({ start, end, placeholder }) => ({ start, end, placeholder }));
  const partly = applyRedactions(text, first);
  const stored = book.mask(partly);
  // Book matches are in `partly`'s offsets: shift them back past the placeholders before them; a match that
  // touches a placeholder cannot be mapped (no masks then).
  const masks: Mask[] = [...first];
  let k = 0;
  let shift = 0;
  for (const m of book.maskSpans(partly)) {
    while (k < first.length && first[k]!.start + shift + first[k]!.placeholder.length <= m.start) {
      shift += first[k]!.placeholder.length - (first[k]!.end - first[k]!.start);
      k++;
    }
    if (k < first.length && m.end > first[k]!.start + shift) return { text: stored };
    masks.push({ start: m.start - shift, end: m.end - shift, placeholder: m.placeholder });
  }
  masks.sort((a, b) => a.start - b.start);
  return applyRedactions(text, masks) === stored ? { text: stored, masks } : { text: stored };
}

export interface StoredRequest {
  /** The prompt as the record keeps it (no text under `none`). */
  prompt: DecisionRecord['prompt'];
  facts: RequestFacts;
  /** Something the client sent held a value to mask. */
  masks: boolean;
  /** Masks any raw value found in the request (prompt, facts, `alsoLogged`) inside another text of the record or
   *  a log line: the explanation quoting the attached path, an origin signal's label, the request id. */
  quote(text: string): string;
}

/**
 * What the audit log may keep of a request: the prompt and every string of the facts, masked by the same scan; a
 * value found in one place is masked in every other (a token the detectors saw once, glued into a word elsewhere, or
 * found in a fact and repeated in the prompt). The decision itself was made on the raw request. `alsoLogged` are
 * other client strings the daemon writes down (the request id in its log).
 */
export async function storedRequest(
  text: string, scan: ScanResult, facts: RequestFacts, storage: PromptStorage, alsoLogged: readonly string[] = [], scanner: Scanner = scanText,
  weakAtRest: readonly string[] = [],
): Promise<StoredRequest> {
  const book = new PlaceholderBook();
  // What the policy treats as possibly personal is not kept raw at rest: the sweep's weak types (which `strict`
  // redacts and `balanced` keeps local) are masked in the stored prompt too, unless prompts are kept in full.
  const kinds = storage === 'full' ? kindsAtRest(storage) : [...kindsAtRest(storage), ...weakAtRest];
  // The prompt's values first, so its placeholders are numbered as in the prompt.
  const promptRedactions = withBook(text, planRedactions(scan.signals, kinds, text), book);
  learnValues(text, scan.signals, kinds, book);
  const values = [...strings(facts, new Set(alsoLogged))].filter((s) => s.length > 0);
  const fields = await scanFields(values, storage, scanner, book);
  const prompt: DecisionRecord['prompt'] = storage === 'none' ? { chars: text.length, storage } : { chars: text.length, storage, ...maskedPrompt(text, promptRedactions, book) };
  if (book.size === 0) return { prompt, facts, masks: false, quote: (t) => t };
  const changed = changedFields(fields, book);
  const quote = (t: string) => book.mask(maskQuoted(t, changed));
  return { prompt, facts: replaceStrings(facts, (s) => changed.get(s) ?? book.mask(s)), masks: true, quote };
}
