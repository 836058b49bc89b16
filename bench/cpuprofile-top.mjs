// Top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`): node bench/cpuprofile-top.mjs FILE [N] [OWNER]
// Second table: self time (regexes and natives included) charged to the nearest daemon/ function up the stack
// (scanAll, the shared regex loop, skipped so its regexes count for the detector that called it).
import { readFileSync } from 'node:fs';

const [file, n = '30', only] = process.argv.slice(2); // only: print the self times charged to owners matching it
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const name = ({ functionName, url, lineNumber }) =>
  `${functionName || '(anonymous)'} ${url.replace(/^.*\/(daemon|node_modules)\//, '$1/')}:${lineNumber + 1}`;
function owner(id) {
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at).callFrame;
    if (frame.url.includes('/daemon/') && frame.functionName !== 'scanAll') return name(frame);
  }
  return '(outside daemon/)';
}
const self = new Map();
const owned = new Map();
const within = new Map();
let busy = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  const dt = profile.timeDeltas[i] ?? 0;
  if (node.callFrame.functionName === '(idle)') continue;
  busy += dt;
  self.set(name(node.callFrame), (self.get(name(node.callFrame)) ?? 0) + dt);
  const o = owner(node.id);
  owned.set(o, (owned.get(o) ?? 0) + dt);
  if (only && o.includes(only)) within.set(name(node.callFrame), (within.get(name(node.callFrame)) ?? 0) + dt);
}
const print = (title, map) => {
  process.stdout.write(`${title} (of ${(busy / 1000).toFixed(0)} ms busy)\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) {
    process.stdout.write(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key.slice(0, 160)}\n`);
  }
};
print('self time', self);
print('self time by nearest daemon/ function', owned);
if (only) print(`self time charged to ${only}`, within);
