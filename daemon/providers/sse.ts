// Server-sent events off a response body, decoded as the OpenAI SDK decodes them (its SSEDecoder and LineDecoder):
// lines end at \n, \r\n or \r; `event:` and `data:` fields (one leading space dropped, data lines joined with \n);
// comment lines (`:`) skipped; a blank line ends an event; an event the stream does not end with a blank line is
// dropped. A plain loop over the reader: no async generator, no byte copying per chunk, no per-event object.

/** Calls `onEvent` for each event, in order, as the body arrives; resolves when the body ends. */
export async function readSse(reader: ReadableStreamDefaultReader<Uint8Array>, onEvent: (data: string, event: string | null) => void): Promise<void> {
  const decoder = new TextDecoder();
  let pending = '';
  let event: string | null = null;
  let data: string[] = [];
  const line = (text: string): void => {
    if (text === '') {
      if (event === null && data.length === 0) return;
      const e = event;
      const d = data.join('\n');
      event = null;
      data = [];
      onEvent(d, e);
      return;
    }
    if (text.charCodeAt(0) === 58 /* : */) return;
    const colon = text.indexOf(':');
    const name = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
  };
  /** Feeds every complete line of `pending`; a trailing \r waits for the next chunk (it may be half of \r\n). */
  const lines = (end: boolean): void => {
    let start = 0;
    for (let i = 0; i < pending.length; i++) {
      const c = pending.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && i + 1 === pending.length && !end) break;
      line(pending.slice(start, i));
      if (c === 13 && pending.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    pending = pending.slice(start);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    lines(false);
  }
  pending += decoder.decode();
  lines(true);
  // What is left is a line without its end: like the SDK, an unfinished event is not delivered.
}
