// Tool calls streamed back by a model, made ready for the client: each call's JSON arguments are restored
// (placeholders → values, JSON-escaped, also when a placeholder is split across pieces) and pass the output filter
// like answer text (a secret the model wrote that is not the user's own is masked). A call's held tail is released
// before another call's pieces, so calls never interleave.
import type { OutputFilter, ToolCallDelta } from '../../protocol';
import { createOutputFilter, type StreamFilter } from './output-filter';
import type { PlaceholderBook } from './redact';
import { createRestorer, jsonStringBody, type Restorer } from './restore';

export interface ToolCallStream {
  /** One piece as the provider sent it. */
  push(delta: ToolCallDelta): void;
  /** Releases what the last call still holds, at the end of the answer. */
  end(): void;
  /** What the filters found in the arguments, merged into the answer's filter result. */
  merge(text: OutputFilter): OutputFilter;
}

/** `enqueue` runs tasks in order after the answer text already queued; `deliver` hands a piece to the client. */
export function createToolCallStream(book: PlaceholderBook, isOwn: (value: string) => boolean, enqueue: (task: () => Promise<void>) => void, deliver: (delta: ToolCallDelta) => void): ToolCallStream {
  const calls = new Map<number, { restorer: Restorer; filter: StreamFilter }>();
  let last: number | null = null;
  const callFor = (index: number) => {
    let call = calls.get(index);
    if (!call) calls.set(index, (call = { restorer: createRestorer(book, jsonStringBody), filter: createOutputFilter({ isOwn }) }));
    return call;
  };
  const release = (index: number | null): void => {
    if (index === null) return;
    const call = callFor(index);
    const tail = call.restorer.flush();
    enqueue(async () => {
      const args = (await call.filter.push(tail)) + (await call.filter.flush());
      if (args) deliver({ index, arguments: args });
    });
  };
  return {
    push(delta) {
      if (last !== delta.index) release(last);
      last = delta.index;
      const call = callFor(delta.index);
      const restored = delta.arguments ? call.restorer.push(delta.arguments) : '';
      const { arguments: _raw, ...head } = delta;
      enqueue(async () => {
        const args = restored ? await call.filter.push(restored) : '';
        if (head.id !== undefined || head.name !== undefined || args) deliver({ ...head, ...(args ? { arguments: args } : {}) });
      });
    },
    end() {
      release(last);
      last = null;
    },
    merge(text) {
      const results = [text, ...[...calls.values()].map((c) => c.filter.result())];
      const findings = [...new Set(results.flatMap((r) => r.findings))].sort();
      return { ...text, action: results.some((r) => r.action === 'redacted') ? 'redacted' : text.action, findings };
    },
  };
}
