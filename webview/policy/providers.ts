// The provider doctor's result in the Policy view: one line per provider, as `airlock providers check` prints it,
// failures first.
import type { WebviewMethods } from '../../protocol/webview';
import { el } from '../components';

export type ProviderCheckResult = WebviewMethods['providers/check'][1];

export function renderProviderChecks(result: ProviderCheckResult): HTMLElement {
  const failed = result.providers.filter((p) => !p.ok).length;
  const summary = result.providers.length === 0 ? 'No providers are configured.' : failed === 0 ? `All ${result.providers.length} providers work.` : `${failed} of ${result.providers.length} providers fail.`;
  const ordered = [...result.providers].sort((a, b) => Number(a.ok) - Number(b.ok));
  return el('div', { class: 'provider-checks' }, [
    el('p', { class: failed ? 'test-summary test-failed' : 'test-summary test-passed', text: summary, attrs: { role: 'status' } }),
    el('ul', { class: 'test-cases', attrs: { 'aria-label': 'Provider checks' } }, ordered.map((p) =>
      el('li', { class: p.ok ? 'case-pass provider-check' : 'case-fail provider-check', attrs: { 'data-provider': p.name } }, [
        el('span', { class: 'case-mark', text: p.ok ? 'ok' : 'FAIL' }),
        el('span', { text: ` ${p.line}` }),
      ]),
    )),
  ]);
}
