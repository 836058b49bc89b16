// The full decision record, section by section. Only what the record holds is rendered: a null field
// or an empty list produces no row, never a placeholder value.
import type { ReviewEntry } from '../../protocol/methods';
import { describePolicy, type DecisionRecord } from '../../protocol/record';
import { button, el, fact, tag, textField } from '../components';
import type { Rpc } from '../rpc';
import { notice } from '../shared/banner';
import { formatMs, formatTime, formatUsd } from '../shared/format';
import { routeBadge } from '../shared/route-badge';
import { segments, spansInStoredText } from './highlight';

export interface DetailContext {
  rpc: Rpc;
  /** Called with the new review after "Mark reviewed" succeeds. */
  onReviewed?: (review: ReviewEntry) => void;
  /** True in the editor tab itself: no "Open in Editor" button there. */
  inTab?: boolean;
}

function section(title: string, children: (Node | null)[]): HTMLElement | null {
  const body = children.filter((c): c is Node => c !== null);
  if (body.length === 0) return null;
  return el('section', { class: 'detail-section', attrs: { 'aria-label': title } }, [el('h3', { text: title }), ...body]);
}

function table(headers: string[], rows: (string | Node)[][], label: string): HTMLElement | null {
  if (rows.length === 0) return null;
  return el('table', { class: 'detail-table', attrs: { 'aria-label': label } }, [
    el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, [c]))))),
  ]);
}

function yesNo(value: boolean | null): string | null {
  return value === null ? null : value ? 'yes' : 'no';
}

function routeSection(r: DecisionRecord): HTMLElement | null {
  const route = r.route;
  return section('Route', [
    fact('Target', route.target),
    fact('Provider', route.provider),
    fact('Model', route.model),
    fact('Region', route.region),
    fact('Retention', route.retentionDays === null ? null : `${route.retentionDays} days`),
    fact('No training', yesNo(route.noTraining)),
    fact('Preference', route.prefer),
    route.escalated ? fact('Escalated', 'yes') : null,
    route.requiredCapabilities.length ? fact('Requires', route.requiredCapabilities.join(', ')) : null,
  ]);
}

function ruleSection(r: DecisionRecord, ctx: DetailContext): HTMLElement | null {
  const status = el('span', { class: 'inline-status', attrs: { role: 'status' } });
  const open = button({
    label: 'Open rule',
    appearance: 'secondary',
    aria: `Open rule ${r.rule.id} in ${r.rule.file}`,
    onClick: async () => {
      const res = await ctx.rpc.request('decision/openRule', { file: r.rule.file, line: Math.max(1, r.rule.line) });
      status.textContent = res.ok ? (res.value.opened ? '' : `Could not open ${r.rule.file}.`) : res.error.message;
    },
  });
  return section('Rule', [
    fact('Rule', `${r.rule.id} (${r.rule.preset}, ${r.rule.line > 0 ? `line ${r.rule.line}` : 'preset default'})`),
    el('p', { class: 'explanation', text: r.explanation }),
    r.matchedRules.length > 1 ? fact('Also matched', r.matchedRules.slice(1).join(', ')) : null,
    r.requireCitations ? fact('Citations', 'required') : null,
    el('div', { class: 'actions' }, [open, status]),
  ]);
}

function promptSection(r: DecisionRecord): HTMLElement | null {
  const text = r.prompt.text;
  if (text === undefined) return section('Prompt', [el('p', { class: 'muted', text: `Not stored (storage: ${r.prompt.storage}); ${r.prompt.chars} characters.` })]);
  const spans = spansInStoredText(r, r.signals);
  const pre = el('pre', { class: 'prompt-text', attrs: { 'aria-label': `Stored prompt (${r.prompt.storage})` } });
  for (const seg of segments(text, spans ?? [])) {
    if (seg.marks.length === 0) {
      pre.append(seg.text);
      continue;
    }
    const kinds = seg.marks.map((i) => r.signals[i]!);
    const title = kinds.map((s) => `${s.label} (${s.kind}/${s.type}, ${s.detector})`).join('; ');
    pre.append(el('mark', { class: `signal-mark mark-${kinds[0]!.kind}`, text: seg.text, attrs: { title } }));
  }
  const note = spans === null && r.signals.length > 0 ? el('p', { class: 'muted', text: 'Signal positions do not match the stored text; not highlighted.' }) : null;
  return section('Prompt', [fact('Stored', `${r.prompt.storage}, ${r.prompt.chars} characters`), pre, note]);
}

function signalsSection(r: DecisionRecord): HTMLElement | null {
  const rows = r.signals.map((s) => [s.kind, `${s.label} (${s.type})`, `${s.line}:${s.column}`, s.detector + (s.confidence !== undefined ? ` · ${Math.round(s.confidence * 100)}%` : '')]);
  const code = r.code.isCode ? fact('Code', `${r.code.language ?? 'unrecognised language'}, ${Math.round(r.code.share * 100)}% of the prompt`) : null;
  return section('Signals', [table(['Kind', 'Type', 'Line:col', 'Detector'], rows, 'Signals'), code]);
}

function redactionsSection(r: DecisionRecord): HTMLElement | null {
  const rows = r.redactions.map((x) => [x.placeholder, `${x.kind}/${x.type}`, `${x.start}–${x.end}`]);
  // The re-scan of the text that was about to be sent: what it still found and whether that was redacted or blocked.
  const rescan = r.rescan ? fact('Re-scan', r.rescan.findings.length ? `${r.rescan.action}: ${r.rescan.findings.join(', ')}` : r.rescan.action) : null;
  return section('Redactions', [table(['Placeholder', 'Type', 'Span'], rows, 'Redactions'), rescan]);
}

function candidatesSection(r: DecisionRecord): HTMLElement | null {
  const rows = r.route.candidates.map((c) => [
    `${c.provider}/${c.model}`,
    c.class,
    c.accepted ? 'accepted' : 'rejected',
    c.reason + (c.estimatedCostUsd !== undefined ? ` (est. ${formatUsd(c.estimatedCostUsd)})` : ''),
  ]);
  return section('Candidates considered', [table(['Model', 'Class', 'Verdict', 'Reason'], rows, 'Candidates')]);
}

function attemptsSection(r: DecisionRecord): HTMLElement | null {
  const rows = r.attempts.map((a) => [
    `${a.provider} (${a.modelId})`,
    a.outcome + (a.httpStatus !== undefined ? ` HTTP ${a.httpStatus}` : ''),
    formatMs(a.durationMs) ?? '',
    [a.errorCode, a.message].filter(Boolean).join(': '),
  ]);
  return section('Attempts', [table(['Provider', 'Outcome', 'Duration', 'Error'], rows, 'Attempts'), r.fallbacks > 0 ? fact('Fallbacks', String(r.fallbacks)) : null]);
}

function metricsSection(r: DecisionRecord): HTMLElement | null {
  return section('Metrics', [
    fact('Latency', formatMs(r.latencyMs)),
    fact('First token', formatMs(r.firstTokenMs)),
    fact('Detection', formatMs(r.scanMs ?? null)),
    fact('Tokens', r.tokens ? `${r.tokens.input} in, ${r.tokens.output} out` : null),
    fact('Cost', formatUsd(r.costUsd)),
  ]);
}

function filtersSection(r: DecisionRecord): HTMLElement | null {
  const rows = r.outputFilters.map((f) => [f.name, f.action, f.findings.join(', ')]);
  return section('Output filters', [table(['Filter', 'Action', 'Findings'], rows, 'Output filters')]);
}

function reviewSection(r: DecisionRecord, reviews: ReviewEntry[], ctx: DetailContext): HTMLElement | null {
  const history = table(['When', 'By', 'Note'], reviews.map((v) => [formatTime(v.at), v.by, v.note ?? '']), 'Review history');
  if (!r.review.required && reviews.length === 0) return null;
  const reviewed = reviews.length > 0;
  const state = fact('Review', r.review.required ? (reviewed ? 'reviewed' : 'needs review') : 'not required');
  const reasons = r.review.reasons.length ? el('div', { class: 'tags' }, r.review.reasons.map((x) => tag(x))) : null;
  let form: HTMLElement | null = null;
  if (r.review.required && !reviewed) {
    const note = textField({ aria: 'Review note (optional)', placeholder: 'Note (optional)' });
    const status = el('span', { class: 'inline-status', attrs: { role: 'status' } });
    const mark = button({
      label: 'Mark reviewed',
      aria: 'Mark this decision reviewed',
      onClick: async () => {
        const text = note.value.trim();
        const res = await ctx.rpc.request('decision/review', text ? { id: r.id, note: text } : { id: r.id });
        if (!res.ok) {
          status.replaceChildren(notice(res.error.message));
          return;
        }
        ctx.onReviewed?.(res.value.review);
      },
    });
    form = el('div', { class: 'review-form' }, [note, mark, status]);
  }
  return section('Review', [state, reasons, history, form]);
}

/** The policy by origin and content hash; one that is not a shipped preset is marked so, whatever it calls itself. */
function policySection(r: DecisionRecord): HTMLElement | null {
  const p = describePolicy(r.policy);
  const origin = p.shipped === false ? el('span', { class: 'policy-not-shipped' }, [tag('not shipped'), ` ${p.origin}`]) : p.origin;
  return section('Policy', [
    fact('Policy', p.id),
    fact('Source', origin),
    fact('File', r.policy.file),
    fact('Hash', `sha256:${r.policy.hash}`),
  ]);
}

export function renderDetail(r: DecisionRecord, reviews: ReviewEntry[], ctx: DetailContext): HTMLElement {
  const error = r.error ? notice(`${r.error.code}: ${r.error.message}`) : null;
  const openTab = ctx.inTab ? null : button({
    label: 'Open in Editor',
    appearance: 'secondary',
    aria: 'Open this decision in an editor tab',
    onClick: () => void ctx.rpc.request('decision/openTab', { id: r.id }),
  });
  if (openTab) openTab.classList.add('open-tab');
  const header = el('div', { class: 'detail-header' }, [
    routeBadge(r),
    el('span', { class: 'muted', text: `${r.status} · ${formatTime(r.createdAt)}` }),
    openTab,
  ]);
  const policy = policySection(r);
  return el('article', { class: 'detail', attrs: { 'aria-label': `Decision ${r.id}`, 'data-record-id': r.id } }, [
    header,
    error,
    ruleSection(r, ctx),
    routeSection(r),
    promptSection(r),
    signalsSection(r),
    redactionsSection(r),
    candidatesSection(r),
    attemptsSection(r),
    metricsSection(r),
    filtersSection(r),
    reviewSection(r, reviews, ctx),
    policy,
    el('p', { class: 'muted record-id', text: `Record ${r.id}` }),
  ]);
}
