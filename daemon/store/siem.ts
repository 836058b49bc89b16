// Decision records in the shapes SIEMs ingest: OCSF JSON (class 6003 API Activity, with the Security Control profile)
// and CEF lines for syslog collectors. Built from the stored record only, and only from fields that never hold prompt
// or answer text: no `prompt.text`, no redaction spans, signals by type. docs/audit.md has the field mapping.
import type { DecisionRecord } from '../../protocol/record';
import type { ExportRow } from './export';

export type SiemFormat = 'jsonl' | 'ocsf' | 'cef';
export const SIEM_FORMATS: readonly SiemFormat[] = ['jsonl', 'ocsf', 'cef'];

export const OCSF_VERSION = '1.3.0';
const API_ACTIVITY = 6003;
const OTHER = 99;

export interface Product {
  version: string;
  /** The machine the records come from (dvchost / src_endpoint.hostname). */
  hostname: string;
}

/** allow: sent as it was; modify: sent with redactions; deny: blocked, nothing sent. */
export type DecisionType = 'allow' | 'deny' | 'modify';
export function decisionType(r: DecisionRecord): DecisionType {
  if (r.route.target === 'blocked' || r.status === 'blocked') return 'deny';
  return r.redactions.length > 0 ? 'modify' : 'allow';
}

/** Distinct signal types, sorted: what was found, never the text. */
export const signalTypes = (r: DecisionRecord): string[] => [...new Set(r.signals.map((s) => `${s.kind}:${s.type}`))].sort();

const ACTION_ID: Record<DecisionType, number> = { allow: 1, deny: 2, modify: 4 };
const SEVERITY_ID: Record<DecisionType, number> = { allow: 1, modify: 2, deny: 3 };

/** One record as an OCSF API Activity event (class 6003, activity Other: "Route"). */
export function toOcsf(r: DecisionRecord, seq: number, product: Product): Record<string, unknown> {
  const type = decisionType(r);
  const failed = r.status === 'error' || r.status === 'cancelled';
  return {
    category_uid: 6,
    category_name: 'Application Activity',
    class_uid: API_ACTIVITY,
    class_name: 'API Activity',
    activity_id: OTHER,
    activity_name: 'Route',
    type_uid: API_ACTIVITY * 100 + OTHER,
    type_name: 'API Activity: Route',
    time: Date.parse(r.createdAt),
    severity_id: SEVERITY_ID[type],
    status_id: failed ? 2 : 1,
    status: failed ? 'Failure' : 'Success',
    status_code: r.status,
    ...(r.error ? { status_detail: r.error.code } : {}),
    action_id: ACTION_ID[type],
    action: type === 'allow' ? 'Allowed' : type === 'deny' ? 'Denied' : 'Modified',
    disposition_id: type === 'deny' ? 2 : 1,
    disposition: type === 'deny' ? 'Blocked' : 'Allowed',
    message: r.explanation,
    ...(r.latencyMs !== null ? { duration: Math.round(r.latencyMs) } : {}),
    metadata: {
      version: OCSF_VERSION,
      profiles: ['security_control'],
      product: { name: 'Airlock', vendor_name: 'Airlock', version: product.version },
      uid: r.id,
      original_time: r.createdAt,
      sequence: seq,
      log_name: 'decisions',
    },
    actor: { app_name: r.facts.surface ?? r.facts.source, ...(r.facts.client?.userAgent ? { user_agent: r.facts.client.userAgent } : {}) },
    api: {
      operation: r.facts.task ?? (r.facts.hook ? 'hook' : 'chat'),
      service: { name: r.route.provider ?? 'none' },
      request: { uid: r.id },
    },
    src_endpoint: { hostname: product.hostname, name: 'airlockd' },
    ...(r.route.provider ? { dst_endpoint: { svc_name: r.route.provider } } : {}),
    policy: { name: r.policy.name, uid: r.policy.id ?? `${r.policy.name}@sha256:${r.policy.hash}`, version: r.policy.version },
    unmapped: {
      route: r.route.target,
      rule: r.rule.id,
      model: r.route.modelId,
      signals: signalTypes(r),
      redactions: r.redactions.length,
      review_required: r.review.required,
      tokens: r.tokens,
      cost_usd: r.costUsd,
      fallbacks: r.fallbacks,
    },
  };
}

// CEF escaping: the header escapes `\` and `|`; extension values escape `\`, `=` and line breaks.
const header = (v: string) => v.replace(/[\\|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
const ext = (v: string) => v.replace(/[\\=]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');

/** One record as a CEF:0 line (no syslog prefix: a collector adds its own). */
export function toCef(r: DecisionRecord, seq: number, product: Product): string {
  const type = decisionType(r);
  const severity = { allow: 3, modify: 5, deny: 7 }[type];
  const fields: [string, string | number | null | undefined][] = [
    ['rt', Date.parse(r.createdAt)],
    ['externalId', r.id],
    ['cnt', seq],
    ['act', type],
    ['outcome', r.status],
    ['app', r.facts.surface ?? r.facts.source],
    ['dvchost', product.hostname],
    ['cs1Label', 'rule'], ['cs1', r.rule.id],
    ['cs2Label', 'route'], ['cs2', r.route.target],
    ['cs3Label', 'policy'], ['cs3', r.policy.id ?? `${r.policy.name}@sha256:${r.policy.hash}`],
    ['cs4Label', 'model'], ['cs4', r.route.modelId],
    ['cs5Label', 'signals'], ['cs5', signalTypes(r).join(',')],
    ['cs6Label', 'provider'], ['cs6', r.route.provider],
    ['cn1Label', 'inputTokens'], ['cn1', r.tokens?.input],
    ['cn2Label', 'outputTokens'], ['cn2', r.tokens?.output],
    ['cn3Label', 'latencyMs'], ['cn3', r.latencyMs === null ? null : Math.round(r.latencyMs)],
    ['cfp1Label', 'costUsd'], ['cfp1', r.costUsd],
    ['msg', r.explanation],
  ];
  const extension = fields.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => `${k}=${ext(String(v))}`).join(' ');
  const head = ['CEF:0', 'Airlock', 'airlockd', product.version, `decision:${r.route.target}`, `Airlock ${type}: ${r.rule.id}`, String(severity)].map((v, i) => (i === 0 ? v : header(v)));
  return `${head.join('|')}|${extension}`;
}

/** An exported entry as one line in `format`; null for entries the format leaves out (reviews, outside jsonl). */
export function formatRow(row: ExportRow, format: SiemFormat, product: Product, jsonl: (row: ExportRow) => string): string | null {
  if (format === 'jsonl') return jsonl(row);
  if (row.kind !== 'record') return null;
  const record = JSON.parse(row.json) as DecisionRecord;
  return format === 'ocsf' ? JSON.stringify(toOcsf(record, row.seq, product)) : toCef(record, row.seq, product);
}
