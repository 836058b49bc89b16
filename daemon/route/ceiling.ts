// A class ceiling the client chose, on a decision record: the route narrowed (policy/ceiling.ts), the explanation
// saying why, and a refusal as having no candidate when no model is left within it. Pure.
import type { Catalogue, ProviderClass } from '../../protocol/catalogue';
import type { DecisionRecord } from '../../protocol/record';
import { routeWithin } from '../policy/ceiling';

export function withinClass(record: DecisionRecord, ceiling: ProviderClass | undefined, catalogue: Catalogue): DecisionRecord {
  const route = routeWithin(record.route, ceiling, catalogue);
  if (route === record.route) return record;
  const narrowed: DecisionRecord = { ...record, route, explanation: `${record.explanation} The model entry the client chose keeps it within class ${ceiling}.` };
  if (route.modelId) return narrowed;
  const needs = route.requiredCapabilities.length ? ` with ${route.requiredCapabilities.join(', ')}` : '';
  return { ...narrowed, error: { code: 'AIRLOCK_E_NO_CANDIDATE', message: `no model in the catalogue satisfies class ${ceiling}${needs} (the model entry the client chose)` } };
}
