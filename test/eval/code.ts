// Code-vs-prose evaluation of detectCode on code.jsonl (rust-book listings and prose, synthetic PII sentences).
import { detectCode } from '../../daemon/detect/code';
import { readJsonl, type EvalRow, type EvalTable } from './table';

interface CodeSample {
  id: string;
  text: string;
  label: 'code' | 'prose';
  lang: string | null;
  source: string;
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

export async function evalCode(): Promise<EvalTable> {
  const samples = readJsonl<CodeSample>('code.jsonl');
  let truePos = 0, falsePos = 0, codeN = 0, proseN = 0, rustN = 0, rustRight = 0;
  const bySource = new Map<string, { n: number; right: number }>();
  for (const s of samples) {
    const summary = detectCode(s.text);
    const isCode = s.label === 'code';
    const right = summary.isCode === isCode;
    if (isCode) {
      codeN++;
      if (summary.isCode) truePos++;
    } else {
      proseN++;
      if (summary.isCode) falsePos++;
    }
    if (s.lang === 'Rust') {
      rustN++;
      if (summary.language === 'rust') rustRight++;
    }
    const src = bySource.get(s.source) ?? { n: 0, right: 0 };
    src.n++;
    if (right) src.right++;
    bySource.set(s.source, src);
  }
  const accuracy = ratio(truePos + proseN - falsePos, samples.length);
  const rows: EvalRow[] = [
    { label: 'all (code vs prose)', n: samples.length, accuracy, precision: ratio(truePos, truePos + falsePos), recall: ratio(truePos, codeN), falsePositiveRate: ratio(falsePos, proseN), target: 'accuracy >= 0.97', met: accuracy >= 0.97 },
    { label: 'code recall', n: codeN, recall: ratio(truePos, codeN) },
    { label: 'prose recall (kept as prose)', n: proseN, recall: ratio(proseN - falsePos, proseN) },
    { label: 'language = rust on Rust samples', n: rustN, accuracy: ratio(rustRight, rustN) },
    ...[...bySource].map(([source, v]) => ({ label: `source ${source}`, n: v.n, accuracy: ratio(v.right, v.n) })),
  ];
  return { title: 'Code detector (code.jsonl)', rows, notes: ['A sample is predicted code iff detectCode(text).isCode.'] };
}
