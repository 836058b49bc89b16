// Human-readable decision records for the terminal. Never prints a signal's value: only kind, type and place.
import { describePolicy, routeLabel, type DecisionRecord } from '../../protocol';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

export function renderRecord(r: DecisionRecord): string {
  const out: string[] = [];
  out.push(`Decision ${r.id}  ${r.createdAt}`);
  out.push(`  Route:    ${routeLabel(r, { detail: true })}`);
  out.push(`  Rule:     ${r.rule.id} (preset ${r.rule.preset}, ${r.rule.file}${r.rule.line ? `:${r.rule.line}` : ''})`);
  out.push(`  Why:      ${r.explanation}`);
  if (r.signals.length) {
    out.push('  Signals:');
    for (const s of r.signals) out.push(`    ${pad(`line ${s.line}:${s.column}`, 14)} ${pad(s.kind, 7)} ${pad(s.type, 28)} ${s.label}  [${s.detector}]`);
  } else out.push('  Signals:  none');
  if (r.redactions.length) {
    out.push('  Redactions before sending:');
    for (const x of r.redactions) out.push(`    ${pad(x.placeholder, 14)} ${x.kind} ${x.type} at ${x.start}..${x.end}`);
  }
  const extra: string[] = [];
  if (r.requireCitations) extra.push('citations required');
  if (r.review.required) extra.push(`flagged for review (${r.review.reasons.join('; ')})`);
  if (r.route.requiredCapabilities.length) extra.push(`needs ${r.route.requiredCapabilities.join(', ')}`);
  if (extra.length) out.push(`  Also:     ${extra.join('; ')}`);
  out.push('  Candidates:');
  for (const c of r.route.candidates) out.push(`    ${c.accepted ? '✓' : '✗'} ${pad(c.modelId, 34)} ${pad(c.class, 8)} ${c.reason}`);
  const policy = describePolicy(r.policy);
  out.push(`  Policy:   ${policy.id}`);
  out.push(`  Source:   ${policy.origin}${policy.shipped === false ? ` (${r.policy.file})` : ''}`);
  out.push(`  Code:     ${r.code.isCode ? `${r.code.language ?? 'unknown'}, ${Math.round(r.code.share * 100)}% of the prompt` : 'none'}`);
  if (r.status !== 'planned') {
    out.push(`  Status:   ${r.status}${r.error ? ` (${r.error.code}: ${r.error.message})` : ''}`);
    if (r.attempts.length) {
      out.push('  Attempts:');
      for (const a of r.attempts) out.push(`    ${pad(a.modelId, 34)} ${pad(a.outcome, 12)} ${a.durationMs} ms${a.httpStatus ? ` HTTP ${a.httpStatus}` : ''}${a.message ? ` ${a.message}` : ''}`);
    }
    if (r.latencyMs !== null) out.push(`  Latency:  ${r.latencyMs} ms (first token ${r.firstTokenMs ?? '–'} ms${r.scanMs !== undefined ? `, detection ${r.scanMs.toFixed(1)} ms` : ''})`);
    if (r.tokens) out.push(`  Tokens:   ${r.tokens.input} in, ${r.tokens.output} out${r.costUsd !== null ? `, $${r.costUsd.toFixed(6)}` : ''}`);
    for (const f of r.outputFilters) out.push(`  Output:   ${f.name}: ${f.action}${f.findings.length ? ` (${f.findings.join(', ')})` : ''}`);
  }
  return out.join('\n') + '\n';
}
