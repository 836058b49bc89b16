import { detectCode } from '../../daemon/detect/code';
import { scoreLine } from '../../daemon/detect/code/fallback';
import { readSamples } from './code-languages';
const [file, max] = [process.argv[2]!, Number(process.argv[3] ?? 5)];
let shown = 0;
for (const s of readSamples(file)) {
  if (detectCode(s).isCode === (file !== 'prose.txt')) continue;
  if (shown++ >= max) break;
  console.log('-----');
  for (const l of s.split('\n')) console.log(scoreLine(l).score.toFixed(1).padStart(5), l);
}
