// npm run eval:detect — scores every detector on ../shared/corpora and on the generated sets in test/eval/extra
// (international PII, placeholder and encoded secrets, code without a grammar), and prints the tables;
// `--write` also refreshes the tables in docs/detection.md (between the markers).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evalCode } from './code';
import { evalExtraCode, evalExtraPii, evalExtraSecrets } from './extra';
import { evalPii } from './pii';
import { evalSecrets } from './secrets';
import { renderTable } from './table';

const tables = [await evalSecrets(), await evalPii(), await evalCode(), await evalExtraSecrets(), evalExtraPii(), evalExtraCode()];
const text = tables.map(renderTable).join('\n');
process.stdout.write(text);

const missed = tables.flatMap((t) => t.rows.filter((r) => r.met === false).map((r) => `${t.title}: ${r.label} (${r.target})`));
if (missed.length) process.stdout.write(`\nTargets missed:\n${missed.map((m) => `- ${m}`).join('\n')}\n`);

if (process.argv.includes('--write')) {
  const doc = path.resolve(import.meta.dirname, '../../docs/detection.md');
  const begin = '<!-- eval:begin -->';
  const end = '<!-- eval:end -->';
  const current = readFileSync(doc, 'utf8');
  const [head, rest] = current.split(begin);
  const tail = rest?.split(end)[1];
  if (head === undefined || tail === undefined) throw new Error(`docs/detection.md lacks the ${begin} / ${end} markers`);
  writeFileSync(doc, `${head}${begin}\n${text}\n${end}${tail}`);
}
process.exitCode = missed.length ? 1 : 0;
