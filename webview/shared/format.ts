// Words and numbers shown for a record: pure functions, so the same record always reads the same everywhere.
import { ERRORS, type ErrorValue } from '../../protocol/errors';
import type { DecisionRecord, Route } from '../../protocol/record';

// The route label is the one in protocol/describe.ts (also the status bar's, the chat's and the CLI's).
export { routeLabel as routeBadgeText } from '../../protocol/describe';

function where(route: Route): string {
  const model = route.model ?? route.provider;
  return model ? `${route.target} ${model}` : `a ${route.target} model`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export type PreviewTone = 'blocked' | 'redacted' | 'local' | 'sent';

export interface Preview {
  tone: PreviewTone;
  text: string;
}

/** The dry-run result as one plain-English line: what will happen, then the record's own reason. */
export function previewSentence(record: DecisionRecord): Preview {
  const why = oneLine(record.explanation);
  const { route } = record;
  if (route.target === 'blocked') return { tone: 'blocked', text: `Will be blocked. ${why}` };
  if (record.redactions.length > 0) {
    const labels = [...new Set(record.redactions.map((r) => record.signals.find((s) => s.type === r.type)?.label ?? r.type))];
    const count = record.redactions.length === 1 ? '1 item' : `${record.redactions.length} items`;
    return { tone: 'redacted', text: `Will be redacted (${count}: ${labels.join(', ')}) and sent to ${where(route)}. ${why}` };
  }
  if (route.target === 'local') return { tone: 'local', text: `Will stay local${route.model ? ` (${route.model})` : ''}. ${why}` };
  return { tone: 'sent', text: `Will go to ${where(route)}. ${why}` };
}

/**
 * The error's message plus, for errors the user can fix, what to do (the code's documentation) — unless the message
 * already names the command to run (`ollama serve`, `airlock keys set openai`): then the doc would only repeat it.
 */
export function errorAdvice(error: ErrorValue): string {
  const actionable = new Set(['AIRLOCK_E_LOCAL_UNAVAILABLE', 'AIRLOCK_E_DAEMON_UNREACHABLE', 'AIRLOCK_E_PROVIDER_AUTH', 'AIRLOCK_E_NO_CANDIDATE', 'AIRLOCK_E_KEYCHAIN_LOCKED']);
  const spec = ERRORS[error.code] as { doc: string } | undefined;
  if (!spec || !actionable.has(error.code) || error.message.includes(spec.doc) || /`[^`]+`/.test(error.message)) return error.message;
  return `${error.message} ${spec.doc}`;
}

export function formatMs(ms: number | null): string | null {
  if (ms === null) return null;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatUsd(usd: number | null): string | null {
  if (usd === null) return null;
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toPrecision(2)}` : `$${usd.toFixed(4)}`;
}

export function formatTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The first sentence of a message: an error is said once, its details are one click away. */
export function firstSentence(text: string): string {
  const m = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim());
  return m ? m[0] : text.trim();
}
