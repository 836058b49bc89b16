// The fuzzer's regex discovery in its own thread (see hostileUnits in hostile.ts): the exec hook slows this isolate's
// regexes for good, not the caller's.
import { parentPort, workerData } from 'node:worker_threads';
import { discoverUnits } from './hostile';

const { seeds, rounds } = workerData as { seeds: string[]; rounds: number };
parentPort!.postMessage(await discoverUnits(seeds, rounds));
