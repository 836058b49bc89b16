// lm/models: what Airlock's entries in VS Code's model picker may promise. "Airlock (auto)" lets the policy decide;
// "Airlock (local only)" and "Airlock (private or local)" put a class ceiling on it (facts.maxClass, narrowing only).
// An entry declares tool calling only when every route it may take has a model the policy would accept for a request
// with tools (the policy's own candidate judgement, requiring `tools`): agent mode must not be offered a model whose
// secret-holding requests would then find no candidate. It declares image input when a request with an image would be
// served: the policy's own plan for one (route/plan.ts: unscanned, so never off the machine) accepts a `vision` model.
// Pure: the policy and the catalogue are passed in.
import type { Catalogue, LmModelInfo, ProviderClass, RequestFacts, RouteTarget, ScanResult } from '../../../protocol';
import { classAllowedBy, judgeCandidates } from '../../policy/candidates';
import { routeWithin } from '../../policy/ceiling';
import { evaluate } from '../../policy/evaluate';
import type { LoadedPolicy } from '../../policy/load';
import { unscannedStaysHome, withImages } from '../../route/plan';

/** When no route has a model at all (an empty catalogue): what VS Code is told the input may hold. */
const FALLBACK_INPUT_TOKENS = 128_000;

const CEILINGS: { maxClass: Exclude<ProviderClass, 'hosted'>; id: string; name: string }[] = [
  { maxClass: 'local', id: 'airlock-local', name: 'Airlock (local only)' },
  { maxClass: 'private', id: 'airlock-private', name: 'Airlock (private or local)' },
];

/** Every route the policy may choose: each deciding rule's and the default's, `blocked` left out (nothing is sent). */
export function routesOf(policy: LoadedPolicy): ProviderClass[] {
  const routes = [...policy.preset.rules.filter((r) => !r.continue).map((r) => r.route), policy.preset.default.route];
  return [...new Set(routes.filter((r): r is ProviderClass => r !== undefined && r !== 'blocked'))];
}

/** The scan of a request whose text holds nothing: its image is all the policy sees. */
const NOTHING_FOUND: ScanResult = { signals: [], code: { isCode: false, language: null, share: 0, regions: [] }, scannedChars: 0, truncated: false, durationMs: 0 };

/** Whether a chat request with an image, through an entry with this ceiling, gets a model tagged `vision` (as
 *  route/execute.ts eligibleModels picks one: the route's accepted candidates within its class). */
export function servesImages(policy: LoadedPolicy, catalogue: Catalogue, maxClass?: ProviderClass): boolean {
  const facts: RequestFacts = { source: 'chat', interactive: true, task: 'chat', images: 1, ...(maxClass ? { maxClass } : {}) };
  const scan = withImages(NOTHING_FOUND, facts);
  const route = routeWithin(unscannedStaysHome(scan, evaluate(policy, scan, facts, catalogue, { promptChars: 0 })).route, maxClass, catalogue);
  if (route.target === 'blocked') return false;
  const accepted = new Set(route.candidates.filter((c) => c.accepted).map((c) => c.modelId));
  return catalogue.models.some((m) => accepted.has(m.id) && classAllowedBy(route.target, m.class) && m.capabilities.includes('vision'));
}

export function lmModels(policy: LoadedPolicy, catalogue: Catalogue): LmModelInfo[] {
  const { preset } = policy;
  const accepted = (target: RouteTarget, required: 'tools'[]) => {
    const verdicts = judgeCandidates(catalogue.models, {
      target, decidedBy: 'lm/models', presetName: preset.name, classes: preset.classes, required, prefer: 'cheap', inputTokens: 0, outputTokens: 0,
    });
    return catalogue.models.filter((m) => verdicts.some((v) => v.accepted && v.modelId === m.id));
  };
  const entry = (id: string, name: string, routes: RouteTarget[], maxClass?: LmModelInfo['maxClass']): LmModelInfo => {
    // What every route can take: each route's largest window, the smallest of those (a secret may force the smaller).
    const windows = routes.map((r) => Math.max(0, ...accepted(r, []).map((m) => m.contextWindow))).filter((w) => w > 0);
    return {
      id, name,
      toolCalling: routes.length > 0 && routes.every((r) => accepted(r, ['tools']).length > 0),
      imageInput: servesImages(policy, catalogue, maxClass),
      maxInputTokens: windows.length ? Math.min(...windows) : FALLBACK_INPUT_TOKENS,
      ...(maxClass ? { maxClass } : {}),
    };
  };
  const routes = routesOf(policy);
  // A ceiling entry is offered when it narrows some route and its class has a model: its routes are the policy's,
  // each held to the ceiling.
  const ceilings = CEILINGS.filter((c) => routes.some((r) => !classAllowedBy(c.maxClass, r)) && accepted(c.maxClass, []).length > 0)
    .map((c) => entry(c.id, c.name, [...new Set(routes.map((r) => (classAllowedBy(c.maxClass, r) ? r : c.maxClass)))], c.maxClass));
  return [entry('airlock-auto', 'Airlock (auto)', routes), ...ceilings];
}
