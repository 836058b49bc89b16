// npm run eval:detect — scores every detector on ../shared/corpora and on the generated sets in test/eval/extra
// (international PII, placeholder and encoded secrets, code without a grammar), the held-out PII sets in
// test/eval/heldout, heldout2, heldout3 and heldout4, the sweep strict redacts with (sweep.ts), and code without a grammar per language from real example files
// (test/eval/code-langs, and its held-out YAML and Perl set in code-langs/heldout), and prints the tables; it exits 1
// only when an enforced target is missed;
// `--write` also refreshes the tables in docs/detection.md (between the markers).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evalCode } from './code';
import { evalCodeLanguages, evalCodeLanguagesHeldout } from './code-languages';
import { evalExtraCode, evalExtraPii, evalExtraSecrets } from './extra';
import { evalHeldoutPii } from './heldout';
import { evalHeldout2Pii } from './heldout2';
import { evalHeldout3Pii } from './heldout3';
import { evalHeldout4Pii } from './heldout4';
import { evalPii } from './pii';
import { evalSecrets } from './secrets';
import { evalSweep } from './sweep';
import { renderTable } from './table';

const tables = [await evalSecrets(), await evalPii(), await evalCode(), await evalExtraSecrets(), evalExtraPii(), evalHeldoutPii(), evalHeldout2Pii(), evalHeldout3Pii(), evalHeldout4Pii(), evalSweep(), evalExtraCode(), evalCodeLanguages(), evalCodeLanguagesHeldout()];
const text = tables.map(renderTable).join('\n');
process.stdout.write(text);

const missed = tables.flatMap((t) => t.rows.filter((r) => r.met === false).map((r) => `${t.title}: ${r.label} (${r.target})`));
if (missed.length) process.stdout.write(`\nTargets missed:\n${missed.map((m) => `- ${m}`).join('\n')}\n`);
else process.stdout.write('\nAll enforced targets met.\n');
const reference = tables.flatMap((t) => t.rows.filter((r) => r.target?.includes('NOT met')).map((r) => `${t.title}: ${r.label}`));
if (reference.length) process.stdout.write(`Reference figures below their thresholds (not enforced):\n${reference.map((m) => `- ${m}`).join('\n')}\n`);

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
