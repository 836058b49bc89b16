// npx tsx test/eval/secrets-run.ts — prints the secrets evaluation table.
import { evalSecrets } from './secrets';
import { renderTable } from './table';

console.log(renderTable(await evalSecrets()));
