// Renders docs/errors.md from protocol/errors.ts, the single source of every error code.
// `tsx scripts/errors-doc.ts --write` refreshes the file; a unit test fails when they drift.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ERRORS } from '../protocol/errors';

export function errorsDoc(): string {
  const rows = Object.entries(ERRORS).map(([code, spec]) => `| \`${code}\` | ${spec.exit} | ${spec.rpc} | ${spec.doc.replace(/\|/g, '\\|')} |`);
  return `# Error codes

Every error Airlock reports has a stable code. The CLI prints \`airlock: CODE: message\` on stderr and exits with the
status below; over the WebSocket the code travels in the JSON-RPC error's \`data.code\`. Generated from
\`protocol/errors.ts\` by \`npx tsx scripts/errors-doc.ts --write\`: edit the codes there, never here.

| code | exit | JSON-RPC | meaning and what to do |
|---|---:|---:|---|
${rows.join('\n')}
`;
}

export const ERRORS_DOC = path.resolve(import.meta.dirname, '../docs/errors.md');

if (process.argv.includes('--write')) writeFileSync(ERRORS_DOC, errorsDoc());
