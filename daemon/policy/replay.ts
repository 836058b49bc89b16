// Replay: re-decide stored decision records under another preset, from what the record keeps (signals, code summary,
// request facts, prompt length, token counts). Pure: the caller reads the records; no prompt text is needed or used.
//
// What a record cannot tell us is said, not guessed: a path masked at rest (it held a secret or personal data) is
// counted when either preset has path rules, and a record without facts (very old) too. The record does not keep the
// scan's `truncated` flag, but it is always false: the scanner reads every prompt whole and refuses longer ones
// (AIRLOCK_E_INPUT_TOO_LARGE in daemon/detect), so replay uses false.
import type { Catalogue, DecisionRecord, RequestFacts, RouteTarget, ScanResult } from '../../protocol';
import { routeWithin } from './ceiling';
import { evaluate } from './evaluate';
import type { LoadedPolicy } from './load';
import type { Condition } from './schema';

export interface ReplayOptions {
  /** Compare against this preset replayed too; without it, against the route each record holds. */
  against?: LoadedPolicy;
  /** How many example record ids to keep per change (default 3). */
  examples?: number;
}

export interface RouteChange {
  from: RouteTarget;
  to: RouteTarget;
  /** The rule of NEW that decided (`default` when none did). */
  rule: string;
  count: number;
  examples: string[];
}

export interface ReplayReport {
  policy: string;
  against: string;
  records: number;
  changed: number;
  /** Changes grouped by (from, to, deciding rule), most frequent first. */
  changes: RouteChange[];
  /** Records the replay cannot decide for sure, by what they lack. */
  incomplete: { lacks: string; count: number; examples: string[] }[];
  /** Estimated from the recorded token counts and the catalogue prices; records without token counts are skipped. */
  cost: { before: number; after: number; delta: number; priced: number };
}

/** What the preset's conditions read, to know which missing facts matter. */
function conditionKeys(policy: LoadedPolicy): Set<string> {
  const keys = new Set<string>();
  const visit = (c: Condition): void => {
    for (const k of Object.keys(c)) if (k !== 'any' && k !== 'all' && k !== 'not') keys.add(k);
    [...(c.any ?? []), ...(c.all ?? []), ...(c.not ? [c.not] : [])].forEach(visit);
  };
  policy.rules.forEach((r) => visit(r.when));
  return keys;
}

/** The scan as the record keeps it (see above for `truncated`). */
export function scanOf(record: DecisionRecord): ScanResult {
  return { signals: record.signals ?? [], code: record.code, scannedChars: record.prompt.chars, truncated: false, durationMs: 0 };
}

/** What a record without facts is replayed as. */
const NO_FACTS: RequestFacts = { source: 'api', interactive: true };

// A placeholder written by the at-rest masking, e.g. `[SECRET_1]`, `[EMAIL_2]`.
const PLACEHOLDER = /\[[A-Z][A-Z_]*_\d+\]/;

function maskedPath(facts: RequestFacts): boolean {
  return [facts.filePath, ...(facts.parts ?? []).map((p) => p.path)].some((p) => !!p && PLACEHOLDER.test(p));
}

interface Decided {
  target: RouteTarget;
  rule: string;
  modelId: string | null;
}

function decide(policy: LoadedPolicy, record: DecisionRecord, facts: RequestFacts, catalogue: Catalogue): Decided {
  const d = evaluate(policy, scanOf(record), facts, catalogue, { promptChars: record.prompt.chars, expectedOutputTokens: record.tokens?.output });
  // A ceiling the client chose narrowed the recorded route too: the same narrowing, or every such record reads as changed.
  const route = routeWithin(d.route, facts.maxClass, catalogue);
  return { target: route.target, rule: d.rule.id, modelId: route.modelId };
}

function price(catalogue: Catalogue, modelId: string | null, tokens: { input: number; output: number }): number {
  const m = modelId ? catalogue.models.find((x) => x.id === modelId) : undefined;
  if (!m) return 0;
  return (tokens.input * m.price.inputPerMTok + tokens.output * m.price.outputPerMTok) / 1e6;
}

/** Re-decides every record under `policy` and compares with `opts.against` (replayed) or with the recorded route. */
export function replay(records: Iterable<DecisionRecord>, policy: LoadedPolicy, catalogue: Catalogue, opts: ReplayOptions = {}): ReplayReport {
  const keep = opts.examples ?? 3;
  const newKeys = conditionKeys(policy);
  const oldKeys = opts.against ? conditionKeys(opts.against) : new Set<string>();
  const changes = new Map<string, RouteChange>();
  const incomplete = new Map<string, { lacks: string; count: number; examples: string[] }>();
  const note = (lacks: string, id: string) => {
    const entry = incomplete.get(lacks) ?? { lacks, count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < keep) entry.examples.push(id);
    incomplete.set(lacks, entry);
  };
  const cost = { before: 0, after: 0, delta: 0, priced: 0 };
  let count = 0;
  let changed = 0;

  for (const record of records) {
    count++;
    if (!record.facts) note('no request facts (recorded before facts were kept): replayed as an interactive API request', record.id);
    const facts = record.facts ?? NO_FACTS;
    if (maskedPath(facts) && (newKeys.has('path') || oldKeys.has('path'))) note('an attached path was masked at rest (it held a secret or personal data): path rules see the masked path', record.id);
    const next = decide(policy, record, facts, catalogue);
    const prev = opts.against ? decide(opts.against, record, facts, catalogue) : { target: record.route.target, rule: record.rule.id, modelId: record.route.modelId };

    if (record.tokens) {
      const before = opts.against ? price(catalogue, prev.target === 'blocked' ? null : prev.modelId, record.tokens) : record.costUsd ?? price(catalogue, prev.modelId, record.tokens);
      const after = price(catalogue, next.target === 'blocked' ? null : next.modelId, record.tokens);
      cost.before += before;
      cost.after += after;
      cost.priced++;
    }
    if (next.target === prev.target) continue;
    changed++;
    const key = `${prev.target}\u0000${next.target}\u0000${next.rule}`;
    const change = changes.get(key) ?? { from: prev.target, to: next.target, rule: next.rule, count: 0, examples: [] };
    change.count++;
    if (change.examples.length < keep) change.examples.push(record.id);
    changes.set(key, change);
  }
  cost.delta = cost.after - cost.before;
  return {
    policy: policy.ref.id,
    against: opts.against ? opts.against.ref.id : 'the recorded routes',
    records: count,
    changed,
    changes: [...changes.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)),
    incomplete: [...incomplete.values()].sort((a, b) => b.count - a.count),
    cost,
  };
}

const usd = (n: number) => `$${n.toFixed(4)}`;

/** The report in plain words, for the terminal. */
export function formatReplay(r: ReplayReport): string {
  const lines = [`replayed ${r.records} record${r.records === 1 ? '' : 's'} under ${r.policy}, compared with ${r.against}`];
  lines.push(`${r.changed} would route differently${r.records ? ` (${((100 * r.changed) / r.records).toFixed(1)}%)` : ''}`);
  for (const c of r.changes) lines.push(`  ${c.count} ${c.from} -> ${c.to} by rule ${c.rule}; e.g. ${c.examples.join(', ')}`);
  if (r.incomplete.length) {
    lines.push('records the replay cannot decide for sure:');
    for (const i of r.incomplete) lines.push(`  ${i.count} lack ${i.lacks}; e.g. ${i.examples.join(', ')}`);
  }
  const sign = r.cost.delta >= 0 ? '+' : '-';
  lines.push(`cost over ${r.cost.priced} records with token counts: ${usd(r.cost.before)} -> ${usd(r.cost.after)} (${sign}${usd(Math.abs(r.cost.delta))})`);
  return `${lines.join('\n')}\n`;
}
