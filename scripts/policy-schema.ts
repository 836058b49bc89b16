// Writes presets/policy.schema.json from the preset schema. Kept out of daemon/ so no bundle ever runs it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { policyJsonSchemaText, SCHEMA_FILE } from '../daemon/policy/export-schema';

writeFileSync(path.resolve(import.meta.dirname, '..', SCHEMA_FILE), policyJsonSchemaText());
console.log(`wrote ${SCHEMA_FILE}`);
