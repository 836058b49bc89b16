// decision/list|get|review|subscribe: the audit log as the UI reads it.
import type { ClientResults, ReviewEntry } from '../../../protocol/methods';
import { maskStrings } from '../../route/at-rest';
import type { RecordQuery, Review } from '../../store';
import type { Connection } from '../connection';
import type { ServerContext } from '../context';

export function reviewEntry(review: Review): ReviewEntry {
  return { recordId: review.recordId, by: review.by, at: review.at, ...(review.note !== undefined ? { note: review.note } : {}) };
}

export const decisionList = (ctx: ServerContext) => async (params: RecordQuery): Promise<ClientResults['decision/list']> => {
  const { records, nextCursor } = ctx.store.query(params);
  return { records: records.map((r) => r.record), nextCursor };
};

export const decisionGet = (ctx: ServerContext) => async (params: { id: string }): Promise<ClientResults['decision/get']> => {
  const found = ctx.store.get(params.id);
  return { record: found.record, reviews: found.reviews.map(reviewEntry) };
};

export const decisionReview = (ctx: ServerContext) => async (params: { id: string; by: string; note?: string }): Promise<ClientResults['decision/review']> => {
  // Free text kept for good: masked like a prompt (route/at-rest.ts). The reviewer's name is the point of `by`, so
  // only secrets are masked there.
  const by = (await maskStrings([params.by], 'full')).get(params.by) ?? params.by;
  const note = params.note === undefined ? undefined : (await maskStrings([params.note], ctx.state.config().storePrompts)).get(params.note) ?? params.note;
  const review = ctx.store.markReviewed(params.id, { by, ...(note !== undefined ? { note } : {}) }, ctx.now());
  return { review: reviewEntry(review) };
};

/** Subscribes the connection once; the subscription ends with the connection. */
export const decisionSubscribe = (ctx: ServerContext) => {
  const subscribed = new Set<number>();
  return async (_params: object, conn: Connection): Promise<ClientResults['decision/subscribe']> => {
    if (subscribed.has(conn.id)) return { subscribed: true };
    subscribed.add(conn.id);
    const unsubscribe = ctx.store.subscribe((event) => {
      if (event.type === 'record') conn.notify('decision/appended', { record: event.entry.record });
      else conn.notify('decision/reviewed', { review: reviewEntry(event.entry) });
    });
    conn.onClose(() => {
      unsubscribe();
      subscribed.delete(conn.id);
    });
    return { subscribed: true };
  };
};
