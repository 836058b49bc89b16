import { readFileSync } from 'node:fs';
import { isPlaceholderValue } from '../../daemon/detect/secrets-placeholder';
import { detectSecrets } from '../../daemon/detect/secrets';
const rows = readFileSync('/work/shared/corpora/secrets.jsonl','utf8').split('\n').filter(Boolean).map((l)=>JSON.parse(l));
for (const r of rows) { if (!r.label) continue; const f = await detectSecrets(r.text); if (f.length) continue; console.log(r.origin, JSON.stringify(r.text.slice(0,150))); }
