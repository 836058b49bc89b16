// CPU cost of one scan of the bench's mixed prompt, for profiling (not part of `npm run bench`, not shipped).
// CPU time (process.cpuUsage) is roughly right on a loaded machine where wall-clock is not.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/scan-profile.ts [bytes] [runs]
//   node bench/cpuprofile-top.mjs /tmp/prof/*.cpuprofile
import { scan } from '../daemon/detect';
import type { RequestFacts } from '../protocol';
import { mixedPrompt } from './prompts';

const facts: RequestFacts = { source: 'api', interactive: true };
const bytes = Number(process.argv[2] ?? 10 * 1024);
const runs = Number(process.argv[3] ?? 2000);
const text = mixedPrompt(bytes);

for (let i = 0; i < 50; i++) await scan(text, facts); // warm grammars, secretlint and the JIT, as bench/scan.ts does
const rounds: number[] = [];
for (let round = 0; round < 5; round++) {
  const before = process.cpuUsage();
  for (let i = 0; i < runs / 5; i++) await scan(text, facts);
  const used = process.cpuUsage(before);
  rounds.push((used.user + used.system) / 1000 / (runs / 5));
}
rounds.sort((a, b) => a - b);
process.stdout.write(`scan ${bytes} B: CPU ms/scan per round (sorted) ${rounds.map((r) => r.toFixed(3)).join(' ')}; median ${rounds[2]!.toFixed(3)}\n`);
