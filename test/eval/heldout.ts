// npm run eval:detect, third part: the held-out international PII set (test/eval/heldout), built after the
// detectors were changed and never tuned on; the development set is test/eval/extra.
import { detectPii } from '../../daemon/detect/pii';
import { add, missNotes, referenceRows, type Tally } from './extra';
import { HELDOUT_ADDRESSES, HELDOUT_NAMES, HELDOUT_NEGATIVES, HELDOUT_PHONES, HELDOUT_TEMPLATES } from './heldout/pii-heldout';
import type { EvalTable } from './table';

const overlaps = (text: string, type: string, start: number, end: number) => detectPii(text).some((f) => f.type === type && f.start < end && start < f.end);

export function evalHeldoutPii(): EvalTable {
  const groups = new Map<string, Tally>();
  for (const [cue, template, expect] of HELDOUT_TEMPLATES) {
    for (const [area, first, last] of HELDOUT_NAMES) {
      const text = template.replace('{F}', first).replace('{L}', last).replace('{f}', first.toLowerCase()).replace('{l}', last.toLowerCase());
      const name = expect === 'first' ? first : cue === 'title' ? last : `${first} ${last}`;
      const at = text.toLowerCase().indexOf(name.toLowerCase());
      add(groups, `name: ${cue}`, true, at >= 0 && overlaps(text, 'person-name', at, at + name.length), `${area}: ${text}`);
    }
  }
  for (const [form, text] of HELDOUT_ADDRESSES) add(groups, 'address', true, overlaps(text, 'street-address', 0, text.length), `${form}: ${text}`);
  for (const [form, text] of HELDOUT_PHONES) add(groups, 'phone', true, overlaps(text, 'phone', 0, text.length), `${form}: ${text}`);
  for (const text of HELDOUT_NEGATIVES) add(groups, 'no PII', false, detectPii(text).length > 0, text);
  const table = referenceRows(groups, { recall: 0.95, fp: 0.05 });
  return {
    title: 'Held-out set: international PII (test/eval/heldout, never tuned on)',
    rows: table,
    notes: ['Built after this round of detector changes from other public sources (heldout/SOURCES.md) with new templates; scored like the development set.', ...missNotes(groups)],
  };
}
