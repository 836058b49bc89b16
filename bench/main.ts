// npm run bench — every speed and memory target, measured and printed as one table.
// Pass names to run a subset: npm run bench -- scan store
import { benchCli } from './cli';
import { benchDaemon } from './daemon';
import { benchExtension } from './extension';
import { benchPausedReader } from './paused-reader';
import { benchPolicy } from './policy';
import { benchProviders } from './providers';
import { benchGateway } from './gateway';
import { benchHostile } from './hostile';
import { benchScan } from './scan';
import { renderBench, type BenchResult } from './stats';
import { benchStore } from './store';
import { benchTelemetry } from './telemetry';
import { benchWebview } from './webview';

const suites: Record<string, () => Promise<BenchResult[]>> = {
  scan: benchScan,
  hostile: benchHostile,
  store: benchStore,
  daemon: benchDaemon,
  'paused-reader': benchPausedReader,
  gateway: benchGateway,
  webview: benchWebview,
  extension: benchExtension,
  cli: benchCli,
  policy: benchPolicy,
  providers: benchProviders,
  telemetry: benchTelemetry,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const rows: BenchResult[] = [];
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  rows.push(...(await run()));
}
process.stdout.write(renderBench(rows));
