// A preset's test file (presets/<name>.test.yaml): its schema, where it is, and reading it with each case's line.
// The one place in policy/ that reads a test file (see eslint.config.js); running the cases is test-runner.ts.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AirlockError } from '../../protocol';
import { describeIssues, lineAt, parseYamlSource } from './yaml-source';

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

/** `presets/x.yaml` -> `presets/x.test.yaml` (and a test file maps to itself). */
export function testFileFor(presetFile: string): string {
  return presetFile.endsWith('.test.yaml') ? presetFile : presetFile.replace(/\.ya?ml$/, '') + '.test.yaml';
}

export function presetFileFor(file: string): string {
  return file.endsWith('.test.yaml') ? file.replace(/\.test\.yaml$/, '.yaml') : file;
}

/** The cases of a test file and the 1-based line of each; a missing or invalid file is a coded error. */
export function loadCases(file: string): { cases: PresetTestCase[]; lines: number[] } {
  if (!existsSync(file)) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `no test file ${file}`);
  const src = parseYamlSource(readFileSync(file, 'utf8'), file);
  const parsed = testFileSchema.safeParse(src.value);
  if (!parsed.success) {
    const problems = describeIssues(src, parsed.error.issues);
    throw new AirlockError('AIRLOCK_E_POLICY_INVALID', problems.join('\n'), { file, problems });
  }
  return { cases: parsed.data.cases, lines: parsed.data.cases.map((_, i) => lineAt(src, ['cases', i])) };
}
