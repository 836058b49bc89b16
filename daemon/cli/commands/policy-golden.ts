// Golden sets for `airlock policy test --golden DIR`: a folder of real (scrubbed) prompts, each `NAME.<ext>` with its
// expected route in `NAME.expect.yaml` (`expect:` as in a preset test case, `rule` optional; optional `facts:`), so a
// team keeps hundreds of regression cases without writing them into one YAML file. Reading the folder is the CLI's
// edge; each case runs through the same runCase as a preset test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AirlockError, toErrorValue, type Catalogue } from '../../../protocol';
import type { LoadedPolicy } from '../../policy/load';
import { caseSchema } from '../../policy/test-cases';
import { runCase, type CaseResult, type ScanFn } from '../../policy/test-runner';
import { describeIssues, parseYamlSource } from '../../policy/yaml-source';

const expectFileSchema = caseSchema.pick({ facts: true }).extend({ expect: caseSchema.shape.expect.partial({ rule: true }) });
const EXPECT = '.expect.yaml';

/** The prompt file of `NAME.expect.yaml`: the one other file named `NAME.<ext>`. */
function promptFileOf(dir: string, files: string[], name: string): string {
  const found = files.filter((f) => f !== `${name}${EXPECT}` && f.startsWith(`${name}.`) && !f.slice(name.length + 1).includes('.'));
  if (found.length !== 1) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', found.length ? `${name}: several prompt files (${found.join(', ')})` : `${name}: no prompt file ${name}.<ext> next to ${name}${EXPECT}`);
  return path.join(dir, found[0]!);
}

export async function runGoldenSet(dir: string, policy: LoadedPolicy, scan: ScanFn, catalogue: Catalogue): Promise<CaseResult[]> {
  if (!existsSync(dir)) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `no golden-set folder ${dir}`);
  const files = readdirSync(dir).sort();
  const names = files.filter((f) => f.endsWith(EXPECT)).map((f) => f.slice(0, -EXPECT.length));
  if (!names.length) throw new AirlockError('AIRLOCK_E_POLICY_NOT_FOUND', `no *${EXPECT} files in ${dir}`);
  const results: CaseResult[] = [];
  for (const name of names) {
    const expectFile = path.join(dir, `${name}${EXPECT}`);
    try {
      const src = parseYamlSource(readFileSync(expectFile, 'utf8'), expectFile);
      const parsed = expectFileSchema.safeParse(src.value);
      if (!parsed.success) throw new AirlockError('AIRLOCK_E_POLICY_INVALID', describeIssues(src, parsed.error.issues).join('\n'), { file: expectFile });
      const prompt = readFileSync(promptFileOf(dir, files, name), 'utf8');
      const { diff, decision } = await runCase(policy, { name, prompt, ...parsed.data } as z.infer<typeof caseSchema>, scan, catalogue);
      results.push({ preset: policy.ref.name, file: expectFile, line: 1, name, passed: diff.length === 0, diff, decision });
    } catch (err) {
      const { code, message } = toErrorValue(err);
      results.push({ preset: policy.ref.name, file: expectFile, line: 0, name, passed: false, diff: [`${code}: ${message}`] });
    }
  }
  return results;
}
