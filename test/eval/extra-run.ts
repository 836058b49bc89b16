import { evalExtraCode, evalExtraPii, evalExtraSecrets } from './extra';
import { renderTable } from './table';
const which = process.argv[2] ?? 'all';
if (which === 'all' || which === 'pii') console.log(renderTable(evalExtraPii()));
if (which === 'all' || which === 'secrets') console.log(renderTable(await evalExtraSecrets()));
if (which === 'all' || which === 'code') console.log(renderTable(evalExtraCode()));
