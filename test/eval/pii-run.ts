// npx tsx test/eval/pii-run.ts
import { evalPii } from './pii';
import { renderTable } from './table';

console.log(renderTable(await evalPii()));
