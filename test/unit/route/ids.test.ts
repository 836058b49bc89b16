// route/ids.ts: uuid v7 ids whose random bytes come from a pool filled by the OS 4 KiB at a time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate, version } from 'uuid';
import { newId, randomBytes16 } from '../../../daemon/route/ids';

test('ids are uuid v7 carrying the given time, and distinct across many refills of the pool', () => {
  const at = Date.parse('2026-11-30T01:00:00.000Z');
  const ids = Array.from({ length: 5000 }, () => newId(at));
  for (const id of ids.slice(0, 50)) {
    assert.ok(validate(id) && version(id) === 7, id);
    assert.equal(parseInt(id.replace(/-/g, '').slice(0, 12), 16), at, 'the first 48 bits are the milliseconds');
  }
  assert.equal(new Set(ids).size, ids.length);
  // Later times sort later (records are listed by id within a time).
  assert.ok(newId(at + 1) > newId(at));
});

test('no random byte is handed out twice: each call gets its own 16 bytes of the pool', () => {
  const views = Array.from({ length: 600 }, () => randomBytes16());
  const same = views.filter((v, i) => i > 0 && v.buffer === views[i - 1]!.buffer && v.byteOffset === views[i - 1]!.byteOffset);
  assert.equal(same.length, 0);
  for (const v of views) assert.equal(v.length, 16);
  // Copied before use, two draws almost never agree (2^-128); a pool that stopped refilling would repeat.
  const copies = Array.from({ length: 600 }, () => Buffer.from(randomBytes16()).toString('hex'));
  assert.equal(new Set(copies).size, copies.length);
});
