// The model a client names (HTTP surfaces) is a request, never an override: it goes first only when the policy
// accepted it for this prompt; otherwise the policy's own choice stands and the record says why. Pure.
import type { Catalogue } from '../../protocol/catalogue';
import type { DecisionRecord } from '../../protocol/record';

/** Names that mean "the policy chooses". */
export const AUTO_MODEL = 'airlock/auto';
const AUTO_NAMES = new Set([AUTO_MODEL, 'auto', 'airlock', 'default', '']);

export function isAutoModel(name: string | undefined): boolean {
  return name === undefined || AUTO_NAMES.has(name.trim().toLowerCase());
}

/** The record with the named model ranked first when accepted, and `route.requested` saying what happened. */
export function preferModel(record: DecisionRecord, name: string | undefined, catalogue: Catalogue): DecisionRecord {
  if (isAutoModel(name)) return record;
  const wanted = catalogue.models.find((m) => m.id === name) ?? catalogue.models.find((m) => m.model === name);
  const route = record.route;
  const note = (modelId: string | null, used: boolean, reason: string): DecisionRecord => ({
    ...record, route: { ...route, requested: { name: name!, modelId, used, reason } },
  });
  if (!wanted) return note(null, false, 'not in the catalogue; the policy chose');
  if (route.target === 'blocked') return note(wanted.id, false, 'the policy blocks this request');
  const verdict = route.candidates.find((c) => c.modelId === wanted.id);
  if (!verdict?.accepted) return note(wanted.id, false, `not allowed for this prompt (${verdict?.reason ?? `class ${wanted.class}`}); the policy chose`);
  if (route.modelId === wanted.id) return note(wanted.id, true, 'the policy\'s choice too');
  const candidates = [verdict, ...route.candidates.filter((c) => c !== verdict)];
  return {
    ...record,
    route: {
      ...route, candidates, provider: wanted.provider, model: wanted.model, modelId: wanted.id,
      region: wanted.terms.region, retentionDays: wanted.terms.retentionDays, noTraining: wanted.terms.noTraining,
      requested: { name: name!, modelId: wanted.id, used: true, reason: 'accepted by the policy, ranked first' },
    },
  };
}
