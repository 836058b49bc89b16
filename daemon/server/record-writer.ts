// The daemon's way to append decision records: the store's group commit (daemon/store/group-commit.ts). Records
// that finish while a commit is in flight share the next one (one transaction, one anchor write, one WAL flush),
// and the flushes run off the event loop, which keeps streaming every other answer. A request is still answered
// only after its own record is durable; a bad record fails alone.
import type { DecisionRecord } from '../../protocol/record';
import type { ChainPosition, Store } from '../store';

export interface RecordWriter {
  /** Resolves once the record is on disk, with its place in the chain. */
  append(record: DecisionRecord): Promise<ChainPosition>;
  /** Writes what is queued now, in place (at shutdown, before the store closes). */
  flush(): void;
}

export function createRecordWriter(store: Pick<Store, 'appendGrouped' | 'drain'>): RecordWriter {
  return {
    append: (record) => store.appendGrouped(record),
    flush: () => store.drain(),
  };
}
