// `airlock policy diff A B`: two presets compared rule by rule, in the words of the policy summary (summary.ts), so a
// reviewer reads the change the way the settings view shows the rules. Rules are matched by id.
import { isDeepStrictEqual } from 'node:util';
import type { LoadedPolicy, LoadedRule } from './load';
import { describeActions, describeCondition } from './summary';
import { knownWordsOf } from './weak';

export interface DiffLine {
  kind: 'added' | 'removed' | 'moved' | 'condition' | 'action' | 'default' | 'paths' | 'words';
  rule: string;
  text: string;
}

const ACTION_KEYS = ['route', 'redact', 'require', 'prefer', 'escalate', 'requireCitations', 'review', 'message', 'continue'] as const;

function actionsOf(rule: LoadedRule): string {
  return `${describeActions(rule)}${rule.continue ? ', then keep evaluating' : ''}`;
}

/** The changes that turn preset `a` into preset `b`, in rule order of `b` (removed rules last). */
export function diffPolicies(a: LoadedPolicy, b: LoadedPolicy): DiffLine[] {
  const out: DiffLine[] = [];
  const pa = a.preset.paths ?? {};
  const pb = b.preset.paths ?? {};
  for (const name of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
    if (isDeepStrictEqual(pa[name], pb[name])) continue;
    const text = !pa[name] ? `path list '${name}' added: ${pb[name]!.join(', ')}` : !pb[name] ? `path list '${name}' removed` : `path list '${name}' changed: ${pa[name]!.join(', ')} -> ${pb[name]!.join(', ')}`;
    out.push({ kind: 'paths', rule: name, text });
  }
  // A known word is one the sweep no longer counts as possibly personal: a reviewer must see every one added.
  const wa = new Set(knownWordsOf(a));
  const wb = new Set(knownWordsOf(b));
  const wordsAdded = [...wb].filter((w) => !wa.has(w));
  const wordsRemoved = [...wa].filter((w) => !wb.has(w));
  if (wordsAdded.length) out.push({ kind: 'words', rule: 'knownWords', text: `known words added (no longer swept as possible names): ${wordsAdded.join(', ')}` });
  if (wordsRemoved.length) out.push({ kind: 'words', rule: 'knownWords', text: `known words removed: ${wordsRemoved.join(', ')}` });
  const oldIndex = new Map(a.rules.map((r, i) => [r.id, i]));
  const newIds = new Set(b.rules.map((r) => r.id));
  // Order is compared among the rules both presets have, so one insertion does not make every later rule "moved".
  const common = b.rules.filter((r) => oldIndex.has(r.id)).map((r) => r.id);
  const oldCommon = a.rules.filter((r) => newIds.has(r.id)).map((r) => r.id);
  b.rules.forEach((rule, i) => {
    const before = a.rules[oldIndex.get(rule.id) ?? -1];
    if (!before) {
      const after = i === 0 ? 'first' : `after rule ${b.rules[i - 1]!.id}`;
      out.push({ kind: 'added', rule: rule.id, text: `rule ${rule.id} added (${after}): When ${describeCondition(rule.when, pb)}: ${actionsOf(rule)}.` });
      return;
    }
    const was = oldCommon.indexOf(rule.id);
    const now = common.indexOf(rule.id);
    if (was !== now) out.push({ kind: 'moved', rule: rule.id, text: `rule ${rule.id} moved from position ${oldIndex.get(rule.id)! + 1} to ${i + 1}: it now runs ${now < was ? 'earlier' : 'later'} than before` });
    if (!isDeepStrictEqual(before.when, rule.when)) {
      out.push({ kind: 'condition', rule: rule.id, text: `rule ${rule.id} condition: when ${describeCondition(before.when, pa)} -> when ${describeCondition(rule.when, pb)}` });
    }
    if (ACTION_KEYS.some((k) => !isDeepStrictEqual(before[k], rule[k]))) {
      out.push({ kind: 'action', rule: rule.id, text: `rule ${rule.id} action: ${actionsOf(before)} -> ${actionsOf(rule)}` });
    }
  });
  for (const rule of a.rules) {
    if (!newIds.has(rule.id)) out.push({ kind: 'removed', rule: rule.id, text: `rule ${rule.id} removed (was: When ${describeCondition(rule.when, pa)}: ${actionsOf(rule)}.)` });
  }
  if (!isDeepStrictEqual(a.preset.default, b.preset.default)) {
    out.push({ kind: 'default', rule: 'default', text: `default: ${a.preset.default.route} -> ${b.preset.default.route} when no rule decides` });
  }
  return out;
}

export function formatDiff(a: LoadedPolicy, b: LoadedPolicy, lines: DiffLine[]): string {
  const head = `--- ${a.ref.id}\n+++ ${b.ref.id}\n`;
  return lines.length ? `${head}${lines.map((l) => `${l.text}`).join('\n')}\n` : `${head}no difference in rules, paths, known words or default\n`;
}
