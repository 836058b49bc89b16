// Filters of the Decisions view: what the user picked → the daemon's DecisionQuery, and the same test
// applied locally to records pushed live (decision/appended), so the list never shows what the filter hides.
import type { DecisionQuery } from '../../protocol/methods';
import type { DecisionRecord, RouteTarget } from '../../protocol/record';

export interface Filters {
  target: RouteTarget | '';
  rule: string;
  provider: string;
  signalType: string;
  needsReview: boolean;
  text: string;
}

export const EMPTY_FILTERS: Readonly<Filters> = { target: '', rule: '', provider: '', signalType: '', needsReview: false, text: '' };

export const PAGE_SIZE = 200;
/** decisionQuerySchema caps text at 512 characters. */
const MAX_TEXT = 512;

export function filtersToQuery(filters: Filters, before?: string | null, limit = PAGE_SIZE): DecisionQuery {
  const query: DecisionQuery = { limit };
  if (before) query.before = before;
  if (filters.target) query.target = filters.target;
  const rule = filters.rule.trim();
  if (rule) query.rule = rule;
  const provider = filters.provider.trim();
  if (provider) query.provider = provider;
  const signalType = filters.signalType.trim();
  if (signalType) query.signalType = signalType;
  if (filters.needsReview) query.needsReview = true;
  const text = filters.text.trim().slice(0, MAX_TEXT);
  if (text) query.text = text;
  return query;
}

export function isFiltered(filters: Filters): boolean {
  return Object.keys(filtersToQuery(filters)).length > 1;
}

/** Local mirror of the daemon's filter for live records. Text search is approximated over the fields the list shows. */
export function matchesFilters(record: DecisionRecord, filters: Filters): boolean {
  const q = filtersToQuery(filters);
  if (q.target && record.route.target !== q.target) return false;
  if (q.rule && record.rule.id !== q.rule) return false;
  if (q.provider && record.route.provider !== q.provider) return false;
  if (q.signalType && !record.signals.some((s) => s.type === q.signalType)) return false;
  if (q.needsReview && !record.review.required) return false;
  if (q.text) {
    const haystack = [record.explanation, record.rule.id, record.route.model ?? '', record.prompt.text ?? ''].join('\n').toLowerCase();
    if (!haystack.includes(q.text.toLowerCase())) return false;
  }
  return true;
}
