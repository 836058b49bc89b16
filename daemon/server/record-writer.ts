// Group commit for decision records. Records that finish in the same turn of the event loop share one transaction,
// so one fsync: with many chats ending together the event loop, which streams every other answer, blocks once
// instead of once per record. A request is still answered only after its own record is durable.
import type { DecisionRecord } from '../../protocol/record';
import type { ChainPosition, Store } from '../store';

export interface RecordWriter {
  /** Resolves once the record is on disk, with its place in the chain. */
  append(record: DecisionRecord): Promise<ChainPosition>;
  /** Writes what is queued now (at shutdown, before the store closes). */
  flush(): void;
}

interface Pending {
  record: DecisionRecord;
  resolve: (position: ChainPosition) => void;
  reject: (err: unknown) => void;
}

export function createRecordWriter(store: Pick<Store, 'append' | 'appendMany'>): RecordWriter {
  let pending: Pending[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      const positions = store.appendMany(batch.map((p) => p.record));
      batch.forEach((p, i) => p.resolve(positions[i]!));
    } catch {
      // The transaction wrote nothing. One bad record must not cost the others: each alone, so only it fails.
      for (const p of batch) {
        try {
          p.resolve(store.append(p.record));
        } catch (err) {
          p.reject(err);
        }
      }
    }
  };

  return {
    append(record) {
      return new Promise<ChainPosition>((resolve, reject) => {
        pending.push({ record, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
