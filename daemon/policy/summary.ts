// A policy as people read it: each rule's condition and action in plain English, for the settings view and
// `policy/get`. Derived from the loaded preset only, so it always matches what the engine evaluates.
import type { PolicySummary } from '../../protocol/methods';
import { joinList } from '../../protocol/words';
import type { LoadedPolicy, LoadedRule } from './load';
import type { Condition } from './schema';

const list = (items: readonly string[], joiner = 'or') => joinList(items, joiner);

/** The condition as a clause that reads after "when". */
export function describeCondition(cond: Condition, paths: Record<string, string[]> = {}): string {
  if (cond.always) return 'always';
  if (cond.any) return `any of: ${list(cond.any.map((c) => describeCondition(c, paths)))}`;
  if (cond.all) return list(cond.all.map((c) => describeCondition(c, paths)), 'and');
  if (cond.not) return `not (${describeCondition(cond.not, paths)})`;
  if (cond.signal) {
    const what = cond.signal.type ? `${cond.signal.kind} of type ${list(cond.signal.type)}` : `any ${cond.signal.kind}`;
    const min = cond.signal.minCount && cond.signal.minCount > 1 ? `at least ${cond.signal.minCount} × ` : '';
    return `the prompt contains ${min}${what}`;
  }
  if (cond.code) {
    const langs = cond.code.languages ? ` in ${list(cond.code.languages)}` : '';
    const share = cond.code.minShare !== undefined ? ` making up at least ${Math.round(cond.code.minShare * 100)}% of it` : '';
    return `the prompt contains code${langs}${share}`;
  }
  if (cond.path !== undefined) {
    const globs = typeof cond.path === 'string' ? `the '${cond.path}' paths (${list(paths[cond.path] ?? [])})` : list(cond.path);
    return `the file path matches ${globs}`;
  }
  if (cond.domain) return `the prompt touches ${list(cond.domain)} matters`;
  if (cond.tools !== undefined) return cond.tools ? 'the request asks for tools' : 'the request asks for no tools';
  if (cond.interactive !== undefined) return cond.interactive ? 'the user waits for the answer' : 'it is a background task';
  if (cond.depth) return `the user asks for ${cond.depth} depth`;
  if (cond.truncated !== undefined) return cond.truncated ? 'the prompt is longer than the scan limit' : 'the prompt was scanned whole';
  return 'never';
}

const ROUTE_WORDS = {
  local: 'keep it on a local model',
  private: 'send it at most to a private deployment',
  hosted: 'allow hosted models',
  blocked: 'block it',
} as const;

export function describeActions(rule: LoadedRule): string {
  const parts: string[] = [];
  if (rule.route) parts.push(rule.route === 'blocked' && rule.message ? `block it ("${rule.message}")` : ROUTE_WORDS[rule.route]);
  if (rule.redact) parts.push(`replace ${list(rule.redact, 'and')} with placeholders`);
  if (rule.require) parts.push(`require ${list(rule.require, 'and')}`);
  if (rule.prefer) parts.push(`prefer the ${rule.prefer === 'strong' ? 'strongest' : rule.prefer === 'fast' ? 'fastest' : 'cheapest'} model`);
  if (rule.escalate) parts.push('escalate to a stronger model when depth is asked');
  if (rule.requireCitations) parts.push('ask for citations');
  if (rule.review) parts.push('flag the answer for review');
  return list(parts.length ? parts : ['do nothing'], 'and');
}

export function describeRule(rule: LoadedRule, paths: Record<string, string[]> = {}): string {
  const then = describeActions(rule);
  const more = rule.continue ? ', then keep evaluating' : '';
  return `When ${describeCondition(rule.when, paths)}: ${then}${more}.`;
}

export function summarizePolicy(policy: LoadedPolicy, available: string[]): PolicySummary {
  const paths = policy.preset.paths ?? {};
  return {
    name: policy.ref.name,
    version: policy.ref.version,
    file: policy.ref.file,
    hash: policy.ref.hash,
    id: policy.ref.id,
    source: policy.ref.source,
    // A shipped preset is chosen by its name; any other file by its path, which cannot be mistaken for a preset.
    choice: policy.ref.source === 'shipped' ? policy.ref.id.slice(0, policy.ref.id.indexOf('@')) : policy.origin.path,
    description: policy.preset.description,
    rules: [
      ...policy.rules.map((rule) => ({ id: rule.id, description: rule.description, line: rule.line, plain: describeRule(rule, paths) })),
      {
        id: 'default',
        description: 'When no rule decides',
        line: 0,
        plain: `Otherwise: ${policy.preset.default.route === 'blocked' ? 'block it' : ROUTE_WORDS[policy.preset.default.route]}.`,
      },
    ],
    available,
  };
}
