// A small fuzzer for super-linear scans. It finds every regex the scan runs (by watching RegExp.prototype.exec
// while scanning seed prompts, then the prompts it generates, until no new regex shows up) and turns each into
// worst-case units built from the pattern's own pieces: its literal prefixes, separators and one character of each
// class, as consecutive prefixes of every alternative (`[` `[a` `[a]` `[a](` …), alone and followed by a space or a
// newline. A hostile prompt is one unit repeated; a linear scan costs about 10× for 10× the prompt.
// The bench uses the same generators for its "worst case per 100 KB" row.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { scan } from '../../daemon/detect';
import { planRedactions } from '../../daemon/policy/redact';
import { PlaceholderBook, redactPrompt } from '../../daemon/route/redact';
import type { RequestFacts } from '../../protocol';

const facts: RequestFacts = { source: 'chat', interactive: true };

/** Inputs the reliability run found super-linear (issue 15): kept as fixed generators whatever the regexes become. */
export const KNOWN_HOSTILE = ['[', '[a ', '-----BEGIN PRIVATE KEY-----\n', 'http://u:p@', 'Server=x;Password=', 'ssn 123-45-6789 ', 'John Smith '];

/**
 * Regexes the scan once ran and now finds by loops over the character codes (detect/secrets/runs.ts, wrapped.ts
 * nextBreak): the exec hook no longer sees them, so their units are kept as generators here and the hostile set does
 * not shrink when a regex becomes a loop.
 */
export const REPLACED_BY_LOOPS: readonly RegExp[] = [
  /[A-Za-z0-9+/=_.~-]{20,512}/g,
  /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,8192}={0,2}(?![A-Za-z0-9+/_=-])/g,
  /[0-9A-Fa-f]{32,8192}/g,
  /\S{8,}/g,
  /(?<=[A-Za-z0-9_.-])\r?\n(?=[A-Za-z0-9_.-])/g,
];

/** Characters tried, in this order, as the representative of a character class. */
const ALPHABET = [...'aA1 _-.:/=@[](){}<>"\'`,;#$%&*+!?|\\~^\n\t', 'é', 'Ä', '0', 'z', 'Z', 'x', 'f', '9'];
const ESCAPES: Record<string, string> = { d: '1', D: 'a', w: 'a', W: ' ', s: ' ', S: 'a', n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

function classRep(body: string, flags: string): string {
  try {
    const re = new RegExp(`^[${body}]$`, flags.includes('u') || flags.includes('v') ? 'u' : '');
    return ALPHABET.find((c) => re.test(c)) ?? '';
  } catch {
    return '';
  }
}

/** The pattern as alternatives of atoms, each atom one representative string (zero-width pieces dropped). */
function atoms(re: RegExp): string[][] {
  const src = re.source;
  const alternatives: string[][] = [[]];
  let literalRun = false;
  let depth = 0;
  const push = (s: string) => {
    literalRun = false;
    if (s) alternatives[alternatives.length - 1]!.push(s);
  };
  // Consecutive literal characters are one atom: a literal prefix such as `-----BEGIN ` counts as one piece.
  const literal = (s: string) => {
    const alt = alternatives[alternatives.length - 1]!;
    if (literalRun && alt.length) alt[alt.length - 1] += s;
    else alt.push(s);
    literalRun = true;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[++i] ?? '';
      if (n === 'p' || n === 'P') {
        const close = src.indexOf('}', i);
        const prop = src.slice(i + 2, close);
        push(n === 'P' ? ' ' : /Ll|Lowercase/.test(prop) ? 'a' : /N|Nd/.test(prop) ? '1' : 'A');
        i = close;
      } else if (n === 'u' && src[i + 1] === '{') {
        const close = src.indexOf('}', i);
        push(String.fromCodePoint(parseInt(src.slice(i + 2, close), 16)));
        i = close;
      } else if (n === 'u' || n === 'x') {
        const len = n === 'u' ? 4 : 2;
        push(String.fromCharCode(parseInt(src.slice(i + 1, i + 1 + len), 16)));
        i += len;
      } else if (n === 'b' || n === 'B' || /[1-9]/.test(n)) {
        continue; // boundaries and back-references add no characters of their own
      } else if (n === 'k') {
        i = src.indexOf('>', i);
      } else if (ESCAPES[n] !== undefined) push(ESCAPES[n]);
      else literal(n);
    } else if (c === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      push(classRep(src.slice(i + 1, j), re.flags));
      i = j;
    } else if (c === '(') {
      depth++;
      literalRun = false;
      if (src[i + 1] === '?') {
        i++;
        if (src[i + 1] === '<' && src[i + 2] !== '=' && src[i + 2] !== '!') i = src.indexOf('>', i);
        else i += src[i + 1] === '<' ? 2 : 1;
      }
    } else if (c === '|' && depth === 0) {
      alternatives.push([]);
      literalRun = false;
    } else if (c === '|') {
      // Inside a group only its first alternative is taken, so that what follows the group stays in the prefix
      // (`(xoxb|xoxp)-1-a`): skip to the group's closing parenthesis.
      let d = 0;
      for (i++; i < src.length; i++) {
        const ch = src[i]!;
        if (ch === '\\') i++;
        else if (ch === '[') while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
        else if (ch === '(') d++;
        else if (ch === ')' && d-- === 0) break;
      }
      depth--;
      literalRun = false;
    } else if (c === '{' && /^\{\d*,?\d*\}/.test(src.slice(i))) {
      i = src.indexOf('}', i);
      literalRun = false;
    } else if (c === '.') push('a');
    else if (c === ')') {
      depth--;
      literalRun = false;
    } else if ('*+?^$'.includes(c)) literalRun = false;
    else literal(c);
  }
  return alternatives.filter((a) => a.length > 0);
}

/** Alternatives tried per regex and atoms per prefix: enough to reach each pattern's repeated units, small enough
 * to run in a unit test (about ten units per regex). */
const MAX_ALTERNATIVES = 3;
const MAX_PREFIX = 5;

/** Worst-case units for one regex: its first alternatives' consecutive prefixes, bare and followed by a space or newline. */
export function unitsOf(re: RegExp): string[] {
  const out = new Set<string>();
  for (const alt of atoms(re).slice(0, MAX_ALTERNATIVES)) {
    let prefix = '';
    for (const atom of alt.slice(0, MAX_PREFIX)) {
      prefix += atom;
      out.add(prefix);
    }
    out.add(`${prefix} `);
    out.add(`${prefix}\n`);
  }
  return [...out].filter((u) => u.trim() !== '' || u === ' ' || u === '\n');
}

/** One unit repeated to exactly `chars` characters. */
export function hostileText(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

/** Everything a prompt goes through before it leaves: the scan, redaction planning, placeholders and the book's mask. */
export async function scanPipeline(text: string): Promise<void> {
  // With the sweep (strict's allowlist redaction): the longest path a prompt can take through the detectors.
  const result = await scan(text, facts, { sweep: true });
  const planned = planRedactions(result.signals, ['secret', 'pii', 'possible-name', 'possible-full-name', 'possible-number', 'possible-address'], text);
  redactPrompt(text, planned, new PlaceholderBook());
}

/** Every regex the scan runs on these prompts (a regex object is identified by its source and flags). */
async function regexesSeen(prompts: readonly string[]): Promise<Map<string, RegExp>> {
  const seen = new Map<string, RegExp>();
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    seen.set(`/${this.source}/${this.flags}`, this);
    return exec.call(this, s);
  };
  try {
    for (const p of prompts) await scanPipeline(p);
  } finally {
    RegExp.prototype.exec = exec;
  }
  return seen;
}

/**
 * The regexes the scan runs and their units (discoverUnits), found in a worker thread. Watching exec means assigning
 * RegExp.prototype.exec, and once that is done V8 leaves its fast paths for every regex of the process, for good:
 * everything measured after it ran about 2× slower than in the daemon (`Mr. ` per 100 KB: 76 → 176 ms). The worker's
 * isolate takes that; the caller's regexes stay as the daemon's are.
 */
export async function hostileUnits(seeds: readonly string[], rounds = 2): Promise<{ regexes: number; units: string[] }> {
  const entry = new URL('./hostile-worker.ts', import.meta.url);
  // A worker does not inherit tsx's loader: register it inside the worker first (as scan-pool.ts does).
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { seeds, rounds } });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the fuzzer's worker exited (${code}) before answering`)));
    });
  } finally {
    await worker.terminate();
  }
}

/**
 * The regexes the scan runs and their units, found to a fixed point: seed prompts first, then the generated
 * prompts (which reach branches the seeds do not), until a round finds no new regex. Leaves this process's regexes
 * slow (above): call it through hostileUnits.
 */
export async function discoverUnits(seeds: readonly string[], rounds = 2): Promise<{ regexes: number; units: string[] }> {
  const regexes = new Map<string, RegExp>();
  const units = new Set<string>([...KNOWN_HOSTILE, ...REPLACED_BY_LOOPS.flatMap(unitsOf)]);
  let prompts = [...seeds, ...KNOWN_HOSTILE.map((u) => hostileText(u, 500))];
  for (let r = 0; r < rounds; r++) {
    const fresh = [...(await regexesSeen(prompts))].filter(([key]) => !regexes.has(key));
    if (fresh.length === 0) break;
    const added: string[] = [];
    for (const [key, re] of fresh) {
      regexes.set(key, re);
      for (const u of unitsOf(re)) {
        if (units.has(u)) continue;
        units.add(u);
        added.push(u);
      }
    }
    prompts = added.map((u) => hostileText(u, 500));
  }
  return { regexes: regexes.size, units: [...units] };
}

/** CPU milliseconds of this process for one call (other processes' load does not count), the least of `runs`. */
export async function cpuMs(fn: () => Promise<unknown>, runs: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    const wall = performance.now();
    await fn();
    const used = process.cpuUsage(before);
    // CPU time is immune to other processes but coarse (about 1 ms ticks on some kernels): use the wall clock when
    // it is smaller, which it only is when the CPU figure is rounding up.
    best = Math.min(best, Math.min((used.user + used.system) / 1000, performance.now() - wall));
  }
  return best;
}

/** Seed prompts that reach every detector: prose, code, secrets of several kinds, PII, a domain question. */
export const SEEDS: readonly string[] = [
  'Hi Anna, call me at +1 415 555 0100 or mail ines.moreau@example.fr; I live at 12 Rue de Rivoli, 75001 Paris.\n' +
    'My SSN is 123-45-6789, card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, ip 8.8.4.4. Should I buy stocks?\n' +
    'Dear Dr. Berg, my son Ivo said my doctor wants a dosage of insulin. - mr. elliott, 221b baker street\n',
  '```python\ndef f(x):\n    return x + 1\n```\nconst y = f(2); // why?\n#include <stdio.h>\nSELECT * FROM t WHERE id = 1;\n[link](http://x.y/z) **bold** > quote\n',
  ['-----BEGIN RSA PRIVATE', ' KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----\npostgres://u:pw@h/db Server=x;Password=y;'].join('') +
    ' Authorization: Bearer abcdefgh12345678 //registry.npmjs.org/:_authToken=abc123 password = "Xq7!vLr2-k9" token 9f8e7d6c5b4a39281706f5e4d3c2b1a0\n' +
    // Literals some patterns are gated on (they run only where the literal is): the fuzzer must see them run.
    'AccountKey=abc== https://api.softlayer.com/soap/v3/abc 0123456789abcdef0123456789abcdef-us1\n',
  // The sweep's shapes: unknown words, lists of them, particles, a lowercase sentence after a short line, numbers.
  'Why did Okwuosa, Brown and Tendai leave? Ask Femke van der Heijden or McAllister. We\'ll see.\nhi\nhave you met ngozi adeyemi? call 99 668472\n',
];

/** Cost ratio of 10× the input, from the least CPU time of several runs at each size. */
export async function growth(unit: string, chars: number, runs: number): Promise<{ ratio: number; small: number; big: number }> {
  const small = await cpuMs(() => scanPipeline(hostileText(unit, chars)), runs);
  const big = await cpuMs(() => scanPipeline(hostileText(unit, chars * 10)), Math.max(1, runs - 2));
  return { ratio: big / Math.max(small, 0.05), small, big };
}
