// A streamed answer's headers go out with its first event, in one socket write (surfaces/io.ts startStream): a write
// of their own cost a syscall and a packet before the first token on every streamed request.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { startStream } from '../../../daemon/server/surfaces/io';

/** Bytes the response's socket has taken so far (sent, or queued for sending). */
const taken = (res: ServerResponse) => res.socket!.bytesWritten + res.socket!.writableLength;

test('startStream writes nothing by itself; the headers and the first event leave together', async (t) => {
  const seen = { afterStart: -1, headersSent: false };
  const server = createServer((_req, res) => {
    startStream(res, 'text/event-stream', { 'x-airlock-route': 'local' });
    seen.afterStart = taken(res);
    seen.headersSent = res.headersSent;
    res.write('data: {"first":true}\n\n');
    setImmediate(() => res.end('data: [DONE]\n\n'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  assert.equal(res.headers.get('x-airlock-route'), 'local');
  assert.equal(await res.text(), 'data: {"first":true}\n\ndata: [DONE]\n\n');
  assert.equal(seen.afterStart, 0, 'nothing was written before the first event');
  assert.equal(seen.headersSent, true, 'a failure after startStream is sent in-stream');
});
