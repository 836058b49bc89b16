// `airlock policy test --reporter junit|tap|json`: the same results in the formats CI systems read (JUnit XML for
// GitHub/GitLab/Jenkins test panes, TAP 13 for TAP consumers, JSON for scripts).
import type { CaseResult } from './test-runner';

export const REPORTERS = ['text', 'junit', 'tap', 'json'] as const;
export type Reporter = (typeof REPORTERS)[number];

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // Characters XML 1.0 forbids (controls other than tab, newline, carriage return) cannot appear even escaped.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\uFFFD');

export function junit(results: readonly CaseResult[]): string {
  const byPreset = new Map<string, CaseResult[]>();
  for (const r of results) byPreset.set(r.preset, [...(byPreset.get(r.preset) ?? []), r]);
  const suites = [...byPreset].map(([preset, cases]) => {
    const failed = cases.filter((c) => !c.passed).length;
    const body = cases.map((c) => {
      const open = `    <testcase classname="${xml(preset)}" name="${xml(c.name)}" file="${xml(c.file)}" line="${c.line}"`;
      return c.passed ? `${open}/>` : `${open}>\n      <failure message="${xml(c.diff[0] ?? 'failed')}">${xml(c.diff.join('\n'))}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(preset)}" tests="${cases.length}" failures="${failed}">\n${body.join('\n')}\n  </testsuite>`;
  });
  const failures = results.filter((r) => !r.passed).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="airlock policy test" tests="${results.length}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export function tap(results: readonly CaseResult[]): string {
  const lines = ['TAP version 13', `1..${results.length}`];
  results.forEach((r, i) => {
    // `#` starts a TAP directive: escaped in the description.
    lines.push(`${r.passed ? 'ok' : 'not ok'} ${i + 1} - ${`${r.preset} › ${r.name}`.replace(/#/g, '\\#')}`);
    if (!r.passed) lines.push('  ---', `  at: ${JSON.stringify(`${r.file}:${r.line}`)}`, '  diff:', ...r.diff.map((d) => `    - ${JSON.stringify(d)}`), '  ...');
  });
  return `${lines.join('\n')}\n`;
}

/** A readable report: one line per case, the differences indented under failures. */
export function formatResults(results: readonly CaseResult[]): string {
  const lines = results.map((r) => {
    const head = `${r.passed ? 'ok  ' : 'FAIL'} ${r.preset} › ${r.name}${r.passed ? '' : `  (${r.file}:${r.line})`}`;
    return [head, ...r.diff.map((d) => `       ${d}`)].join('\n');
  });
  const failed = results.filter((r) => !r.passed).length;
  return `${lines.join('\n')}\n${results.length - failed} passed, ${failed} failed`;
}
