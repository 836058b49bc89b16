// `airlock policy diff A B [--json]`: two presets (names or files) compared rule by rule (daemon/policy/diff.ts).
import { AirlockError } from '../../../protocol';
import { diffPolicies, formatDiff } from '../../policy/diff';
import { loadPolicy } from '../../policy/load';
import { parse } from '../args';
import { write, type CliContext } from '../context';

export async function policyDiff(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (positionals.length !== 2) throw new AirlockError('AIRLOCK_E_USAGE', 'airlock policy diff A B [--json]');
  const [a, b] = positionals.map((p) => loadPolicy(p, { cwd: ctx.cwd })) as [ReturnType<typeof loadPolicy>, ReturnType<typeof loadPolicy>];
  const lines = diffPolicies(a, b);
  await write(ctx.stdout, values.json ? `${JSON.stringify({ a: a.ref.id, b: b.ref.id, changes: lines }, null, 2)}\n` : formatDiff(a, b, lines));
  return 0;
}
