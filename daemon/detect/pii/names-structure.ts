// Names found by where they stand in the text's structure rather than by a list: a speaker label at a line start
// ("Dimitra Kontos: the test is fixed"), an appositive ("Syed Hossain, our head of finance,"), the agent of a passive
// or the partner of a meeting ("written by X", "lunch with X"), and the other members of a coordinated list one of
// whose members is already a name ("Anna Berg, Seo-yun Jeong and Tom Fischer"). Every candidate word goes through the
// cue readers' test (no English word, never-name, product or place) and a lone word needs more evidence.
// Linear: the anchors are literal alternations; each reads a bounded number of words.
import type { Finding } from '../finding';
import { piiFinding, scanAll } from './finding';
import { found, readBackward, readForward, strongEnough, type Span } from './names-cue';
import { NOT_PEOPLE, PLACES } from './names-cue-words';
import { lex } from './names-context';

/** A name word as written at a line start: capitalised, no inner capitals ("TypeError", "GitHub" are identifiers). */
const NAME_SHAPE = /^\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*$/u;
const shaped = (text: string, s: Span) => text.slice(s.start, s.end).split(' ').every((w) => NAME_SHAPE.test(w));

/** "Name Surname: text" at a line start; not "Name::", "http://", "Name:value" (a key), nor a label before a number or
 *  a value in another language's form ("Meine Nummer: 0176 …"): a speaker's line goes on in words. */
const SPEAKER = /^([ \t]*)\p{Lu}/gmu;
const AFTER_LABEL = /^:[ \t]+[\p{L}"'“‘(]/u;

function speakerLabels(text: string): Finding[] {
  let isDialogue: boolean | undefined; // computed once, on the first label that needs it
  // The next ':' and line break at or after a label start. A label is read on its own line (readForward never crosses
  // a break) and needs a ':' right after it: a line without one is skipped before reading its words, the costly part.
  // Label starts only grow, so each is searched for once per position passed: linear.
  let colon = -1;
  let lineEnd = -1;
  return scanAll(text, SPEAKER, (m) => {
    const at = m.index + m[1]!.length;
    if (colon < at) colon = text.indexOf(':', at) >>> 0; // -1 → 2^32 - 1: none
    if (lineEnd < at) lineEnd = text.indexOf('\n', at) >>> 0;
    if (colon > lineEnd) return null;
    const s = readForward(text, at);
    if (!s || !AFTER_LABEL.test(text.slice(s.end, s.end + 3)) || !shaped(text, s)) return null;
    // A form in another language has capitalised labels and values ("Unser Büro: Hauptstraße 5"); a speaker's words
    // go on in lower case, or the label holds a listed name, or the text is a dialogue of several labelled lines.
    const speech = /^:[ \t]+(?:\p{Ll}|I[ \t'’])/u.test(text.slice(s.end, s.end + 4));
    const label = text.slice(s.start, s.end);
    const listed = label.split(' ').some((w) => lex().first.has(w) || lex().last.has(w));
    if (!speech && !listed && !(isDialogue ??= dialogue(text))) return null;
    // Two or three name-like words are a speaker; one word needs a listed first name or a letter English lacks.
    return found(strongEnough(text, s, true), 0.7);
  });
}

/** Two or more lines that open with a different capitalised label and a colon: a transcript or a chat log. */
function dialogue(text: string): boolean {
  const labels = new Set<string>();
  DIALOGUE_LINE.lastIndex = 0;
  for (let m = DIALOGUE_LINE.exec(text); m && labels.size < 2; m = DIALOGUE_LINE.exec(text)) labels.add(m[1]!);
  return labels.size >= 2;
}
const DIALOGUE_LINE = /^[ \t]*(\p{Lu}[\p{L}\p{M}'’-]{1,30}(?: \p{Lu}[\p{L}\p{M}'’-]{1,30}){0,2}):[ \t]/gmu;

/** ", our head of finance,": a possessive role phrase set off by commas right after a name. */
const APPOSITIVE = /(?<=[\p{L}]),(?=[ \t]{1,2}(?:our|my|your|his|her|their)[ \t][\p{Ll} -]{2,40},)/gu;

/** APPOSITIVE, sticky: tried at each comma only (the global pattern, opening with a look-behind, was tried at every
 *  position). A match is the one comma, so the commas it accepts are the global pattern's matches, in order. */
const APPOSITIVE_AT = new RegExp(APPOSITIVE.source, 'uy');

function appositives(text: string): Finding[] {
  const out: Finding[] = [];
  for (let at = text.indexOf(','); at !== -1; at = text.indexOf(',', at + 1)) {
    APPOSITIVE_AT.lastIndex = at;
    if (!APPOSITIVE_AT.test(text)) continue;
    const s = readBackward(text, at);
    const f = s && shaped(text, s) ? found(strongEnough(text, s, true), 0.65) : null;
    if (f) out.push(f);
  }
  return out;
}

/** Verbs whose agent is a person ("written by X", "approved by X") and meetings whose partner is one ("lunch with X"). */
const AGENT_CUE =
  /\b(?:(?:written|signed|approved|reviewed|reported|created|submitted|authored|requested|assigned|raised|opened|filed|prepared|presented|organi[sz]ed|interviewed|referred|recommended|introduced|mentored|supervised|hired|invited|sent|forwarded|shared|escalated|booked) by|(?:lunch|dinner|coffee|breakfast|drinks|a call|a chat|a meeting|an interview|a sync|a one-on-one|a 1:1|talked|spoke|met|meeting|catch up|caught up|went out|stayed) with)[ \t]{1,2}(?=[A-Za-z\u00c0-\u024f])/gi;

function agents(text: string): Finding[] {
  return scanAll(text, AGENT_CUE, (m) => {
    const s = readForward(text, m.index + m[0].length);
    return found(strongEnough(text, s, true), 0.65);
  });
}

const BETWEEN_AFTER = /^(?:,[ \t]{1,2}(?:and[ \t]{1,2}|&[ \t]{1,2})?|[ \t]{1,2}(?:and|&)[ \t]{1,2})(?=\p{Lu})/u;
const BETWEEN_BEFORE = /(?:,[ \t]{1,2}|[ \t]{1,2}(?:and|&)[ \t]{1,2})$/u;
const MAX_MEMBERS = 8;

/** A list member made only of place or product words is no person ("Anna Berg, Sofia and Berlin"). */
const ordinary = (text: string, s: Span) => text.slice(s.start, s.end).toLowerCase().split(' ').some((w) => NOT_PEOPLE.has(w) || PLACES.has(w));

/**
 * The other members of a coordinated list around a full name already found: members of two or three capitalised
 * name-like words, joined by ", " and "and"/"&", count as names too. Only a two-word (or longer) seed starts a list, so
 * a lone first name that is also a product ("Cassandra, Redis and Memcached") does not.
 */
export function listMembers(text: string, names: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  // Each list is walked once: a seed inside a list already walked (the members of "A B, C D, E F, …" are all seeds)
  // starts nothing, so a prompt of one long list costs one walk, not one per member.
  let walked = -1;
  const seeds = names.filter((f) => f.type === 'person-name' && text.charCodeAt(f.start) !== 32 && text.slice(f.start, f.end).includes(' ')).sort((a, b) => a.start - b.start);
  for (const f of seeds) {
    if (f.start < walked) continue;
    let start = f.start;
    for (let i = 0; i < MAX_MEMBERS && start > walked; i++) {
      const gap = BETWEEN_BEFORE.exec(text.slice(Math.max(0, start - 8), start));
      const s = gap ? readBackward(text, start - gap[0].length) : null;
      if (!s || s.words < 2 || !shaped(text, s) || ordinary(text, s)) break;
      out.push(piiFinding('person-name', s.start, s.end, 0.65));
      start = s.start;
    }
    let end = f.end;
    for (let i = 0; i < MAX_MEMBERS; i++) {
      const gap = BETWEEN_AFTER.exec(text.slice(end, end + 8));
      const s = gap ? readForward(text, end + gap[0].length) : null;
      if (!s || s.words < 2 || !shaped(text, s) || ordinary(text, s)) break;
      out.push(piiFinding('person-name', s.start, s.end, 0.65));
      end = s.end;
    }
    walked = end + 1;
  }
  return out;
}

export function detectStructuralNames(text: string): Finding[] {
  return [...speakerLabels(text), ...appositives(text), ...agents(text)];
}
