// lm/models: what Airlock's entries in VS Code's model picker may promise. An entry declares tool calling only when
// every route the active policy may choose has a model it would accept for a request with tools (the policy's own
// candidate judgement, requiring `tools`): agent mode must not be offered a model whose secret-holding requests would
// then find no candidate. Pure: the policy and the catalogue are passed in.
import type { Catalogue, LmModelInfo, RouteTarget } from '../../../protocol';
import { judgeCandidates } from '../../policy/candidates';
import type { LoadedPolicy } from '../../policy/load';

/** When no route has a model at all (an empty catalogue): what VS Code is told the input may hold. */
const FALLBACK_INPUT_TOKENS = 128_000;

/** Every route the policy may choose: each deciding rule's and the default's, `blocked` left out (nothing is sent). */
export function routesOf(policy: LoadedPolicy): RouteTarget[] {
  const routes = [...policy.preset.rules.filter((r) => !r.continue).map((r) => r.route), policy.preset.default.route];
  return [...new Set(routes.filter((r): r is RouteTarget => r !== undefined && r !== 'blocked'))];
}

export function lmModels(policy: LoadedPolicy, catalogue: Catalogue): LmModelInfo[] {
  const { preset } = policy;
  const accepted = (target: RouteTarget, required: 'tools'[]) => {
    const verdicts = judgeCandidates(catalogue.models, {
      target, decidedBy: 'lm/models', presetName: preset.name, classes: preset.classes, required, prefer: 'cheap', inputTokens: 0, outputTokens: 0,
    });
    return catalogue.models.filter((m) => verdicts.some((v) => v.accepted && v.modelId === m.id));
  };
  const routes = routesOf(policy);
  // What every route can take: each route's largest window, the smallest of those (a secret may force the smaller one).
  const windows = routes.map((r) => Math.max(0, ...accepted(r, []).map((m) => m.contextWindow))).filter((w) => w > 0);
  return [{
    id: 'airlock-auto',
    name: 'Airlock (auto)',
    toolCalling: routes.length > 0 && routes.every((r) => accepted(r, ['tools']).length > 0),
    maxInputTokens: windows.length ? Math.min(...windows) : FALLBACK_INPUT_TOKENS,
  }];
}
