// `airlock scan --jsonl`: a batch contract other tools rely on. One JSON line in, one JSON line out, same order;
// a bad line gets an error object for its id (or null), never a crash and never a lost line.
import { AirlockError, toErrorValue, type Catalogue, type RequestFacts } from '../../../protocol';
import { requestFactsSchema } from '../../../protocol/methods';
import type { LoadedPolicy } from '../../policy/load';
import { plan } from '../../route/plan';
import { parse } from '../args';
import { write, type Command } from '../context';
import { byteLines, decodeUtf8 } from '../input';
import { cliSettings } from '../settings';

interface ScanLine {
  id: string;
  text: string;
  facts?: RequestFacts;
}

function parseLine(raw: string, lineNo: number): ScanLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new AirlockError('AIRLOCK_E_INPUT', `line ${lineNo}: not JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AirlockError('AIRLOCK_E_INPUT', `line ${lineNo}: expected an object {"id", "text"}`);
  const { id, text, facts } = value as Record<string, unknown>;
  if (typeof id !== 'string') throw new AirlockError('AIRLOCK_E_INPUT', `line ${lineNo}: "id" must be a string`);
  if (typeof text !== 'string') throw new AirlockError('AIRLOCK_E_INPUT', `line ${lineNo}: "text" must be a string`, { id });
  if (facts === undefined) return { id, text };
  const parsed = requestFactsSchema.safeParse(facts);
  if (!parsed.success) throw new AirlockError('AIRLOCK_E_INPUT', `line ${lineNo}: "facts": ${parsed.error.issues[0]?.message}`, { id });
  return { id, text, facts: parsed.data };
}

/** The id of a line that failed to parse, when one can still be read from it. */
function idOf(raw: string, err: unknown): string | null {
  if (err instanceof AirlockError && typeof err.details?.id === 'string') return err.details.id;
  const m = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(raw);
  if (!m) return null;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return null;
  }
}

async function scanLine(line: ScanLine, policy: LoadedPolicy, catalogue: Catalogue, now: Date) {
  const facts = line.facts ?? { source: 'cli', interactive: false };
  const { record } = await plan(line.text, facts, { policy, catalogue, storage: 'none', now });
  return {
    id: line.id,
    findings: record.signals
      .filter((s) => s.kind === 'secret' || s.kind === 'pii')
      .map((s) => ({ kind: s.kind, type: s.type, start: s.start, end: s.end, line: s.line, column: s.column, label: s.label, detector: s.detector })),
    code: { isCode: record.code.isCode, language: record.code.language, share: Number(record.code.share.toFixed(3)) },
    domains: record.signals.filter((s) => s.kind === 'domain').map((s) => s.type),
    route: { target: record.route.target, rule: record.rule.id, provider: record.route.provider, model: record.route.model },
    redactions: record.redactions.map((r) => ({ type: r.type, start: r.start, end: r.end, placeholder: r.placeholder })),
    explanation: record.explanation,
  };
}

export const scan: Command = (ctx) => async (argv) => {
  const { values } = parse(argv, { jsonl: { type: 'boolean' }, policy: { type: 'string' } }, false);
  if (!values.jsonl) throw new AirlockError('AIRLOCK_E_USAGE', 'scan reads JSON lines: airlock scan --jsonl < prompts.jsonl');
  const { config, policy, source } = cliSettings(ctx, values.policy);
  // stdout is the JSON-lines contract; which config was used goes to stderr.
  await write(ctx.stderr, `${source}\n`);
  let lineNo = 0;
  for await (const bytes of byteLines(ctx.stdin)) {
    lineNo++;
    let raw = '';
    let out: unknown;
    if (!Buffer.isBuffer(bytes)) {
      // Refused as soon as it passed the limit: the rest of the line is skipped, the next line is read as usual.
      const err = new AirlockError('AIRLOCK_E_INPUT_TOO_LARGE', `line ${lineNo}: over ${bytes.limitBytes} bytes; the line was skipped`);
      await write(ctx.stdout, `${JSON.stringify({ id: idOf(bytes.prefix.toString('utf8'), err), error: toErrorValue(err) })}\n`);
      continue;
    }
    try {
      raw = decodeUtf8(bytes, `line ${lineNo}`);
      if (raw.trim() === '') continue;
      out = await scanLine(parseLine(raw, lineNo), policy, config.catalogue, ctx.now());
    } catch (err) {
      out = { id: idOf(raw, err), error: toErrorValue(err) };
    }
    await write(ctx.stdout, `${JSON.stringify(out)}\n`);
  }
  return 0;
};
