// Runs a preset's test file (presets/<name>.test.yaml) and lints presets, for `airlock policy test|lint`.
// The scan is passed in, so the CLI wires the real detectors and a test can pass one that sees less.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AirlockError, toErrorValue, type Catalogue, type RequestFacts, type ScanResult } from '../../protocol';
import { defaultCatalogue } from './catalogue';
import { evaluate, type Decision } from './evaluate';
import { loadPolicy, resolvePresetFile, type LoadedPolicy } from './load';
import { describeIssues, lineAt, parseYamlSource } from './yaml-source';

export type ScanFn = (text: string, facts: RequestFacts) => Promise<ScanResult>;

const factsSchema = z.strictObject({
  source: z.enum(['chat', 'command', 'cli', 'api']).optional(),
  interactive: z.boolean().optional(),
  filePath: z.string().optional(),
  language: z.string().optional(),
  parts: z.array(z.strictObject({
    origin: z.enum(['selection', 'file', 'rag', 'tool-output', 'clipboard']),
    path: z.string().optional(),
    language: z.string().optional(),
    start: z.int().min(0),
    end: z.int().min(0),
  })).optional(),
  tools: z.array(z.string()).optional(),
  depth: z.enum(['normal', 'deep']).optional(),
  task: z.string().optional(),
  userTier: z.string().optional(),
});

export const caseSchema = z.strictObject({
  name: z.string().min(1),
  prompt: z.string().min(1),
  facts: factsSchema.optional(),
  /** Simulates what a realistic test prompt cannot show, e.g. a prompt beyond the scan limit. */
  simulate: z.strictObject({ truncated: z.boolean().optional() }).optional(),
  expect: z.strictObject({
    target: z.enum(['local', 'private', 'hosted', 'blocked']),
    rule: z.string().min(1).describe('Id of the rule that decides, or `default`.'),
    model: z.string().optional().describe('Catalogue id of the first candidate, e.g. `openai/gpt-4o-mini`.'),
    matched: z.array(z.string()).optional().describe('Rules that must be among the matched ones.'),
    redactions: z.array(z.string()).optional().describe('Redacted signal types, in prompt order.'),
    review: z.boolean().optional(),
    citations: z.boolean().optional(),
  }),
});

const testFileSchema = z.strictObject({ cases: z.array(caseSchema).min(1) });
export type PresetTestCase = z.infer<typeof caseSchema>;

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

/** `presets/x.yaml` -> `presets/x.test.yaml` (and a test file maps to itself). */
export function testFileFor(presetFile: string): string {
  return presetFile.endsWith('.test.yaml') ? presetFile : presetFile.replace(/\.ya?ml$/, '') + '.test.yaml';
}

function presetFileFor(file: string): string {
  return file.endsWith('.test.yaml') ? file.replace(/\.test\.yaml$/, '.yaml') : file;
}

function loadCases(file: string): { cases: PresetTestCase[]; lines: number[] } {
  const src = parseYamlSource(readFileSync(file, 'utf8'), file);
  const parsed = testFileSchema.safeParse(src.value);
  if (!parsed.success) {
    const problems = describeIssues(src, parsed.error.issues);
    throw new AirlockError('AIRLOCK_E_POLICY_INVALID', problems.join('\n'), { file, problems });
  }
  return { cases: parsed.data.cases, lines: parsed.data.cases.map((_, i) => lineAt(src, ['cases', i])) };
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
  const result = await scan(c.prompt, facts);
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
      if (!existsSync(testFile)) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `no test file ${testFile}`);
      const policy = loadPolicy(presetFile);
      const { cases, lines } = loadCases(testFile);
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

/** A readable report: one line per case, the differences indented under failures. */
export function formatResults(results: readonly CaseResult[]): string {
  const lines = results.map((r) => {
    const head = `${r.passed ? 'ok  ' : 'FAIL'} ${r.preset} › ${r.name}${r.passed ? '' : `  (${r.file}:${r.line})`}`;
    return [head, ...r.diff.map((d) => `       ${d}`)].join('\n');
  });
  const failed = results.filter((r) => !r.passed).length;
  return `${lines.join('\n')}\n${results.length - failed} passed, ${failed} failed`;
}

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
