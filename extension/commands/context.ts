// What every command factory gets: the daemon, the views, the editor tracker, the daemon log. Commands are
// `(ctx) => handler` so main.ts only wires them and each one is a small file.
import type * as vscode from 'vscode';
import type { ClientMethod, ClientResults, ParamsOf, PolicySummary } from '../../protocol/methods';
import type { ViewId } from '../../protocol/webview';
import type { EditorTracker } from '../views/editor-context';
import type { AirlockViewProvider } from '../views/provider';

export interface CommandContext {
  request<M extends ClientMethod>(method: M, params: ParamsOf<M>): Promise<ClientResults[M]>;
  views: Record<ViewId, AirlockViewProvider>;
  editors: EditorTracker;
  daemonLog: vscode.LogOutputChannel;
  switchPolicy(policy: string): Promise<PolicySummary>;
  /** Opens a preset file (relative to the extension, as records name them) at a rule's line. */
  openRule(file: string, line: number): Promise<boolean>;
  /** Opens a decision's detail in an editor tab. */
  openDecisionTab(id: string): boolean;
  /** Shows an error value to the user, with the daemon log one click away. */
  showError(err: unknown): Promise<void>;
}

export type CommandFactory = (ctx: CommandContext) => (...args: unknown[]) => Promise<void> | void;
