import type { SignalKind } from '../../protocol';

/** What a detector returns; the scan adds line and column. Detectors are pure: text in, findings out. */
export interface Finding {
  kind: SignalKind;
  type: string;
  start: number;
  end: number;
  detector: string;
  label: string;
  confidence?: number;
  /** How many adjacent findings of this type this one stands for (coalesce.ts); absent for one. */
  count?: number;
}

/**
 * Overlapping spans become one over the union of their spans (redaction must cover both), keeping the type the
 * detector prefers. Returns them sorted by start.
 */
export function mergeOverlapping<T extends { start: number; end: number }>(findings: readonly T[], prefer: (a: T, b: T) => T): T[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: T[] = [];
  for (const f of sorted) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) {
      const kept = prefer(last, f);
      const end = Math.max(last.end, f.end);
      // Two detectors often report the same span: the preferred finding then covers the union as it is.
      merged[merged.length - 1] = kept.start === last.start && kept.end === end ? kept : { ...kept, start: last.start, end };
    }
    else merged.push(f); // kept, not copied: a dense prompt has tens of thousands; a union above is a new object
  }
  return merged;
}

/** Runs a global regex over the text, handing each match to `accept` (which returns a finding or null). */
export function scanAll(text: string, pattern: RegExp, accept: (m: RegExpExecArray) => Finding | null): Finding[] {
  const out: Finding[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const f = accept(m);
    if (f) out.push(f);
  }
  return out;
}
