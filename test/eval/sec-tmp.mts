import { secretCases } from './extra/sets';
import { detectSecrets } from '../../daemon/detect/secrets';
for (const c of secretCases()) { const f = await detectSecrets(c.text); if ((f.length>0) !== c.secret) console.log(c.secret ? 'MISS' : 'FP  ', c.form, JSON.stringify(c.text), f.map(x=>x.detector+':'+c.text.slice(x.start,x.end)).join(' ')); }
