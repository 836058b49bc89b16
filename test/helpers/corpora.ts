// The labelled corpora in ../shared/corpora as leak-test samples: each sample's text and the values that must never
// reach a model outside the machine. Values are compared as every 8-character fragment, so a span redacted a few
// characters short still counts as a leak.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { specPlaceholders } from '../eval/spec-labels';
import { corporaDir, readJsonl } from '../eval/table';

export type Corpus = 'secrets' | 'pii' | 'code';

export interface LeakSample {
  id: string;
  corpus: Corpus;
  text: string;
  /** The labelled values: the whole text for a secret or code sample, the identifying spans for a PII sample. */
  values: string[];
}

/** The corpora are beside the repository (../shared/corpora) or where AIRLOCK_CORPORA says, as for `eval:detect`. */
export const corporaPresent = (): boolean => existsSync(path.join(corporaDir(), 'pii.jsonl'));

/** The PII entity types that identify a person (the corpus README's `has_pii` types). */
export const IDENTIFYING = new Set(['CREDIT_CARD', 'EMAIL_ADDRESS', 'IBAN_CODE', 'IP_ADDRESS', 'PERSON', 'PHONE_NUMBER', 'STREET_ADDRESS', 'US_DRIVER_LICENSE', 'US_SSN']);

const FRAGMENT = 8;
/** A fragment must carry information: a run of spaces or punctuation is in every text. */
const MIN_ALNUM = 4;

const lines = (file: string): Array<Record<string, unknown>> => readJsonl<Record<string, unknown>>(file);

/** Corpus offsets are Unicode code points; JavaScript strings index UTF-16 units. */
const codePoints = (text: string, start: number, end: number): string => [...text].slice(start, end).join('');

export function loadLeakSamples(): LeakSample[] {
  // Documentation examples and filler tokens are not secrets by the spec (issue 14; test/eval/spec-labels.json).
  const placeholders = specPlaceholders();
  const secrets = lines('secrets.jsonl').filter((s) => s.label === true && !placeholders.has(String(s.id)))
    .map((s): LeakSample => ({ id: String(s.id), corpus: 'secrets', text: String(s.text), values: [String(s.text)] }));
  const pii = lines('pii.jsonl').map((s): LeakSample => {
    const text = String(s.text);
    const spans = (s.spans as Array<[number, number, string]>).filter(([, , type]) => IDENTIFYING.has(type));
    return { id: String(s.id), corpus: 'pii', text, values: spans.map(([a, b]) => codePoints(text, a, b)) };
  }).filter((s) => s.values.length > 0);
  const code = lines('code.jsonl').filter((s) => s.label === 'code')
    .map((s): LeakSample => ({ id: String(s.id), corpus: 'code', text: String(s.text), values: [String(s.text)] }));
  return [...secrets, ...pii, ...code];
}

/** Every 8-character window of a value that holds enough letters or digits; a shorter value is its own fragment. */
export function fragments(value: string): string[] {
  const v = value.trim();
  const windows = v.length <= FRAGMENT ? [v] : Array.from({ length: v.length - FRAGMENT + 1 }, (_, i) => v.slice(i, i + FRAGMENT));
  return [...new Set(windows.filter((w) => (w.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= MIN_ALNUM))];
}

/** The first fragment of any of the sample's values found in `received`, or null. */
export function leakedFragment(sample: LeakSample, received: string): string | null {
  for (const value of sample.values) for (const f of fragments(value)) if (received.includes(f)) return f;
  return null;
}

/** A public paragraph the sample is embedded in, as a user pastes something into a longer question. */
export function embedInParagraph(text: string): string {
  return `I am writing up notes for a workshop on how browsers decide when to reuse a cached response, and I want the explanation to be accurate. Before that, please look at the following and tell me what stands out:\n\n${text}\n\nAfterwards, explain in plain words how the Cache-Control header and validators like ETag work together, and why a shared proxy may treat them differently from a private browser cache.`;
}

/** Every string inside a JSON request body, joined: escapes (\n, \u00e9) decoded so a fragment spanning lines matches. */
export function bodyStrings(body: Buffer): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  try {
    walk(JSON.parse(body.toString('utf8')));
  } catch {
    // Not JSON: the raw text is checked as well.
  }
  return `${out.join('\n')}\n${body.toString('utf8')}`;
}
