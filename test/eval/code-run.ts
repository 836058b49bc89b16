// Prints the code detector's evaluation table: npx tsx test/eval/code-run.ts
import { evalCode } from './code';
import { renderTable } from './table';

console.log(renderTable(await evalCode()));
