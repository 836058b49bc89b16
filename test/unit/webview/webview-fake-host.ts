// A stand-in for the VS Code extension inside a plain browser page: defines acquireVsCodeApi, answers the
// webview's requests from fixture records and pushes events. Bundled for the browser by webview-harness.ts.
// Configured by the page URL: ?view=…&count=N&pageSize=N&chunkMs=N&step=1&down=1 (step: each chunk waits for the
// test's `__host.step()` instead of a timer, so "while streaming" is a state, not a race). Saved state lives in sessionStorage,
// so it survives a reload the way VS Code keeps a webview's state across hide/show.
import type { DecisionRecord } from '../../../protocol/record';
import type { PolicySummary, PresetTestCaseResult } from '../../../protocol/methods';
import type { ToExtension, ToWebview } from '../../../protocol/webview';
import { makeRecord, makeRecords } from '../../helpers/records';

type Request = Extract<ToExtension, { kind: 'request' }>;

const url = new URL(location.href);
const num = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
const count = num('count', 120);
const pageSize = num('pageSize', 0);
const chunkMs = num('chunkMs', 40);
const stepped = url.searchParams.get('step') === '1';
const steps: (() => void)[] = [];
let stepsOwed = 0;
/** Resolves when the test allows the next chunk (step mode) or after chunkMs. */
function nextChunk(): Promise<void> {
  if (!stepped) return new Promise((r) => setTimeout(r, chunkMs));
  if (stepsOwed > 0) {
    stepsOwed--;
    return Promise.resolve();
  }
  return new Promise((r) => steps.push(r));
}
const stateKey = `webview-state-${url.searchParams.get('view') ?? 'chat'}`;

/** Keeps the UUIDv7 time prefix, replaces the random tail: the same records on every page load, as a real store. */
function stableId(id: string, i: number): string {
  return `${id.slice(0, 14)}7000-8000-${i.toString(16).padStart(12, '0')}`;
}

/** Newest first, as the daemon lists them. */
let records: DecisionRecord[] = makeRecords(count).map((r, i) => ({ ...r, id: stableId(r.id, i) })).reverse();
const log: ToExtension[] = [];
const streams = new Map<string, { cancelled: boolean }>();

function send(message: ToWebview): void {
  window.postMessage(message, '*');
}
/** When each method's responses were posted (performance.now()), for the benchmark. */
const answeredAt: Record<string, number[]> = {};
const respond = (id: number, result: unknown) => send({ kind: 'response', id, result });
const fail = (id: number, code: string, message: string) => send({ kind: 'response', id, error: { code, message } as never });
const push = (event: string, payload: unknown) => send({ kind: 'event', event, payload } as ToWebview);

function policy(name = 'balanced'): PolicySummary {
  return {
    name,
    version: '1.2.0',
    file: `presets/${name}.yaml`,
    hash: 'a3f1c9'.padEnd(64, '0'),
    id: `${name}@sha256:${'a3f1c9'.padEnd(64, '0')}`,
    source: 'shipped',
    choice: name,
    description: 'Secrets and code stay local; public text may use hosted models.',
    rules: [
      { id: 'secrets-stay-local', description: '', line: 12, plain: 'When the prompt contains a secret, keep it on a local model.' },
      { id: 'block-identity-documents', description: '', line: 26, plain: 'When the prompt contains a passport number, block it.' },
      { id: 'public-text-hosted', description: '', line: 19, plain: 'Otherwise, send it to the cheapest hosted model.' },
    ],
    available: ['balanced', 'strict', 'open', 'regulated'],
  };
}

function kindFor(text: string): Parameters<typeof makeRecord>[0] {
  if (/secret|password|token/i.test(text)) return 'secret-local';
  if (/passport/i.test(text)) return 'pii-blocked';
  return 'public-hosted';
}

function query(params: Record<string, unknown>): { records: DecisionRecord[]; nextCursor: string | null } {
  let list = records.filter((r) =>
    (!params.target || r.route.target === params.target) &&
    (!params.rule || r.rule.id === params.rule) &&
    (!params.provider || r.route.provider === params.provider) &&
    (!params.signalType || r.signals.some((s) => s.type === params.signalType)) &&
    (!params.needsReview || r.review.required) &&
    (!params.text || r.explanation.toLowerCase().includes(String(params.text).toLowerCase())));
  if (params.before) list = list.slice(list.findIndex((r) => r.id === params.before) + 1);
  const size = pageSize || Number(params.limit ?? 50);
  const page = list.slice(0, size);
  return { records: page, nextCursor: list.length > size ? page[page.length - 1]!.id : null };
}

async function stream(req: Extract<Request, { method: 'chat/send' }>): Promise<void> {
  const { requestId, text } = req.params;
  const kind = kindFor(text);
  const planned = makeRecord(kind, count + log.length, { status: 'planned' });
  push('chat/started', { requestId, record: planned });
  if (kind === 'pii-blocked') return respond(req.id, { record: { ...planned, status: 'blocked' }, text: '' });
  if (/no key/i.test(text)) {
    // What airlockd says when every hosted provider lacks a key: one reason per provider.
    return fail(req.id, 'AIRLOCK_E_PROVIDER_AUTH', 'No hosted provider has an API key. openai: no API key set (OPENAI_API_KEY or `airlock keys set openai`). anthropic: no API key set (ANTHROPIC_API_KEY or `airlock keys set anthropic`).');
  }
  const state = { cancelled: false };
  streams.set(requestId, state);
  // ?answer=… streams that text (Markdown tests) in three chunks instead of the default answer.
  const custom = url.searchParams.get('answer');
  const third = custom ? Math.ceil(custom.length / 3) : 0;
  const chunks = custom
    ? [custom.slice(0, third), custom.slice(third, 2 * third), custom.slice(2 * third)]
    : ['Rotate the key first. ', 'Then check the IAM policy ', 'attached to the role.'];
  for (const delta of chunks) {
    await nextChunk();
    if (state.cancelled) return respond(req.id, { record: { ...planned, status: 'cancelled' }, text: '' });
    push('chat/chunk', { requestId, delta });
  }
  const final = { ...planned, status: 'ok' as const };
  records = [final, ...records];
  push('decision/appended', { record: final });
  respond(req.id, { record: final, text: chunks.join('') });
}

const cases: PresetTestCaseResult[] = [
  { preset: 'balanced', name: 'aws key stays local', passed: true, diff: [] },
  { preset: 'balanced', name: 'passport is blocked', passed: false, diff: ['route.target: expected blocked, got local', 'rule: expected block-identity-documents, got secrets-stay-local'] },
];

function handle(req: Request): void {
  switch (req.method) {
    case 'chat/send':
      return void stream(req);
    case 'chat/cancel': {
      const s = streams.get(req.params.requestId);
      if (s) s.cancelled = true;
      // A stream waiting for its next step (step mode) wakes up to see the cancel.
      steps.splice(0).forEach((wake) => wake());
      return respond(req.id, { cancelled: Boolean(s) });
    }
    case 'explain/run':
      return respond(req.id, { record: makeRecord(kindFor(req.params.text), 0, { status: 'planned' }) });
    case 'decision/list': {
      const result = query(req.params as Record<string, unknown>);
      (answeredAt[req.method] ??= []).push(performance.now());
      return respond(req.id, result);
    }
    case 'decision/get': {
      const record = records.find((r) => r.id === req.params.id);
      return record ? respond(req.id, { record, reviews: [] }) : fail(req.id, 'AIRLOCK_E_NOT_FOUND', `No decision record ${req.params.id}.`);
    }
    case 'decision/review':
      return respond(req.id, { review: { recordId: req.params.id, by: 'tester', at: new Date().toISOString(), ...(req.params.note ? { note: req.params.note } : {}) } });
    case 'decision/openRule':
      return respond(req.id, { opened: true });
    case 'policy/get':
      return respond(req.id, policy());
    case 'policy/set':
      return respond(req.id, policy(req.params.policy));
    case 'policy/test':
      return respond(req.id, { passed: 1, failed: 1, cases });
    case 'providers/check':
      return respond(req.id, { ok: false, providers: [
        { name: 'ollama', kind: 'ollama', ok: true, line: 'ollama ok — credentials: none needed (local); streams, first token: llama3.2:3b 212 ms', credentials: { found: true, source: 'none needed (local)' }, endpoint: 'answers', models: [] },
        { name: 'bedrock-eu', kind: 'bedrock', ok: false, line: 'bedrock-eu no credentials — fix: set AWS_PROFILE', credentials: { found: false, source: 'none' }, endpoint: 'not-checked', models: [], fix: 'set AWS_PROFILE' },
      ] });
    case 'policy/replay':
      return respond(req.id, { policy: req.params.policy, against: 'the recorded routes', records: 12, changed: 3, since: '2026-11-22T00:00:00.000Z',
        changes: [{ from: 'hosted', to: 'private', rule: 'default', count: 3, examples: ['rec-1', 'rec-2', 'rec-3'] }], incomplete: [], cost: { before: 0.02, after: 0.01, delta: -0.01, priced: 3 } });
    case 'help/run':
      // Start brings the (fake) daemon up, as a successful launch would.
      if (req.params.action === 'start') push('connection', { state: 'connected', message: '' });
      return respond(req.id, { done: true });
    case 'editor/insert':
      return respond(req.id, { inserted: true });
    case 'editor/apply':
      return respond(req.id, { applied: true, message: `Applied to ${req.params.file ?? 'the active editor'} (unsaved).` });
    case 'decision/openTab':
      return respond(req.id, { opened: true });
  }
}

// The first 'message' listener on the page: runs after the browser has deserialised the data, before the webview's.
const receivedAt: number[] = [];
window.addEventListener('message', (e) => {
  if ((e.data as { kind?: string }).kind === 'response') receivedAt.push(performance.now());
});

const host = {
  log,
  receivedAt,
  answeredAt,
  records: () => records,
  push,
  /** Step mode: lets the next `n` chunks go. */
  step(n = 1) {
    for (let i = 0; i < n; i++) {
      const next = steps.shift();
      if (next) next();
      else stepsOwed++;
    }
  },
  /** Adds a record the way airlockd announces one. */
  append(kind: Parameters<typeof makeRecord>[0]) {
    const record = makeRecord(kind, count + 1000 + log.length);
    records = [record, ...records];
    push('decision/appended', { record });
    return record.id;
  },
};
(window as unknown as Record<string, unknown>).__host = host;
(window as unknown as Record<string, unknown>).acquireVsCodeApi = () => ({
  postMessage(message: ToExtension) {
    log.push(structuredClone(message));
    if (message.kind === 'ready') {
      push('connection', url.searchParams.get('down')
        ? { state: 'down', message: 'connect ECONNREFUSED 127.0.0.1:47611. Start it with `airlock daemon start`.' }
        : { state: 'connected', message: '' });
      push('settings', { attachByDefault: false });
      return;
    }
    setTimeout(() => handle(message), 0);
  },
  getState: () => JSON.parse(sessionStorage.getItem(stateKey) ?? 'null'),
  setState: (state: unknown) => sessionStorage.setItem(stateKey, JSON.stringify(state)),
});
