// Preset test results: failures first, so the one that matters is on screen.
import type { PresetTestCaseResult } from '../../protocol/methods';
import type { WebviewMethods } from '../../protocol/webview';
import { el } from '../components';

export type PolicyTestResult = WebviewMethods['policy/test'][1];

export function testSummary(result: PolicyTestResult): string {
  const total = result.passed + result.failed;
  if (total === 0) return 'This preset has no test cases.';
  return result.failed === 0 ? `All ${total} cases pass.` : `${result.failed} of ${total} cases fail.`;
}

export function failuresFirst(cases: readonly PresetTestCaseResult[]): PresetTestCaseResult[] {
  return [...cases].sort((a, b) => Number(a.passed) - Number(b.passed));
}

export function renderTestResult(result: PolicyTestResult): HTMLElement {
  return el('div', { class: 'test-result' }, [
    el('p', { class: result.failed ? 'test-summary test-failed' : 'test-summary test-passed', text: testSummary(result), attrs: { role: 'status' } }),
    el('ul', { class: 'test-cases', attrs: { 'aria-label': 'Preset test cases' } }, failuresFirst(result.cases).map((c) =>
      el('li', { class: c.passed ? 'case-pass' : 'case-fail' }, [
        el('span', { class: 'case-mark', text: c.passed ? 'pass' : 'FAIL' }),
        el('span', { text: ` ${c.preset} · ${c.name}` }),
        c.diff.length ? el('pre', { class: 'case-diff', text: c.diff.join('\n') }) : null,
      ]),
    )),
  ]);
}
