// The scan: text + request facts in, signals out. Pure and bounded: no I/O, no clock but the duration it reports.
import { performance } from 'node:perf_hooks';
import { AirlockError, type CodeRegion, type RequestFacts, type ScanResult, type Signal } from '../../protocol';
import { languageName } from '../../protocol/words';
import { detectCode } from './code';
import { coalesceRuns } from './coalesce';
import { detectDomains } from './domain';
import type { Finding } from './finding';
import { positioned } from './lines';
import { originFindings } from './origin';
import { detectPii } from './pii';
import { detectSecrets } from './secrets';
import { sweep } from './sweep';

/** Largest prompt Airlock accepts (UTF-16 code units). Larger ones are refused, not cut: a cut could hide a secret. */
export const MAX_PROMPT_CHARS = 10 * 1024 * 1024;

function codeFinding(region: CodeRegion): Finding {
  // "source code" for a region whose language the heuristic could not tell.
  const name = region.language === 'unknown' ? 'source' : languageName(region.language);
  return {
    kind: 'code',
    type: region.language,
    start: region.start,
    end: region.end,
    detector: region.language === 'unknown' ? 'airlock/code-heuristic' : 'tree-sitter',
    label: `${name} code`,
  };
}

export interface ScanOptions {
  /** Add the sweep's weak findings (detect/sweep): asked for by a policy that names one of their types (policy/weak.ts). */
  sweep?: boolean;
  /** With `sweep`: the policy's `knownWords`, lowercase; the sweep vouches for them like dictionary words. */
  knownWords?: readonly string[];
}

/** Weak findings only where no detector found anything: a swept word inside a found name adds nothing. */
function outsideOf(found: readonly Finding[], weak: readonly Finding[]): Finding[] {
  const strong = found.filter((f) => f.kind === 'pii' || f.kind === 'secret').sort((a, b) => a.start - b.start);
  const out: Finding[] = [];
  let i = 0;
  let reach = -1; // the furthest end among strong findings that start before the weak one ends
  for (const w of weak) {
    while (i < strong.length && strong[i]!.start < w.end) reach = Math.max(reach, strong[i++]!.end);
    if (reach <= w.start) out.push(w);
  }
  return out;
}

export async function scan(text: string, facts: RequestFacts, options: ScanOptions = {}): Promise<ScanResult> {
  if (text.length > MAX_PROMPT_CHARS) {
    throw new AirlockError('AIRLOCK_E_INPUT_TOO_LARGE', `prompt is ${text.length} characters; the limit is ${MAX_PROMPT_CHARS}`);
  }
  const began = performance.now();
  const code = detectCode(text);
  const findings: Finding[] = [
    ...(await detectSecrets(text)),
    ...detectPii(text),
    ...code.regions.map(codeFinding),
    ...detectDomains(text),
    ...originFindings(text.length, facts),
  ];
  // Not inside code: every preset that sweeps keeps code local, and identifiers are no one's name.
  if (options.sweep) {
    const known = options.knownWords?.length ? new Set(options.knownWords) : undefined;
    findings.push(...outsideOf(findings, sweep(text, [...code.regions].sort((a, b) => a.start - b.start), known)));
  }
  const signals: Signal[] = positioned(text, coalesceRuns(text, findings.sort((a, b) => a.start - b.start || a.end - b.end)));
  return { signals, code, scannedChars: text.length, truncated: false, durationMs: performance.now() - began };
}
