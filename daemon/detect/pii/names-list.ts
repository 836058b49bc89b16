// A list of people is a list of people: when some members of a coordinated list ("Hleb, Sheila, Donna and Shane",
// "our 3 founders: Šušulić, Bowman and White", "Park and Mann were …") are already found as names, the other
// members are names too — redaction under `strict` must not send the unrecognised ones in clear.
// How far the list vouches depends on its evidence: when at least half of its members are found names or words no
// English dictionary has, any capitalised member that is no never-name, product or place counts ("… and White"); when
// fewer are, only the members that are no English words do ("Hrafnkell", not "Graves"). Members are one or two capitalised words; a list of two needs "and"/"&".
// Cheap: each list is read once, from a name already found, over a bounded window either side.
import type { Finding } from '../finding';
import { piiFinding } from './finding';
import { isEnglish, lex } from './names-context';
import { NOT_PEOPLE, PLACES } from './names-cue-words';

const PART = String.raw`\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*`;

const MEMBER_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}_@.'’-])${PART}(?:[ \t]${PART})?$`, 'u');
/** A separator and the member after it, matched where the last member ended. */
const NEXT_MEMBER = new RegExp(String.raw`(,[ \t]{1,2}(?:and[ \t]{1,2}|&[ \t]{1,2})?|[ \t]{1,2}(?:and|&)[ \t]{1,2})${PART}(?:[ \t]${PART})?(?![\p{L}\p{N}_@(]|\.\p{L})`, 'uy');
const SEP_BEFORE = /(?:,[ \t]{1,2}(?:and[ \t]{1,2}|&[ \t]{1,2})?|[ \t]{1,2}(?:and|&)[ \t]{1,2})$/;
const MAX_MEMBERS = 12;
/** Capitalised words that open a sentence or a greeting before a list, never a member ("Thanks, Anna and Ivo"). */
const NOT_MEMBER = new Set(['thanks', 'thank', 'hi', 'hello', 'hey', 'dear', 'regards', 'cheers', 'welcome', 'yes', 'no', 'ok', 'okay', 'also', 'and', 'but', 'so', 'then', 'the', 'a', 'an']);

const notMember = (lower: string, lx: ReturnType<typeof lex>): boolean => NOT_MEMBER.has(lower) || lx.never.has(lower) || NOT_PEOPLE.has(lower) || PLACES.has(lower);

interface Member { start: number; end: number; words: string[] }

const member = (text: string, start: number, end: number): Member => ({ start, end, words: text.slice(start, end).split(/[ \t]/) });

/** The members of the list the span [start, end) stands in, in text order, and whether an "and"/"&" joins them. */
function readList(text: string, start: number, end: number, floor: number): { members: Member[]; joined: boolean; reach: number } {
  const members = [member(text, start, end)];
  let joined = false;
  // Backward only down to where the last list read ended: each stretch of text is read once.
  for (let at = start; members.length < MAX_MEMBERS && at > floor + 1;) {
    const sep = SEP_BEFORE.exec(text.slice(Math.max(0, floor + 1, at - 8), at));
    const m = sep && MEMBER_BEFORE.exec(text.slice(Math.max(0, floor + 1, at - sep[0].length - 64), at - sep[0].length));
    if (!sep || !m) break;
    joined ||= /and|&/.test(sep[0]);
    at -= sep[0].length + m[0].length;
    members.unshift(member(text, at, at + m[0].length));
  }
  let reach = end;
  // Forward with a sticky pattern on the text itself: no slice per member (a dense list has tens of thousands).
  for (let at = end; members.length < MAX_MEMBERS;) {
    NEXT_MEMBER.lastIndex = at;
    const m = NEXT_MEMBER.exec(text);
    if (!m) break;
    joined ||= m[1]!.includes('and') || m[1]!.includes('&');
    members.push(member(text, at + m[1]!.length, at + m[0].length));
    at += m[0].length;
    reach = at;
  }
  return { members, joined, reach };
}

/** A word after a member that makes the list an organisation: "Clark, Romero and Hall Orchestra", "Thomas and Sons". */
const ORG_WORD = /^(?:Inc|Ltd|LLC|LLP|PLC|GmbH|AG|SA|Corp|Corporation|Co|Company|Group|Holdings|Partners|Associates|Sons|Brothers|Orchestra|Band|Bank|Foundation|Institute|University|College|School|Hospital|Hotel|Studios?|Labs?|Systems|Solutions|Services|Media|Records)\b/;
/** After a member, a few words and a number: the member names a street ("… and Rúa do Paseo 46"). */
const NUMBER_AFTER = /^(?:[ \t]+[\p{L}\p{M}'’.-]+){0,3}[ \t]+\d/u;

/**
 * A list that names an organisation or a street, not people: an organisation word in or right after it, a number right
 * after a member, or a line that holds nothing but the list — the way partnerships and firms are named
 * ("Barnett, Melton and Garcia" under a contact's name).
 */
function firmOrStreet(text: string, members: readonly Member[], reach: number): boolean {
  if (members.some((m) => m.words.some((w) => ORG_WORD.test(w)) || NUMBER_AFTER.test(text.slice(m.end, m.end + 48)))) return true;
  if (ORG_WORD.test(text.slice(reach + 1, reach + 16))) return true;
  // Only a few characters either side are looked at: a line that holds more than the list is no firm's line.
  const before = text.slice(Math.max(0, members[0]!.start - 8), members[0]!.start);
  const after = text.slice(reach, reach + 8);
  return /(?:^|\n)[ \t>|*-]*$/.test(before) && (members[0]!.start <= 8 || before.includes('\n')) && /^[ \t.]*(?:\n|$)/.test(after);
}

/**
 * A test of whether [start, end) overlaps (or, with `within`, lies inside) one of the findings: the findings merged into
 * sorted intervals once and searched by bisection, so that a prompt of thousands of names costs no product of two counts.
 */
export function overlapTest(findings: readonly Finding[]): (start: number, end: number, within?: boolean) => boolean {
  const spans: Array<[number, number]> = [];
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    const last = spans[spans.length - 1];
    if (last && f.start <= last[1]) last[1] = Math.max(last[1], f.end);
    else spans.push([f.start, f.end]);
  }
  return (start, end, within = false) => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]![1] <= start) lo = mid + 1;
      else hi = mid;
    }
    const span = spans[lo];
    return !!span && (within ? span[0] <= start && end <= span[1] : span[0] < end);
  };
}

/** Other members of lists in which names were found, as person-name findings. */
export function listMates(text: string, names: readonly Finding[]): Finding[] {
  const people = names.filter((f) => f.type === 'person-name').sort((a, b) => a.start - b.start);
  if (people.length === 0) return [];
  const lx = lex();
  const out: Finding[] = [];
  let walked = -1;
  const overlaps = overlapTest(people);
  const isFound = (m: Member) => overlaps(m.start, m.end);
  for (const seed of people) {
    if (seed.start < walked) continue;
    const { members, joined, reach } = readList(text, seed.start, seed.end, walked);
    walked = reach;
    if (members.length < 2 || (members.length === 2 && !joined)) continue;
    const candidates = members.filter((m) => !isFound(m) && !m.words.some((w) => notMember(w.toLowerCase(), lx)));
    if (candidates.length === 0 || firmOrStreet(text, members, reach)) continue;
    // A member that is no English word vouches for itself: "Šušulić, Bowman and White" has two of three.
    const foreign = candidates.filter((m) => !m.words.some((w) => isEnglish(w.toLowerCase())));
    const most = (members.filter(isFound).length + foreign.length) * 2 >= members.length;
    for (const m of most ? candidates : foreign) out.push(piiFinding('person-name', m.start, m.end, most ? 0.65 : 0.6));
  }
  return out;
}
