// `airlock audit verify` and `airlock audit export --jsonl [--since ISO]`, read straight from the store file
// (SQLite WAL lets them read while the daemon writes).
import { AirlockError } from '../../../protocol/errors';
import { openStore } from '../../store';
import { parse } from '../args';
import { write, type Command } from '../context';
import { homeOf } from '../daemon-process';

export const audit: Command = (ctx) => async (argv) => {
  const [sub, ...rest] = argv;
  const { values } = parse(rest, { jsonl: { type: 'boolean' }, since: { type: 'string' } }, false);
  const store = openStore(homeOf(ctx.env));
  try {
    switch (sub) {
      case 'verify': {
        const result = store.verify();
        if (result.ok) {
          await write(ctx.stdout, `ok: ${result.count} entries (${result.records} records, ${result.reviews} reviews), head ${result.head.hash}\n`);
          return 0;
        }
        const b = result.firstBroken;
        await write(ctx.stderr, `AIRLOCK_E_AUDIT_BROKEN: the chain breaks at seq ${b.seq} (${b.kind} ${b.id ?? '?'}): ${b.reason}; ${result.count} entries verified before it\n`);
        return 1;
      }
      case 'export': {
        if (!values.jsonl) throw new AirlockError('AIRLOCK_E_USAGE', 'airlock audit export --jsonl [--since ISO]');
        if (values.since !== undefined && Number.isNaN(Date.parse(values.since))) throw new AirlockError('AIRLOCK_E_USAGE', `--since takes an ISO date or time, not '${values.since}'`);
        const since = values.since !== undefined ? new Date(values.since).toISOString() : undefined;
        for (const line of store.export(since ? { since } : {})) await write(ctx.stdout, `${line}\n`);
        return 0;
      }
      default:
        throw new AirlockError('AIRLOCK_E_USAGE', 'airlock audit verify | export --jsonl [--since ISO]');
    }
  } finally {
    store.close();
  }
};
