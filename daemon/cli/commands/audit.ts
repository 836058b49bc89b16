// `airlock audit verify [--anchor HASH@SEQ]` and `airlock audit export [--format jsonl|ocsf|cef] [--since ISO] [--follow]`
// (audit-export.ts), read straight from the
// store file (SQLite WAL lets them read while the daemon writes). The CLI never writes the store, its anchor or key.
import { AirlockError } from '../../../protocol/errors';
import { ANCHOR_FILE, AUDIT_KEY_FILE, formatHead, openStore, parseHead, type VerifyCoverage } from '../../store';
import { parse } from '../args';
import { write, type Command } from '../context';
import { homeOf } from '../daemon-process';
import { exportAudit, siemFormat } from './audit-export';

const USAGE = 'airlock audit verify [--anchor HASH@SEQ] | export [--format jsonl|ocsf|cef] [--since ISO] [--follow]';

export const audit: Command = (ctx) => async (argv) => {
  const [sub, ...rest] = argv;
  const { values } = parse(rest, { jsonl: { type: 'boolean' }, format: { type: 'string' }, follow: { type: 'boolean' }, since: { type: 'string' }, anchor: { type: 'string' } }, false);
  const external = values.anchor !== undefined ? parseHead(values.anchor) : undefined;
  const store = openStore(homeOf(ctx.env), { readOnly: true });
  try {
    switch (sub) {
      case 'verify': {
        const result = store.verify(external ? { external } : {});
        if (result.ok) {
          // The head in the form --anchor takes, so a collector can keep it and check a later verify against it.
          await write(ctx.stdout, `ok: ${result.count} entries (${result.records} records, ${result.reviews} reviews), head ${formatHead(result.head)}\n`);
          await write(ctx.stdout, coverageLines(result.coverage, result.head.seq));
          return 0;
        }
        const b = result.firstBroken;
        const where = b.kind === 'record' || b.kind === 'review' ? `the chain breaks at seq ${b.seq} (${b.kind} ${b.id ?? '?'})` : `${b.kind} check failed`;
        await write(ctx.stderr, `${result.code}: ${where}: ${b.reason}; ${result.count} entries verified\n`);
        return 1;
      }
      case 'export': {
        // --jsonl is the older spelling of --format jsonl (the default).
        const format = siemFormat(values.format, values.jsonl);
        if (values.since !== undefined && Number.isNaN(Date.parse(values.since))) throw new AirlockError('AIRLOCK_E_USAGE', `--since takes an ISO date or time, not '${values.since}'`);
        const since = values.since !== undefined ? new Date(values.since).toISOString() : undefined;
        await exportAudit(store, ctx.stdout, { format, follow: values.follow ?? false, ...(since ? { since } : {}) });
        return 0;
      }
      default:
        throw new AirlockError('AIRLOCK_E_USAGE', USAGE);
    }
  } finally {
    store.close();
  }
};

/** What this verification could and could not show, in words: an older store proves less and must say so. */
function coverageLines(coverage: VerifyCoverage, headSeq: number): string {
  const lines = [
    coverage.anchor === 'file'
      ? `anchor: the database ends at the head kept in ${ANCHOR_FILE}`
      : `anchor: none (a store from before anchoring): removal of the newest entries, or of all of them, cannot be detected`,
  ];
  if (coverage.macFrom === null) lines.push('hmac: no entry carries one (a store from before HMACs): a forged entry with recomputed hashes cannot be told apart');
  else if (coverage.macFrom > headSeq) lines.push(`hmac: entries from ${coverage.macFrom} on will carry one (${AUDIT_KEY_FILE}); none yet`);
  else lines.push(`hmac: entries ${coverage.macFrom}..${headSeq} carry a valid HMAC (${AUDIT_KEY_FILE})${coverage.macFrom > 1 ? `; entries 1..${coverage.macFrom - 1} predate HMACs` : ''}`);
  if (coverage.external) lines.push(`exported head ${formatHead(coverage.external)}: found in the chain`);
  return `${lines.join('\n')}\n`;
}
