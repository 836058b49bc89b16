// Thousands of findings of one type side by side (a pasted column of tokens, a hostile `Mr. Mr. Mr. …`) become one
// finding over the whole run, with a count. Each finding costs the scan, the plan, the redaction and the decision
// record something; a 1 MB prompt of 262,144 person names gave a 45 MB record that no client could take. The merged
// span covers every character each finding covered (and the separators between them), so redaction hides at least
// as much; policy conditions count `count` findings for it (conditions.ts), so `minCount` sees the same number.
import type { Finding } from './finding';

/** Shortest run that is merged: far more findings of one type in a row than a real prompt holds. */
export const COALESCE_MIN_RUN = 64;
/** Longest gap between two findings of a run; the gap may hold no letter or digit (`, `, `\n`, `. `). */
const MAX_GAP = 8;

const isLetterOrDigit = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code > 127 && /[\p{L}\p{N}]/u.test(String.fromCharCode(code)));

/** Whether `text[from, to)` is a separator: short, with no letter or digit. Overlapping spans (to <= from) are. */
function separator(text: string, from: number, to: number): boolean {
  if (to - from > MAX_GAP) return false;
  for (let i = from; i < to; i++) if (isLetterOrDigit(text.charCodeAt(i))) return false;
  return true;
}

function merged(run: readonly Finding[]): Finding {
  const first = run[0]!;
  let end = first.end;
  let count = 0;
  let confidence = first.confidence;
  let detector = first.detector;
  for (const f of run) {
    end = Math.max(end, f.end);
    count += f.count ?? 1;
    if (f.confidence !== undefined && (confidence === undefined || f.confidence < confidence)) confidence = f.confidence;
    if (f.detector !== detector) detector = 'airlock/coalesced';
  }
  const out: Finding = { kind: first.kind, type: first.type, start: first.start, end, detector, label: first.label, count };
  if (confidence !== undefined) out.confidence = confidence;
  return out;
}

/**
 * Secret and PII findings sorted by start, with every run of at least COALESCE_MIN_RUN findings of one kind and type
 * separated only by short separators merged into one. Other kinds pass through. Returns them sorted by start.
 */
export function coalesceRuns(text: string, sorted: readonly Finding[]): Finding[] {
  const streams = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of sorted) {
    if (f.kind !== 'secret' && f.kind !== 'pii') out.push(f);
    else {
      const key = `${f.kind}\u0000${f.type}`;
      let stream = streams.get(key);
      if (!stream) streams.set(key, (stream = []));
      stream.push(f);
    }
  }
  if (![...streams.values()].some((stream) => stream.length >= COALESCE_MIN_RUN)) return [...sorted];
  for (const stream of streams.values()) {
    if (stream.length < COALESCE_MIN_RUN) {
      out.push(...stream);
      continue;
    }
    let from = 0;
    let reach = stream[0]!.end;
    for (let i = 1; i <= stream.length; i++) {
      const f = stream[i];
      if (f && separator(text, reach, f.start)) {
        reach = Math.max(reach, f.end);
        continue;
      }
      if (i - from >= COALESCE_MIN_RUN) {
        out.push(merged(stream.slice(from, i)));
      } else for (let k = from; k < i; k++) out.push(stream[k]!);
      if (f) [from, reach] = [i, f.end];
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
