// npm run eval:detect, the sweep (detect/sweep, what `strict` redacts by allowlist): how many PII samples it closes
// (no 8-character fragment of a labelled value left after masking, the leak test's measure), and what it costs: the
// share of public technical paragraphs in which it replaces something. The rust-book paragraphs were looked at while
// the sweep was built (its developer words come from reading their misses); the package READMEs were not.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { detectPii } from '../../daemon/detect/pii';
import { sweep } from '../../daemon/detect/sweep';
import { loadPolicy } from '../../daemon/policy/load';
import type { Condition } from '../../daemon/policy/schema';
import { WEAK_SIGNAL_TYPES } from '../../protocol';
import { fragments, loadLeakSamples } from '../helpers/corpora';
import { HELDOUT_ADDRESSES, HELDOUT_NAMES, HELDOUT_NEGATIVES, HELDOUT_PHONES } from './heldout/pii-heldout';
import { H2_ADDRESSES, H2_NAMES, H2_NEGATIVES, H2_PHONES } from './heldout2/pii-heldout2';
import { H3_ADDRESSES, H3_NAMES, H3_NEGATIVES, H3_PHONES } from './heldout3/pii-heldout3';
import { H4_NEGATIVES } from './heldout4/pii-heldout4';
import { DEV_QUESTIONS } from './devq/questions';
import { readJsonl, type EvalRow, type EvalTable } from './table';

/**
 * Sentences with a name and no cue at all (no greeting, title, "named", verb of speech): new wordings written for
 * the sweep, filled with the held-out sets' names (other public sources, each held-out folder's SOURCES.md), which the sweep was
 * never run on while it was built.
 */
const NO_CUE: readonly string[] = [
  'Why did {F} {L} skip the design review?',
  'Is {L} right about the cache eviction order?',
  'The new laptop goes to {F} {L} on Monday.',
  'We still owe {L} an answer on the refund.',
  'Compare the two drafts, mine and {F} {L}\'s, and pick the clearer one.',
];

function masked(text: string, swept: boolean): string {
  const spans = [...detectPii(text), ...(swept ? sweep(text) : [])].sort((a, b) => b.start - a.start);
  let out = text;
  for (const f of spans) out = `${out.slice(0, f.start)}[X]${out.slice(f.end)}`;
  return out;
}

/** Prose paragraphs of a README: no code fences, tables, lists or headings. */
function proseParagraphs(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '\n\n');
  const out: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const p = para.trim();
    if (p.length < 80 || /^[#|*\->!<[\d]/.test(p) || p.split(/\s+/).length < 12 || /[{};]\s*$/.test(p)) continue;
    out.push(p);
  }
  return out;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** README prose of the package's runtime dependencies. */
function readmeParagraphs(): string[] {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const deps = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies).sort();
  return deps.flatMap((dep) => {
    let file: string;
    try {
      file = path.join(path.dirname(require.resolve(`${dep}/package.json`)), 'README.md');
    } catch {
      return []; // a package that does not export its package.json
    }
    return existsSync(file) ? proseParagraphs(file) : [];
  });
}

/**
 * README prose of every other package under node_modules (transitive and dev dependencies): a second set, never looked
 * at, measured first after the software names were written.
 */
function transitiveReadmeParagraphs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const runtime = new Set(Object.keys(pkg.dependencies));
  const modules = path.join(ROOT, 'node_modules');
  const names = readdirSync(modules).flatMap((n) => (n.startsWith('@') ? readdirSync(path.join(modules, n)).map((m) => `${n}/${m}`) : n.startsWith('.') ? [] : [n]));
  return names.filter((n) => !runtime.has(n)).sort().flatMap((n) => {
    const file = path.join(modules, n, 'README.md');
    return existsSync(file) ? proseParagraphs(file) : [];
  });
}

/**
 * Prose of the Markdown files under node_modules other than READMEs and licences (changelogs, docs), three folders
 * deep: a third cost set, measured first after the lowercase rule (a name typed in lowercase) was designed.
 */
function otherMarkdownParagraphs(): string[] {
  const files: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 3) return;
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const file = path.join(dir, name);
      let stat;
      try {
        stat = statSync(file);
      } catch {
        continue; // a dangling link
      }
      if (stat.isDirectory()) walk(file, depth + 1);
      else if (/\.md$/i.test(name) && !/^readme\.md$/i.test(name) && !/licen[cs]e/i.test(name)) files.push(file);
    }
  };
  walk(path.join(ROOT, 'node_modules'), 0);
  return files.flatMap(proseParagraphs);
}

/** Share of texts whose values (every 8-character fragment) are all gone after masking. */
function coveredRow(label: string, cases: ReadonlyArray<{ text: string; values: string[] }>, swept: boolean): EvalRow {
  const covered = cases.filter(({ text, values }) => { const m = masked(text, swept); return !values.some((v) => fragments(v).some((f) => m.includes(f))); }).length;
  return { label, n: cases.length, recall: covered / Math.max(1, cases.length) };
}

function heldoutCases(): { names: Array<{ text: string; values: string[] }>; lowerNames: Array<{ text: string; values: string[] }>; contacts: Array<{ text: string; values: string[] }>; negatives: string[] } {
  const people: Array<[string, string]> = [...HELDOUT_NAMES.map(([, f, l]) => [f, l] as [string, string]), ...H2_NAMES.map(([, f, l]) => [f, l] as [string, string]), ...H3_NAMES];
  const names = NO_CUE.flatMap((t) => people.map(([f, l]) => {
    const text = t.replace('{F}', f).replace('{L}', l);
    return { text, values: t.includes('{F}') ? [`${f} ${l}`] : [l] };
  }));
  // The same sentences with the names typed in lowercase, as people do in chat: the sentence stays capitalised.
  const lowerNames = NO_CUE.flatMap((t) => people.map(([f, l]) => {
    const [lf, ll] = [f.toLowerCase(), l.toLowerCase()];
    return { text: t.replace('{F}', lf).replace('{L}', ll), values: t.includes('{F}') ? [`${lf} ${ll}`] : [ll] };
  }));
  // The sets mark no spans: the value is the text from its first digit on (house number or phone number, then the
  // rest of the address), which `strict` must not let through in part. Words before the number are not counted.
  const contacts = [...HELDOUT_ADDRESSES, ...H2_ADDRESSES, ...HELDOUT_PHONES, ...H2_PHONES].map(([, text]) => text).concat(H3_ADDRESSES, H3_PHONES)
    .map((text) => ({ text, values: [text.slice(Math.max(0, text.search(/\d/)))] }));
  return { names, lowerNames, contacts, negatives: [...HELDOUT_NEGATIVES, ...H2_NEGATIVES, ...H3_NEGATIVES, ...H4_NEGATIVES] };
}

function costRow(label: string, paragraphs: readonly string[], notes: string[]): EvalRow {
  const words = new Map<string, number>();
  let hit = 0;
  let total = 0;
  let found = 0;
  for (const p of paragraphs) {
    const f = sweep(p);
    total += p.split(/\s+/).length;
    found += f.length;
    if (f.length) hit++;
    for (const x of f) words.set(p.slice(x.start, x.end), (words.get(p.slice(x.start, x.end)) ?? 0) + 1);
  }
  const top = [...words].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([w, n]) => `${w} ×${n}`).join(', ');
  notes.push(`${label}: ${(1000 * found / Math.max(1, total)).toFixed(1)} replacements per 1,000 words; most often: ${top}`);
  return { label, n: paragraphs.length, falsePositiveRate: hit / Math.max(1, paragraphs.length) };
}

/** The weak types `balanced` keeps local on, read from the preset itself. */
function balancedWeakTypes(): Set<string> {
  const policy = loadPolicy('balanced');
  const named = (c: Condition | undefined): string[] => (c ? [...(c.signal?.type ?? []), ...[...(c.all ?? []), ...(c.any ?? [])].flatMap(named)] : []);
  return new Set(policy.rules.filter((r) => r.route === 'local').flatMap((r) => named(r.when)).filter((t) => WEAK_SIGNAL_TYPES.has(t)));
}

/** What `balanced` keeps local on the sweep alone, in text with no PII a detector recognises. */
function keptLocalRow(label: string, texts: readonly string[], notes: string[]): EvalRow {
  const types = balancedWeakTypes();
  const words = new Map<string, number>();
  let hit = 0;
  for (const t of texts) {
    const f = sweep(t).filter((x) => types.has(x.type));
    if (f.length) hit++;
    for (const x of f) words.set(t.slice(x.start, x.end), (words.get(t.slice(x.start, x.end)) ?? 0) + 1);
  }
  const top = [...words].sort((a, b) => b[1] - a[1]);
  notes.push(`${label}: ${top.slice(0, 15).map(([w, n]) => `${w} ×${n}`).join(', ')}${top.length > 15 ? ` (+${top.length - 15} more)` : ''}`);
  return { label, n: texts.length, falsePositiveRate: hit / Math.max(1, texts.length) };
}

export function evalSweep(): EvalTable {
  const pii = loadLeakSamples().filter((s) => s.corpus === 'pii');
  const leaks = (swept: boolean) => pii.filter((s) => { const m = masked(s.text, swept); return s.values.some((v) => fragments(v).some((f) => m.includes(f))); }).length;
  const before = leaks(false);
  const after = leaks(true);
  const notes: string[] = [
    'Recall here: PII samples with no fragment of a labelled value left after masking (detectors only, then detectors and the sweep). "FP rate" of a prose row: the share of its paragraphs in which the sweep replaces at least one word; under `strict` those words reach the private model as placeholders (and come back restored in the answer), they do not change the route. The "balanced keeps local" rows: the share of texts that `balanced` keeps on the local model because of the findings of the sweep alone (every weak type its `pii-stays-local` names), not for code, secrets or recognised personal data.',
  ];
  const readmes = readmeParagraphs();
  const transitive = transitiveReadmeParagraphs();
  const markdown = otherMarkdownParagraphs();
  const prose = readJsonl<{ text: string; label: string; source: string }>('code.jsonl').filter((d) => d.label === 'prose' && d.source === 'rust-book').map((d) => d.text);
  const rows: EvalRow[] = [
    { label: 'shared PII samples covered whole, detectors only', n: pii.length, recall: 1 - before / pii.length },
    { label: 'shared PII samples covered whole, detectors + sweep', n: pii.length, recall: 1 - after / pii.length },
    costRow('rust-book prose paragraphs (looked at while building)', prose, notes),
    costRow('rust-book prose typed in lowercase', prose.map((p) => p.toLowerCase()), notes),
    costRow('README prose of the runtime dependencies (held out at first; its top words seen before the software names were written)', readmes, notes),
    costRow('README prose of the other packages under node_modules (held out until the lowercase rule was designed)', transitive, notes),
    costRow('held-out: prose of the other Markdown files under node_modules (changelogs, docs; not looked at)', markdown, notes),
  ];
  const held = heldoutCases();
  rows.push(
    coveredRow('held-out: names with no cue covered whole, detectors only', held.names, false),
    coveredRow('held-out: names with no cue covered whole, detectors + sweep', held.names, true),
    coveredRow('held-out: the same names typed in lowercase in a capitalised sentence, detectors only', held.lowerNames, false),
    coveredRow('held-out: the same names typed in lowercase in a capitalised sentence, detectors + sweep', held.lowerNames, true),
    coveredRow('held-out: addresses and phones from the first digit on, covered whole, detectors only', held.contacts, false),
    coveredRow('held-out: addresses and phones from the first digit on, covered whole, detectors + sweep', held.contacts, true),
    costRow('held-out: the held-out sets\' sentences without PII (sets 1-4)', held.negatives, notes),
    keptLocalRow('balanced keeps local on the sweep alone: rust-book prose', prose, notes),
    keptLocalRow('balanced keeps local on the sweep alone: rust-book prose typed in lowercase', prose.map((p) => p.toLowerCase()), notes),
    keptLocalRow('balanced keeps local on the sweep alone: README prose of the runtime dependencies', readmes, notes),
    keptLocalRow('balanced keeps local on the sweep alone: README prose of the other packages', transitive, notes),
    keptLocalRow('balanced keeps local on the sweep alone: held-out prose of the other Markdown files', markdown, notes),
    keptLocalRow('balanced keeps local on the sweep alone: held-out sentences without PII', held.negatives, notes),
    keptLocalRow('balanced keeps local on the sweep alone: held-out developer questions (test/eval/devq, written for it)', DEV_QUESTIONS, notes),
  );
  return { title: 'The sweep: what no dictionary vouches for (detect/sweep): strict redacts it, balanced keeps it local', rows, notes };
}
