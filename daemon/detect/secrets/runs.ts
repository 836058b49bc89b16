// Runs of characters from a set, found by one loop over the character codes. A regex such as
// /[A-Za-z0-9+/_-]{24,8192}/g is retried at every position of every shorter word, which made the few run
// patterns the costliest part of the secret scan on prose (bench/scan-profile.ts: ~18 ns a character each); this
// reads each character once. Each function returns what the regex named in its comment matches, as a flat list
// start0, end0, start1, end1, … (test/unit/detect/runs.test.ts compares them with the regexes).

/** Membership of ASCII characters (code < 128) in a set; a character outside ASCII is never a member. */
export function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const inSet = (set: Uint8Array, c: number): boolean => c < 128 && set[c] === 1;

/** Where the run of set characters that holds `text[i]` ends (the first index after it). */
function setRunEnd(text: string, set: Uint8Array, i: number): number {
  let end = i + 1;
  while (end < text.length && inSet(set, text.charCodeAt(end))) end++;
  return end;
}

/**
 * `/[set]{min,max}/g`: each maximal run of set characters cut into pieces of `max` from its start, a last piece
 * shorter than `min` dropped (the regex then finds no match in it).
 */
export function boundedRuns(text: string, set: Uint8Array, min: number, max: number): number[] {
  const out: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (!inSet(set, text.charCodeAt(i))) continue;
    const end = setRunEnd(text, set, i);
    for (let at = i; end - at >= min; at += max) out.push(at, Math.min(end, at + max));
    i = end; // text[end] is not in the set
  }
  return out;
}

/**
 * `/(?<![set])[set]{min,max}={0,2}(?![set=])/g` (base64 with its padding): a maximal run of `min` to `max` set
 * characters, with the one or two `=` after it, when no set character follows them. Longer runs, three `=` or a set
 * character right after the padding give no match (no shorter piece of the run passes the look-arounds either).
 */
export function paddedRuns(text: string, set: Uint8Array, min: number, max: number): number[] {
  const out: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (!inSet(set, text.charCodeAt(i))) continue;
    const end = setRunEnd(text, set, i);
    const length = end - i;
    let pad = end;
    while (pad < n && pad - end < 3 && text.charCodeAt(pad) === 61) pad++; // '='
    const ok = length >= min && length <= max && pad - end < 3 && (pad === n || !inSet(set, text.charCodeAt(pad)));
    if (ok) out.push(i, pad);
    i = end; // the next run starts after a character outside the set ('=' is outside it)
  }
  return out;
}

/** JavaScript's `\s`: the characters of WhiteSpace and LineTerminator. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Where each match of `/\S{min,}/g` starts: maximal runs without whitespace at least `min` long. */
export function nonSpaceRunStarts(text: string, min: number): number[] {
  const out: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (isSpace(text.charCodeAt(i))) continue;
    let end = i + 1;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    if (end - i >= min) out.push(i);
    i = end;
  }
  return out;
}
