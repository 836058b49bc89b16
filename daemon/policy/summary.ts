// A policy as people read it: each rule's condition and action in plain English, for the settings view and
// `policy/get`. Derived from the loaded preset only, so it always matches what the engine evaluates.
import type { PolicySummary } from '../../protocol/methods';
import { joinList } from '../../protocol/words';
import type { LoadedPolicy, LoadedRule } from './load';
import type { Condition } from './schema';
import { conditionWords, type PathLists } from './condition-words';
import { knownWordsOf } from './weak';

const list = (items: readonly string[], joiner = 'or') => joinList(items, joiner);

/** The condition as a clause that reads after "when". */
export function describeCondition(cond: Condition, paths: PathLists = {}): string {
  return conditionWords(cond, true, paths);
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
  const known = knownWordsOf(policy);
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
    ...(known.length ? { knownWords: known } : {}),
    available,
  };
}
