// LEAK over the corpora: every positive secret, every PII item with an identifying value and every code item in
// ../shared/corpora goes through a real airlockd under `balanced` and `strict`, as typed and embedded in a longer
// public paragraph. Every request the private and hosted simulators receive is checked for every 8-character
// fragment of the sample's labelled values. Known detection gaps are listed in fixtures/leak-known-gaps.json: a leak
// not on that list fails, and so does a listed sample that no longer leaks (the list only shrinks).
// The counts are in docs/security.md (## Leak test); `AIRLOCK_LEAK_REPORT=1` prints them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AirlockError, type DecisionRecord } from '../../../protocol';
import { bodyStrings, corporaPresent, embedInParagraph, leakedFragment, loadLeakSamples, type Corpus, type LeakSample } from '../../helpers/corpora';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true };
const FORMS = { plain: (s: LeakSample) => s.text, embedded: (s: LeakSample) => embedInParagraph(s.text) } as const;
type Form = keyof typeof FORMS;
const KNOWN: Record<string, string[]> = JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/leak-known-gaps.json'), 'utf8')).gaps;

interface Tally { tried: number; nonLocal: number; leaked: number }

const BATCH = 12;

type Client = Awaited<ReturnType<Awaited<ReturnType<typeof startTestDaemon>>['client']>>;

/** Sends one prompt and says whether it was routed to a non-local class. A refused or failed request still names its
 *  record, and its route says where the bytes could have gone: a blocked one (a private key under strict, a
 *  redaction that would not come clean) sent nothing, and a provider failure (a reset simulator connection on a
 *  loaded machine) does not change where the prompt was headed. */
async function sentOut(client: Client, requestId: string, text: string): Promise<boolean> {
  try {
    const { record } = await client.request('chat/send', { requestId, text, facts });
    return record.route.target !== 'local';
  } catch (err) {
    const record = err instanceof AirlockError ? (err.details?.record as DecisionRecord | undefined) : undefined;
    if (!record) throw err;
    return record.status !== 'blocked' && record.route.target !== 'local' && record.route.target !== 'blocked';
  }
}

for (const policy of ['balanced', 'strict'] as const) {
  test(`${policy}: no labelled value of the corpora reaches a non-local simulator`, { skip: !corporaPresent() && 'corpora not found' }, async (t) => {
    const samples = loadLeakSamples();
    const sims = await startSims(t);
    const d = await startTestDaemon(t, { config: simConfig(sims, policy), env: SIM_KEYS });
    const client = await d.client();
    const remote = [...sims.hosted, sims.privateEu];
    const tally = new Map<string, Tally>();
    const leaks: string[] = [];
    let n = 0;
    /** Runs prompts concurrently over the one connection: which went out, and every body the non-local simulators got. */
    const run = async (texts: string[]): Promise<{ out: boolean[]; bodies: string }> => {
      const out = await Promise.all(texts.map((text) => sentOut(client, `leak-${n++}`, text)));
      const bodies = remote.flatMap((s) => s.received).map((r) => bodyStrings(r.body)).join('\n');
      sims.all.forEach((s) => s.reset());
      return { out, bodies };
    };
    for (const form of Object.keys(FORMS) as Form[]) {
      for (let i = 0; i < samples.length; i += BATCH) {
        const batch = samples.slice(i, i + BATCH);
        const { out, bodies } = await run(batch.map((s) => FORMS[form](s)));
        for (const [j, sample] of batch.entries()) {
          const key = `${sample.corpus}/${form}`;
          const row = tally.get(key) ?? { tried: 0, nonLocal: 0, leaked: 0 };
          tally.set(key, row);
          row.tried++;
          // Whatever stayed local reached no simulator of ours but the local one; its check is the local route.
          if (!out[j]) continue;
          row.nonLocal++;
          // A batch's bodies do not say which prompt they came from: a hit that another prompt of the batch could
          // explain (the fragment is in its text) is settled by sending this sample alone.
          let hit = leakedFragment(sample, bodies);
          if (hit !== null && batch.some((other) => other !== sample && other.text.includes(hit as string))) {
            hit = leakedFragment(sample, (await run([FORMS[form](sample)])).bodies);
          }
          if (hit !== null) {
            row.leaked++;
            leaks.push(`${form}:${sample.id}`);
          }
        }
      }
    }
    if (process.env.AIRLOCK_LEAK_REPORT) {
      console.log(JSON.stringify({ policy, tally: Object.fromEntries(tally), leaks }));
    }
    const known = new Set(KNOWN[policy] ?? []);
    const fresh = leaks.filter((l) => !known.has(l));
    const fixed = [...known].filter((l) => !leaks.includes(l));
    assert.deepEqual(fresh, [], `${fresh.length} new leaks under ${policy} (form:sample id)`);
    assert.deepEqual(fixed, [], `${fixed.length} listed gaps no longer leak under ${policy}: remove them from fixtures/leak-known-gaps.json`);
    // The run means something: every corpus was tried in both forms, and public text does leave the machine.
    for (const corpus of ['secrets', 'pii', 'code'] as Corpus[]) for (const form of Object.keys(FORMS)) assert.ok((tally.get(`${corpus}/${form}`)?.tried ?? 0) > 100, `${corpus}/${form} tried`);
    await client.request('chat/send', { requestId: `${policy}-public`, text: embedInParagraph('What does the HTTP 418 status code mean?'), facts });
    assert.ok(remote.some((s) => s.received.length > 0), 'a public prompt reached a non-local simulator');
  });
}
