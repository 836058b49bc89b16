// What the chat integration needs from the rest of the extension: the daemon connection's public request API, its
// notifications, and a way to open a decision record in the Decisions view.
import type { ClientMethod, ClientResults, DaemonNotification, DaemonNotifications, ParamsOf } from '../../protocol/methods';

export interface ChatDeps {
  /** The connection's request; `timeoutMs` overrides its default (an answer may stream for minutes). */
  request<M extends ClientMethod>(method: M, params: ParamsOf<M>, timeoutMs?: number): Promise<ClientResults[M]>;
  onNotification(listener: <N extends DaemonNotification>(method: N, params: DaemonNotifications[N]) => void): { dispose(): void };
  /** Each time the connection to airlockd is (re)established. */
  onConnected(listener: () => void): { dispose(): void };
  /** Reveals the Decisions view on this record. */
  openDecision(id: string): Promise<void>;
  storePrompts(): 'none' | 'redacted' | 'full';
  /** The airlock.chatClassModels setting: list the class entries in the model picker too. */
  showClassModels(): boolean;
  /** A line in the Airlock output channel. */
  log(line: string): void;
}

/** The vendor of Airlock's models in VS Code's model picker (package.json contributes.languageModelChatProviders). */
export const VENDOR = 'airlock';
/** @airlock (package.json contributes.chatParticipants). */
export const PARTICIPANT_ID = 'airlock.airlock';
export const PARTICIPANT_COMMANDS = ['why', 'explain', 'policy'] as const;

/** The command a route line links to; internal (not in the palette), so not contributed. */
export const OPEN_DECISION_COMMAND = 'airlock.openDecision';
