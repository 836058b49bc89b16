// `airlock policy replay --policy NEW [--against CURRENT] [--since DATE] [--json]`: what a policy change would do to
// the decisions already taken. Reads the store read-only (as `audit export` does); the re-deciding is daemon/policy/replay.
import type { DecisionRecord } from '../../../protocol';
import { AirlockError } from '../../../protocol';
import { loadPolicy } from '../../policy/load';
import { formatReplay, replay } from '../../policy/replay';
import { openStore } from '../../store';
import { parse } from '../args';
import { write, type CliContext } from '../context';
import { homeOf } from '../daemon-process';
import { cliConfig } from '../settings';

export const REPLAY_USAGE = 'airlock policy replay --policy NEW [--against CURRENT] [--since DATE] [--json]';

/** The stored records, oldest first, parsed lazily from the export lines (reviews skipped). */
export function* storedRecords(lines: Iterable<string>): Iterable<DecisionRecord> {
  for (const line of lines) {
    const entry = JSON.parse(line) as { kind: string; record?: DecisionRecord };
    if (entry.kind === 'record' && entry.record) yield entry.record;
  }
}

export async function policyReplay(ctx: CliContext, argv: string[]): Promise<number> {
  const { values } = parse(argv, { policy: { type: 'string' }, against: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } }, false);
  if (!values.policy) throw new AirlockError('AIRLOCK_E_USAGE', REPLAY_USAGE);
  if (values.since !== undefined && Number.isNaN(Date.parse(values.since))) throw new AirlockError('AIRLOCK_E_USAGE', `--since takes an ISO date or time, not '${values.since}'`);
  const since = values.since !== undefined ? new Date(values.since).toISOString() : undefined;
  const { config } = cliConfig(ctx);
  const next = loadPolicy(values.policy, { cwd: ctx.cwd });
  const against = values.against !== undefined ? loadPolicy(values.against, { cwd: ctx.cwd }) : undefined;
  const store = openStore(homeOf(ctx.env), { readOnly: true });
  try {
    const report = replay(storedRecords(store.export(since ? { since } : {})), next, config.catalogue, against ? { against } : {});
    await write(ctx.stdout, values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReplay(report));
    return 0;
  } finally {
    store.close();
  }
}
