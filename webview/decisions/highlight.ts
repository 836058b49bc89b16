// Signals over the stored prompt text. Signal offsets index the ORIGINAL prompt; a redacted stored text
// has placeholders instead of the secrets, so spans shift. When the stored text does not have the length the
// record implies, no highlight is drawn at all: a misplaced highlight would point at the wrong words.
import type { DecisionRecord } from '../../protocol/record';

export interface Span {
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  /** Indexes into the spans passed to `segments` that cover this piece. */
  marks: number[];
}

function byStart<R extends Span & { placeholder: string }>(redactions: readonly R[]): R[] {
  return [...redactions].sort((a, b) => a.start - b.start);
}

/** Maps one original offset into the redacted text; an offset inside a redaction snaps to its placeholder's edge. */
function mapOffset(offset: number, redactions: readonly (Span & { placeholder: string })[], edge: 'start' | 'end'): number {
  let shift = 0;
  for (const r of redactions) {
    if (offset >= r.end) {
      shift += r.placeholder.length - (r.end - r.start);
      continue;
    }
    if (offset > r.start || (offset === r.start && edge === 'end')) return r.start + shift + (edge === 'end' ? r.placeholder.length : 0);
    break;
  }
  return offset + shift;
}

/** Spans into `record.prompt.text`, or null when the text is absent or its length does not match the record. */
export function spansInStoredText(record: Pick<DecisionRecord, 'prompt' | 'redactions'>, spans: readonly Span[]): Span[] | null {
  const text = record.prompt.text;
  if (text === undefined || record.prompt.storage === 'none') return null;
  // The record's own account of the stored text when it has one; older records: the redactions sent.
  const redactions = record.prompt.masks ? byStart(record.prompt.masks) : record.prompt.storage === 'redacted' ? byStart(record.redactions) : [];
  const expected = redactions.reduce((n, r) => n + r.placeholder.length - (r.end - r.start), record.prompt.chars);
  if (text.length !== expected) return null;
  return spans.map((s) => ({ start: mapOffset(s.start, redactions, 'start'), end: mapOffset(s.end, redactions, 'end') }));
}

/** Cuts `text` at every span edge; each piece lists the spans covering it. Invalid spans are ignored. */
export function segments(text: string, spans: readonly Span[]): Segment[] {
  const valid = spans.map((s, i) => ({ ...s, i })).filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k]!;
    const to = points[k + 1]!;
    out.push({ text: text.slice(from, to), marks: valid.filter((s) => s.start <= from && s.end >= to).map((s) => s.i) });
  }
  return out;
}
