// A class ceiling the client chose (VS Code's "Airlock (local only)" model entry): it can only narrow what the
// policy decided, never widen it. The policy's ranking stands; models above the ceiling are rejected with the reason,
// and when none is left the request is refused as having no candidate. Pure.
import type { Catalogue, ProviderClass } from '../../protocol/catalogue';
import type { DecisionRecord } from '../../protocol/record';
import { classAllowedBy } from '../policy/candidates';

export function withinClass(record: DecisionRecord, ceiling: ProviderClass | undefined, catalogue: Catalogue): DecisionRecord {
  const { route } = record;
  if (!ceiling || route.target === 'blocked' || classAllowedBy(ceiling, route.target)) return record;
  const reason = `class ${ceiling} at most (the model entry the client chose)`;
  const judged = route.candidates.map((c) => (c.accepted && !classAllowedBy(ceiling, c.class) ? { ...c, accepted: false, reason } : c));
  const accepted = judged.filter((c) => c.accepted);
  const first = catalogue.models.find((m) => m.id === accepted[0]?.modelId);
  const narrowed: DecisionRecord = {
    ...record,
    route: {
      ...route, target: ceiling, candidates: [...accepted, ...judged.filter((c) => !c.accepted)],
      provider: first?.provider ?? null, model: first?.model ?? null, modelId: first?.id ?? null,
      region: first?.terms.region ?? null, retentionDays: first?.terms.retentionDays ?? null, noTraining: first?.terms.noTraining ?? null,
    },
    explanation: `${record.explanation} The model entry the client chose keeps it within class ${ceiling}.`,
  };
  if (first) return narrowed;
  const needs = route.requiredCapabilities.length ? ` with ${route.requiredCapabilities.join(', ')}` : '';
  return { ...narrowed, error: { code: 'AIRLOCK_E_NO_CANDIDATE', message: `no model in the catalogue satisfies class ${ceiling}${needs} (the model entry the client chose)` } };
}
