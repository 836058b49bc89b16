// npm run eval:detect, sixth part: the fourth held-out PII set (test/eval/heldout4), what redaction under `strict`
// must cover whole — postal blocks, name lists, repeated names, lower-case full names. A positive counts only when no
// 8-character fragment of any of its marked values survives masking every finding (the leak test's measure); a
// negative counts as a false alarm on any finding. Built before the changes it measures; its misses are printed.
import { detectPii } from '../../daemon/detect/pii';
import { leakedFragment, type LeakSample } from '../helpers/corpora';
import { add, missNotes, referenceRows, type Tally } from './extra';
import { H4_ADDRESS_BLOCKS, H4_LOWER, H4_NAME_LISTS, H4_NEGATIVES, H4_REPEATED } from './heldout4/pii-heldout4';
import type { EvalTable } from './table';

const MARK = /⟦([^⟧]*)⟧/g;

/** The text without its ⟦ ⟧ marks, and the marked values. */
export function unmark(marked: string): { text: string; values: string[] } {
  return { text: marked.replace(MARK, '$1'), values: [...marked.matchAll(MARK)].map((m) => m[1]!) };
}

/** The text with every finding replaced by a placeholder, as redaction sends it. */
function masked(text: string): string {
  let out = text;
  for (const f of [...detectPii(text)].sort((a, b) => b.start - a.start)) out = `${out.slice(0, f.start)}[PII]${out.slice(f.end)}`;
  return out;
}

export function covered(marked: string): boolean {
  const { text, values } = unmark(marked);
  const sample: LeakSample = { id: '', corpus: 'pii', text, values };
  return leakedFragment(sample, masked(text)) === null;
}

export function evalHeldout4Pii(): EvalTable {
  const groups = new Map<string, Tally>();
  for (const [, marked] of H4_ADDRESS_BLOCKS) add(groups, 'address block, every line', true, covered(marked), unmark(marked).text);
  for (const marked of H4_NAME_LISTS) add(groups, 'name list, every member', true, covered(marked), unmark(marked).text);
  for (const marked of H4_REPEATED) add(groups, 'name repeated, every occurrence', true, covered(marked), unmark(marked).text);
  for (const marked of H4_LOWER) add(groups, 'lower-case full name after a cue', true, covered(marked), unmark(marked).text);
  for (const text of H4_NEGATIVES) add(groups, 'no PII: line blocks, lists, repeated words', false, detectPii(text).length > 0, text);
  const table = referenceRows(groups, { recall: 0.95, fp: 0.05 });
  return {
    title: 'Held-out set 4: whole values for strict redaction (test/eval/heldout4, built before the changes)',
    rows: table,
    notes: ['A positive counts only when no 8-character fragment of any marked value is left after masking every finding; a negative counts as a false alarm on any finding.', ...missNotes(groups)],
  };
}
