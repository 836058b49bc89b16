// Evaluates the condition language over (scan, facts) and says, in plain words, why a condition matched.
// The words feed explanations; they name signal labels, lines and paths, never a signal's value.
import { WEAK_SIGNAL_TYPES, type RequestFacts, type ScanResult, type Signal } from '../../protocol';
import { matchesAnyGlob } from './glob';
import type { LoadedPolicy } from './load';
import type { Condition } from './schema';
import { counted, joinList, languageName, typeWords } from '../../protocol/words';
import { conditionWords, pathWords } from './condition-words';

export interface Evidence {
  /** Signals that made the condition match, in prompt order. */
  signals: Signal[];
  /** Attached paths that matched a path condition. */
  paths: string[];
  languages: string[];
  /** Share of the prompt that is code, when a code condition matched. */
  share: number | null;
  domains: string[];
  /** Plain-English reason, e.g. "line 3 contains an AWS secret access key". */
  reason: string;
}

export interface ConditionResult {
  matched: boolean;
  evidence: Evidence;
}

export interface ConditionInput {
  policy: LoadedPolicy;
  scan: ScanResult;
  facts: RequestFacts;
}

function emptyEvidence(reason = ''): Evidence {
  return { signals: [], paths: [], languages: [], share: null, domains: [], reason };
}

function result(matched: boolean, reason: string, extra: Partial<Evidence> = {}): ConditionResult {
  return { matched, evidence: { ...emptyEvidence(matched ? reason : ''), ...(matched ? extra : {}) } };
}

function mergeEvidence(parts: Evidence[], reason: string): Evidence {
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  return {
    signals: unique(parts.flatMap((e) => e.signals)).sort((a, b) => a.start - b.start),
    paths: unique(parts.flatMap((e) => e.paths)),
    languages: unique(parts.flatMap((e) => e.languages)),
    share: parts.find((e) => e.share !== null)?.share ?? null,
    domains: unique(parts.flatMap((e) => e.domains)),
    reason,
  };
}

export function signalLabel(signal: Signal): string {
  return signal.label || typeWords(signal.type);
}

function attachedPaths(facts: RequestFacts): string[] {
  return [...new Set([facts.filePath, ...(facts.parts ?? []).map((p) => p.path)].filter((p): p is string => !!p))];
}

function pathGlobs(cond: string | string[], input: ConditionInput): RegExp[] {
  const globs = typeof cond === 'string' ? input.policy.preset.paths?.[cond] ?? [] : cond;
  return globs.map((g) => input.policy.globs.get(g)).filter((re): re is RegExp => !!re);
}

export function evaluateCondition(cond: Condition, input: ConditionInput): ConditionResult {
  const { scan, facts } = input;
  if (cond.all) {
    const parts = cond.all.map((c) => evaluateCondition(c, input));
    const matched = parts.every((p) => p.matched);
    return { matched, evidence: matched ? mergeEvidence(parts.map((p) => p.evidence), joinList(parts.map((p) => p.evidence.reason))) : emptyEvidence() };
  }
  if (cond.any) {
    const hits = cond.any.map((c) => evaluateCondition(c, input)).filter((p) => p.matched);
    return { matched: hits.length > 0, evidence: hits.length ? mergeEvidence(hits.map((h) => h.evidence), hits[0]!.evidence.reason) : emptyEvidence() };
  }
  if (cond.not) {
    const inner = evaluateCondition(cond.not, input);
    return result(!inner.matched, conditionWords(cond.not, false));
  }
  if (cond.signal) {
    const { kind, type, minCount = 1 } = cond.signal;
    // A weak type (the sweep's) counts only where the condition names it.
    const hits = scan.signals.filter((s) => s.kind === kind && (type ? type.includes(s.type) : !WEAK_SIGNAL_TYPES.has(s.type))).sort((a, b) => a.start - b.start);
    const first = hits[0];
    // A signal may stand for a run of findings (detect/coalesce.ts): minCount counts findings, not signals.
    const found = hits.reduce((n, s) => n + (s.count ?? 1), 0);
    const more = found > 1 ? ` (and ${found - 1} more)` : '';
    return result(found >= minCount, first ? `line ${first.line} contains ${counted(signalLabel(first), 1)}${more}` : '', { signals: hits });
  }
  if (cond.code) {
    const { minShare = 0, languages } = cond.code;
    const regions = scan.code.regions.filter((r) => !languages || languages.includes(r.language));
    const allChars = scan.code.regions.reduce((n, r) => n + (r.end - r.start), 0);
    const ownChars = regions.reduce((n, r) => n + (r.end - r.start), 0);
    const share = languages ? (allChars ? scan.code.share * (ownChars / allChars) : 0) : scan.code.share;
    const langs = [...new Set(regions.map((r) => r.language))];
    const matched = scan.code.isCode && regions.length > 0 && share >= minShare && share > 0;
    const words = joinList(langs.map(languageName), 'and');
    return result(matched, `${Math.round(share * 100)}% of the prompt is ${words} code`, { languages: langs, share });
  }
  if (cond.path !== undefined) {
    const globs = pathGlobs(cond.path, input);
    const hits = attachedPaths(facts).filter((p) => matchesAnyGlob(p, globs));
    return result(hits.length > 0, `the attached \`${hits[0]}\` matches ${pathWords(cond.path)}`, { paths: hits });
  }
  if (cond.domain) {
    const wanted = cond.domain as string[];
    const hits = scan.signals.filter((s) => s.kind === 'domain' && wanted.includes(s.type));
    const domains = [...new Set(hits.map((s) => s.type))];
    return result(hits.length > 0, `the prompt touches on ${joinList(domains)} matters`, { signals: hits, domains });
  }
  if (cond.tools !== undefined) {
    const tools = facts.tools ?? [];
    return result((tools.length > 0) === cond.tools, cond.tools ? `the request uses tools (${tools.join(', ')})` : 'the request uses no tools');
  }
  if (cond.interactive !== undefined) {
    return result(facts.interactive === cond.interactive, cond.interactive ? 'the user is waiting for the answer' : 'it is a background task');
  }
  if (cond.depth !== undefined) {
    return result((facts.depth ?? 'normal') === cond.depth, cond.depth === 'deep' ? 'the user asked for a deeper answer' : 'the user asked for a normal answer');
  }
  if (cond.truncated !== undefined) {
    const why = scan.signals.some((s) => s.type === 'scan-deadline')
      ? 'the scan missed its deadline, so the unscanned prompt counts as sensitive'
      : 'the prompt is longer than the scan limit, so the unscanned rest counts as sensitive';
    return result(scan.truncated === cond.truncated, cond.truncated ? why : 'the whole prompt was scanned');
  }
  return result(cond.always === true, 'the rule applies to every request');
}
