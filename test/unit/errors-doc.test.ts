import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERRORS } from '../../protocol/errors';
import { ERRORS_DOC, errorsDoc } from '../../scripts/errors-doc';

test('docs/errors.md is generated from protocol/errors.ts and documents every code', () => {
  const doc = readFileSync(ERRORS_DOC, 'utf8');
  assert.equal(doc, errorsDoc(), 'run: npx tsx scripts/errors-doc.ts --write');
  for (const code of Object.keys(ERRORS)) assert.match(doc, new RegExp(`\`${code}\``));
});

test('error codes follow the naming rule and carry a usable doc', () => {
  for (const [code, spec] of Object.entries(ERRORS)) {
    assert.match(code, /^AIRLOCK_E_[A-Z_]+$/);
    assert.ok(spec.doc.length > 30, `${code} needs a real explanation`);
  }
});

test('each code has its own JSON-RPC number, except the invalid-params family (-32602) that JSON-RPC defines', () => {
  const byNumber = new Map<number, string[]>();
  for (const [code, spec] of Object.entries(ERRORS)) byNumber.set(spec.rpc, [...(byNumber.get(spec.rpc) ?? []), code]);
  const shared = [...byNumber].filter(([rpc, codes]) => codes.length > 1 && rpc !== -32602);
  assert.deepEqual(shared, []);
});
