// Policy view: the active preset, its rules in plain English, switching preset, running the preset's tests.
import type { PolicySummary } from '../../protocol/methods';
import { describePolicy } from '../../protocol/record';
import { button, dropdown, el, fact, progressRing, setChildren } from '../components';
import type { Rpc } from '../rpc';
import { connectionBanner, notice } from '../shared/banner';
import { onReconnected } from '../shared/reconnect';
import { loadPolicyState, patchReducer, Store, type PolicyState } from '../state';
import type { VsCodeApi } from '../vscode';
import { renderProviderChecks } from './providers';
import { replayPanel } from './replay';
import { renderTestResult } from './tests';

function renderSummary(p: PolicySummary, onSwitch: (name: string) => void): HTMLElement {
  // By `choice`, not by the name inside the file: a file calling itself `balanced` must not show as the shipped one.
  const current = p.choice ?? p.name;
  const choices = (p.available.includes(current) ? p.available : [current, ...p.available]).map((n) => ({ value: n, label: n }));
  return el('div', { class: 'policy-summary' }, [
    el('h2', { text: `${p.name} ${p.version}` }),
    p.description ? el('p', { text: p.description }) : null,
    fact('Source', describePolicy(p).origin),
    fact('File', p.file),
    fact('Hash', p.hash.slice(0, 12)),
    // Managed: a machine-wide config sets some keys; locked: no switching at all (the daemon would refuse it).
    p.managed ? fact('Managed by', `${p.managed.file} (${p.managed.keys.join(', ')})`) : null,
    // Words the team vouched for: the sweep never counts them as a possible name, so they may leave the machine.
    p.knownWords?.length ? fact('Known words', p.knownWords.join(', ')) : null,
    p.suspended ? notice(p.suspended.message) : null,
    ...(p.locked
      ? [el('p', { class: 'policy-locked', text: 'This policy is locked by the configuration: it cannot be switched here.' })]
      : [
        el('label', { class: 'switch-label', text: 'Switch preset' }),
        dropdown({ aria: 'Switch preset', value: current, choices, onChange: (name) => name !== current && onSwitch(name) }),
      ]),
    el('h3', { text: `Rules (${p.rules.length}), first match decides` }),
    el('ol', { class: 'rules' }, p.rules.map((r) =>
      el('li', { attrs: { 'data-rule': r.id } }, [el('div', { class: 'rule-id', text: `${r.id} · line ${r.line}` }), el('div', { class: 'rule-plain', text: r.plain })]),
    )),
  ]);
}

export function mountPolicy(root: HTMLElement, rpc: Rpc, host: VsCodeApi): void {
  const store = new Store<PolicyState, Partial<PolicyState>>(loadPolicyState(host.getState()), patchReducer, (s) => host.setState(s));
  const summary = el('div', { attrs: { 'aria-live': 'polite' } }, [progressRing('Loading the policy')]);
  const preview = el('div');
  const message = el('div');
  const results = el('div');
  const runButton = button({ label: 'Run preset tests', onClick: () => void runTests() });
  const checkButton = button({ label: 'Check providers', onClick: () => void checkProviders() });
  const checks = el('div');
  setChildren(root, [connectionBanner(rpc), message, summary, preview, el('div', { class: 'actions' }, [runButton, checkButton]), results, checks]);

  const show = (p: PolicySummary) => setChildren(summary, [renderSummary(p, (name) => showReplay(name, p))]);
  // Choosing another preset first shows what it would have changed (policy/replay); the switch waits for a click.
  const showReplay = (name: string, p: PolicySummary) => setChildren(preview, [replayPanel(name, {
    replay: (policy, days) => rpc.request('policy/replay', { policy, days }),
    confirm: (policy) => {
      preview.replaceChildren();
      void switchTo(policy);
    },
    cancel: () => {
      preview.replaceChildren();
      show(p);
    },
  })]);

  async function switchTo(name: string): Promise<void> {
    setChildren(message, [notice(`Switching to ${name}…`, 'info')]);
    const res = await rpc.request('policy/set', { policy: name });
    setChildren(message, [res.ok ? null : notice(res.error.message)]);
    if (res.ok) {
      store.dispatch({ lastTest: null });
      results.replaceChildren();
      show(res.value);
    }
  }

  async function runTests(): Promise<void> {
    runButton.setAttribute('disabled', '');
    setChildren(results, [progressRing('Running preset tests')]);
    const res = await rpc.request('policy/test', {});
    runButton.removeAttribute('disabled');
    if (!res.ok) return setChildren(results, [notice(res.error.message)]);
    store.dispatch({ lastTest: res.value });
    setChildren(results, [renderTestResult(res.value)]);
  }

  async function checkProviders(): Promise<void> {
    checkButton.setAttribute('disabled', '');
    setChildren(checks, [progressRing('Checking providers')]);
    const res = await rpc.request('providers/check', {});
    checkButton.removeAttribute('disabled');
    setChildren(checks, [res.ok ? renderProviderChecks(res.value) : notice(res.error.message)]);
  }

  rpc.on('policy/changed', ({ policy }) => show(policy));
  const saved = store.get().lastTest;
  if (saved) setChildren(results, [renderTestResult(saved)]);
  const load = () => void rpc.request('policy/get', {}).then((res) => (res.ok ? show(res.value) : setChildren(summary, [notice(res.error.message)])));
  onReconnected(rpc, load);
  load();
}
