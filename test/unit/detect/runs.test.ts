// The run finders of secrets/runs.ts replace regexes for speed: they must find exactly what those regexes find,
// on random texts over an alphabet that hits every edge (run lengths around the bounds, '=' padding, whitespace of
// every kind, characters outside ASCII) and on long runs past the upper bound.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALNUM, asciiSet, boundedRuns, isSpace, nonSpaceRunStarts, paddedRuns } from '../../../daemon/detect/secrets/runs';

function regexRuns(re: RegExp, text: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index, m.index + m[0].length);
  return out;
}

/** A deterministic generator (mulberry32) so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Z', '0', 'f', '+', '/', '_', '-', '=', '==', '===', '.', '~', ' ', '\n', '\t', '\u00a0', '\u2028', '\u3000', 'é', '€', '"'];

/** Texts of runs around the bounds used below (8, 20, 24, 32 characters) separated by edge characters. */
function texts(): string[] {
  const r = rng(14);
  const out: string[] = ['', 'a', 'ab12'.repeat(2100), `${'A'.repeat(8200)}==`, `${'f'.repeat(16_500)} x`];
  for (let k = 0; k < 400; k++) {
    let t = '';
    while (t.length < 300) {
      const len = [1, 7, 8, 19, 20, 23, 24, 25, 31, 32, 33, 40][Math.floor(r() * 12)]!;
      const alphabet = r() < 0.5 ? '0123456789abcdef' : `${ALNUM}+/_-.~`;
      for (let i = 0; i < len; i++) t += alphabet[Math.floor(r() * alphabet.length)];
      t += PIECES[Math.floor(r() * PIECES.length)];
    }
    out.push(t);
  }
  return out;
}

test('boundedRuns finds what /[set]{min,max}/g finds', () => {
  const cases: Array<[string, number, number, RegExp]> = [
    [`${ALNUM}+/=_.~-`, 20, 512, /[A-Za-z0-9+/=_.~-]{20,512}/g],
    ['0123456789ABCDEFabcdef', 32, 8192, /[0-9A-Fa-f]{32,8192}/g],
    ['0123456789abcdef', 8, 24, /[0-9a-f]{8,24}/g],
  ];
  for (const [chars, min, max, re] of cases) {
    const set = asciiSet(chars);
    for (const t of texts()) assert.deepEqual(boundedRuns(t, set, min, max), regexRuns(re, t), `${re} on ${JSON.stringify(t.slice(0, 80))}`);
  }
});

test('paddedRuns finds what the base64 run regex finds, padding and look-arounds included', () => {
  const set = asciiSet(`${ALNUM}+/_-`);
  const re = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,8192}={0,2}(?![A-Za-z0-9+/_=-])/g;
  const edges = [`${'Ab1'.repeat(10)}=`, `${'Ab1'.repeat(10)}==x`, `${'Ab1'.repeat(10)}==.`, `${'Ab1'.repeat(10)}===`, `${'A'.repeat(8192)}==`, `${'A'.repeat(8193)}`];
  for (const t of [...texts(), ...edges]) assert.deepEqual(paddedRuns(t, set, 24, 8192), regexRuns(re, t), `on ${JSON.stringify(t.slice(0, 80))}`);
});

test('isSpace is \\s for every UTF-16 code unit, and nonSpaceRunStarts finds what /\\S{8,}/g finds', () => {
  for (let c = 0; c < 0x10000; c++) assert.equal(isSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  for (const t of texts()) assert.deepEqual(nonSpaceRunStarts(t, 8), regexRuns(/\S{8,}/g, t).filter((_, i) => i % 2 === 0));
});
