// presets/policy.schema.json comes from the zod schema, so editors validate presets with the loader's own rules.
// Refresh it with `npx tsx scripts/policy-schema.ts` (a unit test fails when the committed file drifts).
import path from 'node:path';
import { z } from 'zod';
import { presetSchema } from './schema';

export function policyJsonSchemaText(): string {
  const schema = z.toJSONSchema(presetSchema, { io: 'input', target: 'draft-2020-12' });
  return JSON.stringify(schema, null, 2) + '\n';
}

export const SCHEMA_FILE = path.join('presets', 'policy.schema.json');
