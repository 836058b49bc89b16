// At rest, over the corpora: whatever the scan finds in a request is in no form of the stored prompt — not the span
// it was found at, nor any other copy of the value (glued into a word, repeated where the detector missed it).
// Secrets under every storage setting; personal data under `redacted`. Each sample alone and embedded in a paragraph.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PromptStorage, RequestFacts } from '../../../protocol';
import { scan } from '../../../daemon/detect';
import { storedRequest } from '../../../daemon/route/at-rest';
import { readJsonl } from '../../eval/table';
import { corporaPresent } from '../../helpers/corpora';

const facts: RequestFacts = { source: 'chat', interactive: true };
const lines = (file: string) => readJsonl<{ id: string; text: string; label?: boolean; has_pii?: boolean }>(file);
const PARAGRAPH = (text: string) => `I was reading the notes from yesterday's meeting and found this:\n${text}\nCan you tell me what it means? Thanks.`;

async function leaks(text: string, storage: PromptStorage): Promise<string[]> {
  const found = await scan(text, facts);
  const kinds = storage === 'full' ? ['secret'] : ['secret', 'pii'];
  // Values shorter than 4 characters (an age, an initial) can recur inside any word or placeholder; they are masked
  // where found and wherever else they occur, but "absent from the text" cannot be asserted for them.
  const values = found.signals.filter((s) => kinds.includes(s.kind)).filter((s) => s.end - s.start >= 4);
  const stored = (await storedRequest(text, found, facts, storage)).prompt.text ?? '';
  // A name is masked as a whole word ("Ann" must not turn "Annual" into a placeholder): it must not stand as a word;
  // any other value must not stand anywhere, glued into a word or not.
  const present = (s: (typeof values)[number]): boolean => {
    const v = text.slice(s.start, s.end);
    if (s.type !== 'person-name') return stored.includes(v);
    return new RegExp(`(?<![\\p{L}\\p{N}])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(stored);
  };
  return [...new Set(values.filter(present).map((s) => text.slice(s.start, s.end)))];
}

for (const [file, positive] of [['secrets.jsonl', (r: { label?: boolean }) => r.label === true], ['pii.jsonl', (r: { has_pii?: boolean }) => r.has_pii === true]] as const) {
  test(`${file}: no value the scan found is stored, under redacted and full`, { skip: !corporaPresent() && 'corpora not found' }, async () => {
    const samples = lines(file).filter(positive);
    const failures: string[] = [];
    for (const s of samples) {
      for (const storage of ['redacted', 'full'] as const) {
        for (const text of [s.text, PARAGRAPH(s.text)]) {
          for (const v of await leaks(text, storage)) failures.push(`${s.id} ${storage}: ${JSON.stringify(v).slice(0, 60)}`);
        }
      }
    }
    assert.deepEqual(failures, [], `${failures.length} stored values in ${samples.length} samples`);
  });
}
