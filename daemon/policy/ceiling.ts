// A class ceiling the client chose (VS Code's "Airlock (local only)" model entry) narrows a route the policy decided,
// never widens it: models above the ceiling are rejected with the reason, the policy's ranking stands among the rest.
// Pure; the decision path (route/ceiling.ts) and replay (replay.ts) both apply it, so a replayed record narrowed by
// its client is not reported as changed.
import type { Catalogue, ProviderClass, Route } from '../../protocol';
import { classAllowedBy } from './candidates';

/** The route within `ceiling` (the same object when there is none or the route is within it already). */
export function routeWithin(route: Route, ceiling: ProviderClass | undefined, catalogue: Catalogue): Route {
  if (!ceiling || route.target === 'blocked' || classAllowedBy(ceiling, route.target)) return route;
  const reason = `class ${ceiling} at most (the model entry the client chose)`;
  const judged = route.candidates.map((c) => (c.accepted && !classAllowedBy(ceiling, c.class) ? { ...c, accepted: false, reason } : c));
  const accepted = judged.filter((c) => c.accepted);
  const first = catalogue.models.find((m) => m.id === accepted[0]?.modelId);
  return {
    ...route, target: ceiling, candidates: [...accepted, ...judged.filter((c) => !c.accepted)],
    provider: first?.provider ?? null, model: first?.model ?? null, modelId: first?.id ?? null,
    region: first?.terms.region ?? null, retentionDays: first?.terms.retentionDays ?? null, noTraining: first?.terms.noTraining ?? null,
  };
}
