// `airlock policy lint`: what would stop a preset loading, and rules that can never fire.
import { toErrorValue } from '../../protocol';
import { loadPolicy, type LoadedPolicy } from './load';

/** Problems that would stop a preset loading, plus rules that can never fire; empty when the preset is fine. */
export function lintPreset(file: string): string[] {
  let policy: LoadedPolicy;
  try {
    policy = loadPolicy(file);
  } catch (err) {
    const value = toErrorValue(err);
    const problems = value.details?.problems;
    return Array.isArray(problems) ? problems.map(String) : [value.message];
  }
  const catchAll = policy.rules.find((r) => !r.continue && r.when.always === true);
  return policy.rules
    .filter((r) => catchAll && r.line > catchAll.line)
    .map((r) => `${policy.ref.file}:${r.line}:3: rule '${r.id}' can never match: rule '${catchAll?.id}' above always decides`);
}
