// policy/replay: a thin adapter onto daemon/policy/replay.ts for the Policy view's "what would change if I switched
// to …". Reads the store's records of the last `days` and re-decides them under the named preset (allowed sources
// only, as policy/test; a locked policy may still be replayed: nothing is switched). The replay runs in chunks with a
// yield between them, so a long history does not hold the event loop while other clients wait.
import type { ClientResults, ParamsOf } from '../../../protocol/methods';
import type { DecisionRecord } from '../../../protocol/record';
import { loadPolicyFile } from '../../policy/load';
import { replay, type ReplayReport } from '../../policy/replay';
import { resolveAllowed } from '../../policy/sources';
import type { ServerContext } from '../context';

const CHUNK = 2_000;
const EXAMPLES = 3;

/** Adds one chunk's report into the running total (changes and gaps grouped as replay() groups them). */
export function mergeReports(a: ReplayReport, b: ReplayReport): ReplayReport {
  const changes = new Map(a.changes.map((c) => [`${c.from}>${c.to}>${c.rule}`, { ...c, examples: [...c.examples] }]));
  for (const c of b.changes) {
    const key = `${c.from}>${c.to}>${c.rule}`;
    const had = changes.get(key);
    if (!had) changes.set(key, { ...c, examples: [...c.examples] });
    else {
      had.count += c.count;
      had.examples.push(...c.examples.slice(0, EXAMPLES - had.examples.length));
    }
  }
  const incomplete = new Map(a.incomplete.map((i) => [i.lacks, { ...i, examples: [...i.examples] }]));
  for (const i of b.incomplete) {
    const had = incomplete.get(i.lacks);
    if (!had) incomplete.set(i.lacks, { ...i, examples: [...i.examples] });
    else {
      had.count += i.count;
      had.examples.push(...i.examples.slice(0, EXAMPLES - had.examples.length));
    }
  }
  return {
    policy: b.policy,
    against: b.against,
    records: a.records + b.records,
    changed: a.changed + b.changed,
    changes: [...changes.values()].sort((x, y) => y.count - x.count),
    incomplete: [...incomplete.values()],
    cost: { before: a.cost.before + b.cost.before, after: a.cost.after + b.cost.after, delta: a.cost.delta + b.cost.delta, priced: a.cost.priced + b.cost.priced },
  };
}

export const policyReplay = (ctx: ServerContext) => async (params: ParamsOf<'policy/replay'>): Promise<ClientResults['policy/replay']> => {
  const config = ctx.state.config();
  const origin = resolveAllowed(params.policy, { policyDirs: config.policyDirs, configPolicy: config.policy });
  const next = loadPolicyFile(origin);
  const days = params.days ?? 7;
  const since = new Date(ctx.now().getTime() - days * 86_400_000).toISOString();
  let total: ReplayReport | null = null;
  let chunk: DecisionRecord[] = [];
  const flush = async () => {
    const report = replay(chunk, next, config.catalogue, { examples: EXAMPLES });
    total = total ? mergeReports(total, report) : report;
    chunk = [];
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  for (const row of ctx.store.exportRows({ since })) {
    if (row.kind !== 'record') continue;
    chunk.push(JSON.parse(row.json) as DecisionRecord);
    if (chunk.length >= CHUNK) await flush();
  }
  if (chunk.length > 0 || !total) await flush();
  return { ...total!, since };
};
