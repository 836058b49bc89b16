// Record and request ids: uuid v7, with their random bytes drawn from a pool the OS fills 4 KiB at a time. uuid's
// own source asks the OS for 16 bytes per id (a getrandom syscall each), which under load cost about as much as the
// rest of building a record's id. The bytes are the same CSPRNG's, and no byte is handed out twice.
import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;

/** 16 fresh random bytes (a view into the pool: uuid copies what it needs before the next call). */
export function randomBytes16(): Uint8Array {
  if (used + 16 > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.subarray(used, used + 16);
  used += 16;
  return bytes;
}

/** A uuid v7 for this moment (milliseconds since the epoch; now by default). */
export function newId(msecs: number = Date.now()): string {
  return uuidv7({ msecs, rng: randomBytes16 });
}
