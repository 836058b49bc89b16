// What counts as the prompt's code when a client's request holds text that is not the user's code: the assistant's
// own instructions (its system prompt, tool definitions, the transcript's role labels) and structured data (JSON tool
// results, tool-call arguments). Agents' system prompts hold example code and their turns carry JSON; neither alone
// may make a public question "code". The scan itself is unchanged: secrets and personal data anywhere still count,
// and code the user pasted or the agent read as a file (a tool result that is not JSON) counts in full.
// Likewise the sweep's weak findings (a word no dictionary knows) inside the assistant's own instructions: a tool
// description's "rg" or "ripgrep" is the vendor's jargon, not a person. Recognised personal data there still counts.
import { WEAK_SIGNAL_TYPES, type NotCodeSpan, type ScanResult } from '../../protocol';
import { MIN_REGION_CHARS } from '../detect/code';

/** As the detector counts (`\s`), with the common printable ASCII case first. */
function nonBlank(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c > 32 && c < 127) || !/\s/.test(text[i]!);
}

/** Per character: 0 counted, 1 instructions, 2 data. Spans are clipped to the text. */
function maskOf(length: number, spans: readonly NotCodeSpan[]): Uint8Array {
  const mask = new Uint8Array(length);
  for (const s of spans) mask.fill(s.why === 'instructions' ? 1 : 2, Math.max(0, s.start), Math.min(length, Math.max(s.start, s.end)));
  return mask;
}

/** Non-blank characters of [start, end) that lie outside every span. */
function countedChars(text: string, mask: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (mask[i] === 0 && nonBlank(text, i)) n++;
  return n;
}

/**
 * The scan with code regions that are (almost) wholly instructions or data dropped: a region counts when at least
 * MIN_REGION_CHARS of its non-blank characters lie outside the spans, and the share is those characters over the
 * prompt without its instructions. Code signals of dropped regions go too, and weak signals wholly inside the
 * instructions; every other signal stays.
 */
export function withoutNotCode(scan: ScanResult, text: string, spans: readonly NotCodeSpan[] | undefined): ScanResult {
  if (!spans?.length) return scan;
  const mask = maskOf(text.length, spans);
  return withoutCodeOf(withoutWeakIn(scan, mask), text, mask);
}

/** Weak signals that lie wholly inside the client's instructions dropped. */
function withoutWeakIn(scan: ScanResult, mask: Uint8Array): ScanResult {
  const inInstructions = (start: number, end: number): boolean => {
    for (let i = start; i < end; i++) if (mask[i] !== 1) return false;
    return true;
  };
  const signals = scan.signals.filter((s) => !(WEAK_SIGNAL_TYPES.has(s.type) && inInstructions(s.start, s.end)));
  return signals.length === scan.signals.length ? scan : { ...scan, signals };
}

function withoutCodeOf(scan: ScanResult, text: string, mask: Uint8Array): ScanResult {
  if (!scan.code.regions.length) return scan;
  const weight = new Map<string, number>();
  let codeChars = 0;
  const kept = scan.code.regions.filter((r) => {
    const n = countedChars(text, mask, r.start, r.end);
    if (n < MIN_REGION_CHARS) return false;
    codeChars += n;
    weight.set(r.language, (weight.get(r.language) ?? 0) + n);
    return true;
  });
  if (kept.length === scan.code.regions.length) return scan;
  let prompt = 0;
  for (let i = 0; i < text.length; i++) if (mask[i] !== 1 && nonBlank(text, i)) prompt++;
  const best = [...weight].sort((a, b) => b[1] - a[1])[0]?.[0];
  const keptSet = new Set(kept);
  const dropped = new Set(scan.code.regions.filter((r) => !keptSet.has(r)).map((r) => `${r.start}:${r.end}`));
  return {
    ...scan,
    code: { isCode: kept.length > 0, language: best && best !== 'unknown' ? best : null, share: prompt ? Math.min(1, codeChars / prompt) : 0, regions: kept },
    signals: scan.signals.filter((s) => s.kind !== 'code' || !dropped.has(`${s.start}:${s.end}`)),
  };
}
