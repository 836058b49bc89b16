// Measures detectPii on the labelled PII corpus (sentence and span recall per type) and its false alarms
// on PII-free sentences and on prose from the Rust book. Side-effect free: returns the table.
import { detectPii } from '../../daemon/detect/pii';
import type { Finding } from '../../daemon/detect/finding';
import { readJsonl, type EvalRow, type EvalTable } from './table';

interface PiiSample {
  id: string;
  text: string;
  has_pii: boolean;
  /** [start, end, entity] in Unicode code points. */
  spans: [number, number, string][];
}

interface CodeSample {
  text: string;
  label: 'code' | 'prose';
  source: string;
}

/** Corpus entity -> detector type, with the span-recall target the brief sets (undefined: reported only). */
const TYPE_MAP: Record<string, { type: string; target?: number }> = {
  EMAIL_ADDRESS: { type: 'email', target: 0.97 },
  PHONE_NUMBER: { type: 'phone', target: 0.97 },
  CREDIT_CARD: { type: 'credit-card', target: 0.97 },
  IBAN_CODE: { type: 'iban', target: 0.97 },
  US_SSN: { type: 'us-ssn', target: 0.97 },
  IP_ADDRESS: { type: 'ip-address', target: 0.97 },
  PERSON: { type: 'person-name', target: 0.8 },
  STREET_ADDRESS: { type: 'street-address' },
  US_DRIVER_LICENSE: { type: 'us-driver-license' },
};

/** Python code-point offset -> JavaScript UTF-16 offset. */
function utf16Offsets(text: string): (cp: number) => number {
  const map: number[] = [];
  let unit = 0;
  for (const ch of text) {
    map.push(unit);
    unit += ch.length;
  }
  map.push(unit);
  return (cp) => map[cp] ?? unit;
}

const overlaps = (f: Finding, start: number, end: number) => f.start < end && start < f.end;

function ratio(hit: number, n: number): number {
  return n === 0 ? 0 : hit / n;
}

function row(label: string, n: number, value: number, key: 'recall' | 'falsePositiveRate', target?: number): EvalRow {
  const r: EvalRow = { label, n, [key]: value };
  if (target !== undefined) {
    r.target = key === 'recall' ? `recall >= ${target}` : `FP rate <= ${target}`;
    r.met = key === 'recall' ? value >= target : value <= target;
  }
  return r;
}

export async function evalPii(): Promise<EvalTable> {
  const samples = readJsonl<PiiSample>('pii.jsonl');
  const prose = readJsonl<CodeSample>('code.jsonl').filter((s) => s.label === 'prose' && s.source === 'rust-book');

  let positives = 0;
  let found = 0;
  let negatives = 0;
  let falseAlarms = 0;
  const spanTotals = new Map<string, { n: number; hit: number }>();
  const typeFindings = new Map<string, { n: number; matched: number }>();

  for (const s of samples) {
    const findings = detectPii(s.text);
    if (s.has_pii) {
      positives++;
      if (findings.length) found++;
    } else {
      negatives++;
      if (findings.length) falseAlarms++;
    }
    const at = utf16Offsets(s.text);
    const gold = s.spans.map(([a, b, e]) => ({ start: at(a), end: at(b), type: TYPE_MAP[e]?.type }));
    for (const g of gold) {
      if (!g.type) continue;
      const t = spanTotals.get(g.type) ?? { n: 0, hit: 0 };
      t.n++;
      if (findings.some((f) => f.type === g.type && overlaps(f, g.start, g.end))) t.hit++;
      spanTotals.set(g.type, t);
    }
    for (const f of findings) {
      const t = typeFindings.get(f.type) ?? { n: 0, matched: 0 };
      t.n++;
      if (gold.some((g) => g.type === f.type && overlaps(f, g.start, g.end))) t.matched++;
      typeFindings.set(f.type, t);
    }
  }

  const proseAlarms = prose.filter((p) => detectPii(p.text).length > 0).length;

  const rows: EvalRow[] = [
    row('sentences with PII (has_pii=true)', positives, ratio(found, positives), 'recall', 0.95),
    ...Object.values(TYPE_MAP).map(({ type, target }) => {
      const t = spanTotals.get(type) ?? { n: 0, hit: 0 };
      const r = row(`span: ${type}`, t.n, ratio(t.hit, t.n), 'recall', target);
      const p = typeFindings.get(type);
      if (p) r.precision = ratio(p.matched, p.n);
      return r;
    }),
    row('sentences without PII (has_pii=false)', negatives, ratio(falseAlarms, negatives), 'falsePositiveRate'),
    row('rust-book prose', prose.length, ratio(proseAlarms, prose.length), 'falsePositiveRate'),
  ];
  return {
    title: 'PII detector (detectPii)',
    rows,
    notes: [
      'Sentence recall: a has_pii sentence counts as found when any PII finding is returned. Span recall: a gold span counts when a finding of the mapped type overlaps it.',
      'Span precision: share of findings of that type overlapping a gold span of the same type (corpus labels are noisy, so it is a lower bound).',
      'Person names come from @faker-js/faker name lists; the corpus was generated with (Python) Faker too, so person-name recall here is optimistic for real text.',
    ],
  };
}
