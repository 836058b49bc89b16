// The hash chain that makes the store tamper-evident. Records and reviews share ONE chain ordered by `seq`:
// a review removed or inserted breaks the link of the next entry, whichever kind it is, and the whole audit
// trail verifies in one pass. Each entry stores `hash = sha256(prev_hash || canonical_json)` (hex, UTF-8).
import { createHash } from 'node:crypto';

/** `prev_hash` of the first entry: sha256 of a fixed label, so an empty chain still has a defined head. */
export const GENESIS_HASH = createHash('sha256').update('airlock/decision-store/genesis/v1').digest('hex');

export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/**
 * JSON with object keys sorted (UTF-16 code unit order) at every depth and no whitespace. Written by hand
 * rather than by re-ordering objects, because JS always lists integer-like keys first whatever the insertion order.
 * Follows JSON.stringify for the rest: `undefined` and functions are dropped from objects, become null in arrays.
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return text;
}

function serialize(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => serialize(item) ?? 'null').join(',')}]`;
  const fields: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const text = serialize((value as Record<string, unknown>)[key]);
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${fields.join(',')}}`;
}
