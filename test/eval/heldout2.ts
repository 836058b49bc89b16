// npm run eval:detect, fourth part: the second held-out PII set (test/eval/heldout2), built from public sources before
// the issue-14 round that added structural name and address cues, and never used to choose a rule (SOURCES.md).
import { detectPii } from '../../daemon/detect/pii';
import { add, missNotes, referenceRows, type Tally } from './extra';
import { H2_ADDRESSES, H2_NAMES, H2_NEGATIVE_TEMPLATES, H2_NEGATIVES, H2_PHONES, H2_TEMPLATES } from './heldout2/pii-heldout2';
import type { EvalTable } from './table';

const hits = (text: string, type: string, start: number, end: number) => detectPii(text).some((f) => f.type === type && f.start < end && start < f.end);

/** Every labelled sample of the set, with the span a finding of `type` must overlap (null: a negative). */
export function heldout2Cases(): Array<{ group: string; text: string; expect: { type: string; start: number; end: number } | null }> {
  const out: ReturnType<typeof heldout2Cases> = [];
  for (const [cue, template, expect] of H2_TEMPLATES) {
    for (const [, first, last] of H2_NAMES) {
      const text = template.replaceAll('{F}', first).replaceAll('{L}', last).replaceAll('{f}', first.toLowerCase()).replaceAll('{l}', last.toLowerCase());
      const name = expect === 'first' ? first : `${first} ${last}`;
      const at = text.toLowerCase().indexOf(name.toLowerCase());
      out.push({ group: `name: ${cue}`, text, expect: { type: 'person-name', start: at, end: at + name.length } });
    }
  }
  for (const [, text] of H2_ADDRESSES) out.push({ group: 'address', text, expect: { type: 'street-address', start: 0, end: text.length } });
  for (const [, text] of H2_PHONES) out.push({ group: 'phone', text, expect: { type: 'phone', start: 0, end: text.length } });
  for (const [cue, template, fillers] of H2_NEGATIVE_TEMPLATES) {
    for (const x of fillers) out.push({ group: `no PII: ${cue}`, text: template.replaceAll('{X}', x), expect: null });
  }
  for (const text of H2_NEGATIVES) out.push({ group: 'no PII: prose', text, expect: null });
  return out;
}

export function evalHeldout2Pii(): EvalTable {
  const groups = new Map<string, Tally>();
  for (const c of heldout2Cases()) {
    const e = c.expect;
    add(groups, c.group, e !== null, e ? hits(c.text, e.type, e.start, e.end) : detectPii(c.text).length > 0, c.text);
  }
  const table = referenceRows(groups, { recall: 0.95, fp: 0.05 });
  return {
    title: 'Held-out set 2: international PII (test/eval/heldout2, built before the structural cues)',
    rows: table,
    notes: ['Names from a CC0 list of popular names by country, address formats from OpenCage address-formatting, libphonenumber example numbers (heldout2/SOURCES.md); negatives fill the same positions with teams, products, places and organisations.', ...missNotes(groups)],
  };
}
