// What every handler may use: the store, the live settings, keys, the runner, connections and in-flight requests.
import type { DaemonNotification, DaemonNotifications } from '../../protocol/methods';
import type { DecisionRecord } from '../../protocol/record';
import type { KeyStore } from '../providers/keys';
import type { Plan } from '../route/plan';
import type { Scanner } from '../route/scan-pool';
import type { Store } from '../store';
import type { Connection } from './connection';
import type { Logger } from './log';
import type { RecordWriter } from './record-writer';
import type { DaemonState } from './state';
import type { PolicySourceStatus } from '../policy-source';
import type { TelemetryStats } from '../telemetry/exporter';

export interface RunInput {
  requestId: string;
  text: string;
  plan: Plan;
  signal: AbortSignal;
  onDelta: (text: string) => void;
  tools?: import('../../protocol/tools').ToolRequest;
  onToolCall?: (delta: import('../../protocol/tools').ToolCallDelta) => void;
  /** Embed these inputs (route/embed.ts) instead of answering. */
  embed?: { inputs: string[] };
  images?: import('../providers/types').ImageInput[];
}

/** Carries out a planned request (redact, call, retry, fall back, restore, filter); resolves with the final record. */
export interface Runner {
  run(input: RunInput): Promise<{ record: DecisionRecord; text: string; embeddings?: number[][] }>;
  /** Provider health for health/get. */
  health(): Promise<import('../../protocol/methods').ProviderHealth[]>;
}

export interface ServerContext {
  version: string;
  home: string;
  startedAt: number;
  store: Store;
  /** Appends final records with group commit; chat/send answers after its record is durable. */
  records: RecordWriter;
  /** Throws AIRLOCK_E_STORE when a record could not be written now (read-only, disk full). */
  checkStore(): void;
  state: DaemonState;
  keys: KeyStore;
  runner: Runner;
  /** Scans prompts off the event loop, each under a deadline (the worker pool). */
  scan: Scanner;
  log: Logger;
  now: () => Date;
  /** requestId → its abort controller, while chat/send runs. */
  inflight: Map<string, AbortController>;
  broadcast<N extends DaemonNotification>(method: N, params: DaemonNotifications[N]): void;
  /** The port the listener is on (0 before it listens). */
  port(): number;
  /** Ends the daemon (after the current response is sent). */
  shutdown(): void;
  /** The OpenTelemetry exporter's counters, or null when export is off. */
  telemetry?: () => TelemetryStats | null;
  /** The remote policy source's state (policy-source/), or null when the config names none. */
  policySource?: () => PolicySourceStatus | null;
}

export type HandlerFactory<P, R> = (ctx: ServerContext) => (params: P, conn: Connection) => Promise<R>;
