// Writes presets/policy.schema.json from the zod schema, so editors validate presets with the loader's own rules.
// Run: npx tsx daemon/policy/export-schema.ts   (a unit test fails when the committed file drifts)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { presetSchema } from './schema';

export function policyJsonSchemaText(): string {
  const schema = z.toJSONSchema(presetSchema, { io: 'input', target: 'draft-2020-12' });
  return JSON.stringify(schema, null, 2) + '\n';
}

export const SCHEMA_FILE = path.join('presets', 'policy.schema.json');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  writeFileSync(path.join(root, SCHEMA_FILE), policyJsonSchemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
