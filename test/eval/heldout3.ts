// npm run eval:detect, fifth part: the third held-out PII set (test/eval/heldout3), written after this round's changes
// and scored as totals only: its misses are never printed, so it stays blind (heldout3/SOURCES.md).
import { detectPii } from '../../daemon/detect/pii';
import { add, referenceRows, type Tally } from './extra';
import { H3_ADDRESSES, H3_NAMES, H3_NEGATIVE_TEMPLATES, H3_NEGATIVES, H3_PHONES, H3_TEMPLATES } from './heldout3/pii-heldout3';
import type { EvalTable } from './table';

const hits = (text: string, type: string, start: number, end: number) => detectPii(text).some((f) => f.type === type && f.start < end && start < f.end);

export function evalHeldout3Pii(): EvalTable {
  const groups = new Map<string, Tally>();
  for (const [cue, template] of H3_TEMPLATES) {
    for (const [first, last] of H3_NAMES) {
      const text = template.replaceAll('{F}', first).replaceAll('{L}', last);
      const name = cue === 'greeting' ? first : `${first} ${last}`;
      const at = text.indexOf(name);
      add(groups, `name: ${cue}`, true, hits(text, 'person-name', at, at + name.length), '');
    }
  }
  for (const text of H3_ADDRESSES) add(groups, 'address', true, hits(text, 'street-address', 0, text.length), '');
  for (const text of H3_PHONES) add(groups, 'phone', true, hits(text, 'phone', 0, text.length), '');
  for (const [cue, template, fillers] of H3_NEGATIVE_TEMPLATES) for (const x of fillers) add(groups, `no PII: ${cue}`, false, detectPii(template.replaceAll('{X}', x)).length > 0, '');
  for (const text of H3_NEGATIVES) add(groups, 'no PII: prose', false, detectPii(text).length > 0, '');
  const table = referenceRows(groups, { recall: 0.95, fp: 0.05 });
  return {
    title: 'Held-out set 3: international PII (test/eval/heldout3, written after the changes, blind)',
    rows: table,
    notes: ['Totals only: the misses of this set are not printed, so that it stays a blind check (heldout3/SOURCES.md).'],
  };
}
