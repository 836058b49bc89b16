// A tiny stand-in for the real detectors, for policy tests only: a few patterns mapped to signals, so preset test
// files can be run without the detector modules. It is deliberately simple; it is not a detector.
import type { CodeRegion, RequestFacts, ScanResult, Signal, SignalKind } from '../../protocol';

interface Marker {
  kind: SignalKind;
  type: string;
  label: string;
  pattern: RegExp;
  /** Capture group holding the sensitive part (the whole match when omitted). */
  group?: number;
}

const MARKERS: Marker[] = [
  { kind: 'secret', type: 'aws-secret-access-key', label: 'AWS secret access key', pattern: /aws_secret_access_key\s*[=:]\s*"?([A-Za-z0-9/+=]{40})/gi, group: 1 },
  { kind: 'secret', type: 'private-key', label: 'private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g },
  { kind: 'secret', type: 'github-token', label: 'GitHub token', pattern: /ghp_[A-Za-z0-9]{36}/g },
  { kind: 'secret', type: 'jwt', label: 'JSON web token', pattern: /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/g },
  { kind: 'secret', type: 'generic-secret-assignment', label: 'password assignment', pattern: /(?:password|passwd|api_key|secret)\s*[:=]\s*["']([^"'\s]{8,})["']/gi, group: 1 },
  { kind: 'pii', type: 'email', label: 'email address', pattern: /[\w.+-]+@[\w-]+\.[\w.-]+/g },
  { kind: 'pii', type: 'iban', label: 'IBAN', pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}\b/g },
  { kind: 'pii', type: 'us-ssn', label: 'US social security number', pattern: /\b\d{3}-\d{2}-\d{4}\b/g },
  { kind: 'pii', type: 'phone', label: 'phone number', pattern: /\+\d{1,3}[ (]\d[\d ()-]{7,}\d/g },
  { kind: 'domain', type: 'medical', label: 'medical topic', pattern: /\b(?:diagnos\w*|patients?|prescri\w*|dosage|symptoms?)\b/gi },
  { kind: 'domain', type: 'legal', label: 'legal topic', pattern: /\b(?:lawsuit|contract|liabilit\w*|indemnif\w*|GDPR)\b/gi },
  { kind: 'domain', type: 'financial', label: 'financial topic', pattern: /\b(?:tax return|portfolio|mortgage|capital gains)\b/gi },
];

const CODE_LINE = /[;{}]\s*$|^\s*(?:def |function |const |let |import |export |class |return |public |fn |func )/;

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Fenced blocks take their language from the fence; unfenced code-looking lines count as `unknown`. */
function codeRegions(text: string): CodeRegion[] {
  const regions: CodeRegion[] = [];
  for (const m of text.matchAll(/```(\w*)\n([\s\S]*?)```/g)) {
    regions.push({ start: m.index, end: m.index + m[0].length, language: m[1] || 'unknown', fenced: true });
  }
  let offset = 0;
  for (const line of text.split('\n')) {
    const inFence = regions.some((r) => offset >= r.start && offset < r.end);
    if (!inFence && CODE_LINE.test(line)) regions.push({ start: offset, end: offset + line.length, language: 'unknown', fenced: false });
    offset += line.length + 1;
  }
  return regions.sort((a, b) => a.start - b.start);
}

export async function fakeScan(text: string, _facts: RequestFacts): Promise<ScanResult> {
  const signals: Signal[] = [];
  for (const m of MARKERS) {
    for (const hit of text.matchAll(m.pattern)) {
      const value = hit[m.group ?? 0] ?? hit[0];
      const start = hit.index + hit[0].indexOf(value);
      signals.push({ kind: m.kind, type: m.type, start, end: start + value.length, ...lineColumn(text, start), detector: 'fake', label: m.label });
    }
  }
  const regions = codeRegions(text);
  const nonBlank = text.replace(/\s/g, '').length || 1;
  const codeChars = regions.reduce((n, r) => n + text.slice(r.start, r.end).replace(/\s/g, '').length, 0);
  const languages = regions.map((r) => r.language).filter((l) => l !== 'unknown');
  return {
    signals: signals.sort((a, b) => a.start - b.start),
    code: { isCode: regions.length > 0, language: languages[0] ?? null, share: Math.min(1, codeChars / nonBlank), regions },
    scannedChars: text.length,
    truncated: false,
    durationMs: 0,
  };
}
