// Issue 15 §3: `scan --jsonl` splits lines in one pass, refuses a line the moment it passes the limit (without
// buffering the rest of it) with AIRLOCK_E_INPUT_TOO_LARGE, and carries on with the next line.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { byteLines, MAX_INPUT_BYTES, type LineTooLong } from '../../../daemon/cli/input';
import { runAirlock } from '../../helpers/cli';

type Line = Buffer | LineTooLong;
const show = (l: Line) => (Buffer.isBuffer(l) ? l.toString('utf8') : `<too long: ${l.prefix.toString('utf8')}>`);

/** A stream of the given chunks that counts how many bytes the consumer has pulled so far. */
function counted(chunks: Buffer[]): { stream: Readable; pulled(): number } {
  let pulled = 0;
  async function* gen() {
    for (const c of chunks) {
      pulled += c.length;
      yield c;
    }
  }
  return { stream: Readable.from(gen(), { objectMode: false, highWaterMark: 1 }), pulled: () => pulled };
}

function chunked(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

test('lines split across chunks, empty lines and a last line without a newline come out whole and in order', async () => {
  const text = 'alpha\n\nbeta gamma\ndelta';
  for (const size of [1, 2, 3, 7, 100]) {
    const lines: string[] = [];
    for await (const l of byteLines(counted(chunked(text, size)).stream, 64)) lines.push(show(l));
    assert.deepEqual(lines, ['alpha', '', 'beta gamma', 'delta'], `chunk size ${size}`);
  }
});

test('a line over the limit is refused as soon as it passes it, unbuffered; the next line is read as usual', async () => {
  const limit = 100;
  const long = `{"id":"big","text":"${'x'.repeat(10_000)}"}`;
  const source = counted(chunked(`{"id":"a"}\n${long}\n{"id":"b"}\n`, 10));
  const seen: { line: string; pulledAt: number }[] = [];
  for await (const l of byteLines(source.stream, limit)) seen.push({ line: show(l), pulledAt: source.pulled() });
  assert.deepEqual(seen.map((s) => s.line), ['{"id":"a"}', `<too long: ${long.slice(0, limit + 9)}>`, '{"id":"b"}']);
  // Refused within a few chunks (the stream reads a little ahead) of passing the limit, long before the 10 KB line ended.
  const refusedAt = seen[1]!.pulledAt;
  assert.ok(refusedAt <= '{"id":"a"}\n'.length + limit + 4 * 10, `refused after ${refusedAt} bytes`);
  // A line of exactly the limit is fine.
  const exact = [];
  for await (const l of byteLines(Readable.from([Buffer.from(`${'y'.repeat(limit)}\n${'z'.repeat(limit + 1)}`)]), limit)) exact.push(show(l));
  assert.deepEqual(exact, ['y'.repeat(limit), `<too long: ${'z'.repeat(limit + 1)}>`]);
});

test('scan --jsonl: a line over the limit gets AIRLOCK_E_INPUT_TOO_LARGE for its id; the lines around it are scanned', async () => {
  const huge = `{"id":"huge","text":"${'a'.repeat(MAX_INPUT_BYTES)}"}`;
  const input = [`{"id":"before","text":"mail me: ann@example.org"}`, huge, `{"id":"after","text":"What is TCP?"}`, ''].join('\n');
  const run = await runAirlock(['scan', '--jsonl'], Buffer.from(input), { AIRLOCK_HOME: '/nonexistent-airlock-home' });
  assert.equal(run.code, 0, run.stderr);
  const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; error?: { code: string; message: string }; findings?: unknown[] });
  assert.deepEqual(out.map((o) => o.id), ['before', 'huge', 'after']);
  assert.equal(out[1]!.error?.code, 'AIRLOCK_E_INPUT_TOO_LARGE');
  assert.match(out[1]!.error?.message ?? '', /^line 2: over \d+ bytes/);
  assert.equal(out[0]!.findings?.length, 1);
  assert.equal(out[2]!.error, undefined);
});
