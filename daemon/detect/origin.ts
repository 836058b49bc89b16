// Request facts become signals too, so the policy and the record treat "this came from .env" like any finding.
import type { RequestFacts } from '../../protocol';
import type { Finding } from './finding';

export function originFindings(textLength: number, facts: RequestFacts): Finding[] {
  const findings: Finding[] = [];
  for (const part of facts.parts ?? []) {
    const start = Math.max(0, Math.min(part.start, textLength));
    const end = Math.max(start, Math.min(part.end, textLength));
    findings.push({
      kind: 'origin',
      type: part.origin,
      start,
      end,
      detector: 'facts',
      label: part.path ? `${part.origin} from ${part.path}` : part.origin,
    });
  }
  if (facts.filePath && !facts.parts?.some((p) => p.path === facts.filePath)) {
    findings.push({ kind: 'origin', type: 'file', start: 0, end: textLength, detector: 'facts', label: `text from ${facts.filePath}` });
  }
  return findings;
}
