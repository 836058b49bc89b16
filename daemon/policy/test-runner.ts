// Runs a preset's test cases (test-cases.ts reads them) against the policy engine, for `airlock policy test` and the
// daemon's policy/test. The scan is passed in, so the CLI wires the real detectors and a test can pass one that sees less.
import path from 'node:path';
import { toErrorValue, type Catalogue, type RequestFacts, type ScanResult } from '../../protocol';
import type { ScanOptions } from '../detect';
import { defaultCatalogue } from './catalogue';
import { evaluate, type Decision } from './evaluate';
import { loadPolicy, resolvePresetFile, type LoadedPolicy } from './load';
import { loadCases, presetFileFor, testFileFor, type PresetTestCase } from './test-cases';
import { scanOptionsFor } from './weak';

export type ScanFn = (text: string, facts: RequestFacts, options?: ScanOptions) => Promise<ScanResult>;

export interface CaseResult {
  preset: string;
  /** The test file and the 1-based line of the case. */
  file: string;
  line: number;
  name: string;
  passed: boolean;
  /** One line per difference: "target: expected local, got hosted". */
  diff: string[];
  decision?: Decision;
}

function compare(label: string, expected: unknown, actual: unknown, diff: string[]): void {
  if (expected === undefined) return;
  const e = JSON.stringify(expected);
  const a = JSON.stringify(actual);
  if (e !== a) diff.push(`${label}: expected ${e}, got ${a}`);
}

export function diffDecision(expect: PresetTestCase['expect'], decision: Decision): string[] {
  const diff: string[] = [];
  compare('target', expect.target, decision.route.target, diff);
  compare('rule', expect.rule, decision.rule.id, diff);
  compare('model', expect.model, decision.route.modelId, diff);
  compare('redactions', expect.redactions, decision.redactions.map((r) => r.type), diff);
  compare('review', expect.review, decision.review.required, diff);
  compare('citations', expect.citations, decision.requireCitations, diff);
  for (const id of expect.matched ?? []) {
    if (!decision.matchedRules.includes(id)) diff.push(`matched: expected ${id} among ${JSON.stringify(decision.matchedRules)}`);
  }
  return diff;
}

export async function runCase(policy: LoadedPolicy, c: PresetTestCase, scan: ScanFn, catalogue: Catalogue): Promise<{ diff: string[]; decision: Decision }> {
  const facts: RequestFacts = { source: 'cli', interactive: true, ...c.facts };
  const result = await scan(c.prompt, facts, scanOptionsFor(policy));
  const scanned = c.simulate?.truncated ? { ...result, truncated: true } : result;
  const decision = evaluate(policy, scanned, facts, catalogue, { text: c.prompt });
  return { diff: diffDecision(c.expect, decision), decision };
}

function failure(preset: string, file: string, err: unknown): CaseResult {
  const { code, message } = toErrorValue(err);
  return { preset, file, line: 0, name: '(file)', passed: false, diff: [`${code}: ${message}`] };
}

/** Runs the test file of each preset (a preset path or its .test.yaml); a preset that fails to load fails its file. */
export async function runPresetTests(presetPaths: readonly string[], scan: ScanFn, catalogue: Catalogue = defaultCatalogue): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const given of presetPaths) {
    const preset = path.basename(presetFileFor(given)).replace(/\.ya?ml$/, '');
    let testFile = testFileFor(given);
    try {
      const presetFile = resolvePresetFile(presetFileFor(given));
      testFile = testFileFor(presetFile);
      const { cases, lines } = loadCases(testFile);
      const policy = loadPolicy(presetFile);
      for (const [i, c] of cases.entries()) {
        const { diff, decision } = await runCase(policy, c, scan, catalogue);
        results.push({ preset, file: testFile, line: lines[i] ?? 0, name: c.name, passed: diff.length === 0, diff, decision });
      }
    } catch (err) {
      results.push(failure(preset, testFile, err));
    }
  }
  return results;
}
