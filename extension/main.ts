// Airlock's VS Code side: wiring only. The daemon connection, the three sidebar views, the commands and the status
// bar are built elsewhere; this file connects them and follows settings changes.
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { toErrorValue } from '../protocol/errors';
import type { ClientMethod, ClientResults, DaemonNotification, DaemonNotifications, ParamsOf, PolicySummary } from '../protocol/methods';
import type { HelpAction, ExtensionEvent, ExtensionEvents, ToWebview, ViewId } from '../protocol/webview';
import { registerAirlockChat } from './chat/index';
import { COMMANDS } from './commands';
import type { CommandContext } from './commands/context';
import { readProxySettings, readSettings, type AirlockSettings } from './config';
import { DaemonConnection, type ConnectionState } from './daemon/connection';
import { airlockHome } from '../protocol/node/home';
import { DaemonLauncher, launchOutputFile } from './daemon/launcher';
import { releaseLease, takeLease } from './daemon/lease';
import { chooseRuntime, readNativeManifest } from './daemon/runtime';
import { LogFollower } from './daemon/log-follower';
import { writeDaemonLog } from './daemon/log-levels';
import { providerWords } from './describe';
import { AirlockStatus } from './status';
import { ApplyFlow } from './views/apply';
import { DecisionPanels } from './views/decision-panel';
import { EditorTracker } from './views/editor-context';
import { AirlockViewProvider, VIEW_IDS } from './views/provider';
import { createHandlers } from './views/router';

const VIEWS: ViewId[] = ['chat', 'decisions', 'policy'];
const OLLAMA_HELP = 'https://github.com/ollama/ollama/blob/main/README.md#quickstart';
/** The home this window holds a daemon lease in (released in deactivate). */
let leaseHome: string | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const activatedAt = performance.now();
  // A levelled log (the user picks the level in the Output view); the daemon's JSON lines are mapped onto it.
  const channel = vscode.window.createOutputChannel('Airlock', { log: true });
  const log = (line: string) => channel.info(line);
  const { settings: initial, problems } = readSettings();
  let settings: AirlockSettings = initial;
  for (const problem of problems) void vscode.window.showWarningMessage(`Airlock: ${problem}`);

  const home = airlockHome();
  const follower = new LogFollower([path.join(home, 'airlockd.log'), launchOutputFile(home)], (text) => writeDaemonLog(channel, text));
  follower.start();
  try {
    takeLease(home);
    leaseHome = home;
  } catch (err) {
    log(`could not take a daemon lease in ${home}: ${(err as Error).message}`);
  }
  const runtime = chooseRuntime({ nodePath: settings.nodePath, native: readNativeManifest(context.extensionPath), execPath: process.execPath, abi: process.versions.modules });
  if (runtime.ok) log(`airlockd, when this window starts it, runs on ${runtime.runtime.describe}`);
  const launcher = new DaemonLauncher({
    extensionPath: context.extensionPath,
    nodePath: runtime.ok ? runtime.runtime.command : '',
    runAsNode: runtime.ok && runtime.runtime.runAsNode,
    ...(runtime.ok ? {} : { unavailable: runtime.problem }),
    home, log, proxy: readProxySettings(),
  });

  // Finds the daemon the way the CLI does (its socket, its state file, the config; the setting last). Launching
  // happens inside the connection, which turns every failure (also a thrown one) into a "down" state with the reason.
  const connection: DaemonConnection = new DaemonConnection({
    home,
    fallbackPort: settings.daemonPort,
    log,
    launch: () => launcher.ensureStarted(),
  });
  const request = <M extends ClientMethod>(method: M, params: ParamsOf<M>): Promise<ClientResults[M]> => connection.request(method, params);

  const status = new AirlockStatus('airlock.showDecisionLog');
  const editors = new EditorTracker();
  const connectionEvent = (state: ConnectionState, message: string): ExtensionEvents['connection'] => ({
    state,
    // The views prefix "airlockd is not running:" themselves.
    message: state === 'down' ? `${message}. Start it with \`airlock daemon start\` (or \`npm start\`); "Airlock: Show Daemon Log" has the details.` : message,
  });
  const initialEvents = (): ToWebview[] => [
    { kind: 'event', event: 'connection', payload: connectionEvent(connection.state, connection.problem) },
    { kind: 'event', event: 'settings', payload: { attachByDefault: settings.attachSelectionByDefault } },
    { kind: 'event', event: 'editor/context', payload: editors.context() },
  ];
  const applyFlow = new ApplyFlow(editors, log);
  // The handlers are made below; the panels need them only once a tab asks.
  const panels: DecisionPanels = new DecisionPanels(context.extensionUri, () => handlers, initialEvents, log);

  // The preset this window last set, so that writing it to the settings below does not set it a second time.
  let switchedTo: string | undefined;
  const switchPolicy = async (policy: string): Promise<PolicySummary> => {
    const summary = await request('policy/set', { policy });
    switchedTo = policy;
    // Remembered in the user settings so the next window (and the next daemon) gets the same preset.
    if (settings.policy !== policy) await vscode.workspace.getConfiguration('airlock').update('policy', policy, vscode.ConfigurationTarget.Global);
    return summary;
  };
  const openRule = async (file: string, line: number): Promise<boolean> => {
    const absolute = path.isAbsolute(file) ? file : path.join(context.extensionPath, file);
    const doc = await vscode.workspace.openTextDocument(absolute);
    const at = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: true });
    return true;
  };
  const insertAtCursor = async (code: string): Promise<boolean> => {
    const editor = editors.editor;
    if (!editor) return false;
    return editor.edit((edit) => edit.replace(editor.selection, code));
  };
  const helpAction = async (action: HelpAction): Promise<boolean> => {
    if (action === 'log') channel.show(true);
    else if (action === 'settings') await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:airlock.airlock');
    else if (action === 'setApiKey') await vscode.commands.executeCommand('airlock.setApiKey');
    else if (action === 'ollamaHelp') return vscode.env.openExternal(vscode.Uri.parse(OLLAMA_HELP));
    else {
      // A user's Start: a failed launch may be retried now (the setting or the build may have been fixed).
      launcher.reset();
      connection.reconnectNow();
    }
    return true;
  };
  const handlers = createHandlers({
    request,
    attachment: (mode) => editors.attachment(mode),
    openRule,
    insertAtCursor,
    applyToFile: (code, file) => applyFlow.apply(code, file),
    openDecisionTab: async (id) => panels.open(id),
    helpAction,
    switchPolicy,
    reviewer: () => os.userInfo().username,
    storePrompts: () => settings.storePrompts,
  });
  const views = Object.fromEntries(VIEWS.map((id) => [id, new AirlockViewProvider(id, context.extensionUri, handlers, initialEvents, log)])) as Record<ViewId, AirlockViewProvider>;
  const broadcast = <E extends ExtensionEvent>(event: E, payload: ExtensionEvents[E]) => {
    for (const view of Object.values(views)) view.post(event, payload);
    panels.post({ kind: 'event', event, payload } as ToWebview);
  };

  const showError = async (err: unknown) => {
    const { code, message } = toErrorValue(err);
    const choice = await vscode.window.showErrorMessage(`Airlock: ${message} (${code})`, 'Show Daemon Log');
    if (choice) channel.show(true);
  };
  const commandContext: CommandContext = { request, views, editors, daemonLog: channel, switchPolicy, showError, openRule, openDecisionTab: (id) => panels.open(id) };

  const afterConnect = async <T>(what: string, step: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await step();
    } catch (err) {
      const { code, message } = toErrorValue(err);
      log(`after connecting, ${what} failed: ${code}: ${message}`);
      // The connection dropped meanwhile: the reconnect runs this step again, and the banner already says why.
      if (connection.state === 'connected') void vscode.window.showWarningMessage(`Airlock: ${what}: ${message} (${code})`);
      return undefined;
    }
  };
  const onConnected = async () => {
    await afterConnect('subscribing to decisions', () => request('decision/subscribe', {}));
    const summary = await afterConnect(settings.policy ? `switching to policy ${settings.policy}` : 'reading the policy', () =>
      settings.policy ? request('policy/set', { policy: settings.policy }) : request('policy/get', {}));
    const health = await afterConnect('reading provider health', () => request('health/get', {}));
    if (health) status.setProviders(health.providers.map(providerWords));
    if (!summary) return;
    status.setPreset(summary.name);
    broadcast('policy/changed', { policy: summary });
  };
  const forward = <N extends DaemonNotification>(method: N, params: DaemonNotifications[N]) => {
    if (method === 'decision/appended') status.setLastDecision((params as DaemonNotifications['decision/appended']).record);
    if (method === 'policy/changed') {
      const change = params as DaemonNotifications['policy/changed'];
      if ('error' in change) {
        void vscode.window.showWarningMessage(`Airlock: the policy did not reload, the last good one stays active: ${change.error.message}`);
        return;
      }
      status.setPreset(change.policy.name);
    }
    broadcast(method, params as ExtensionEvents[typeof method]);
  };

  context.subscriptions.push(
    channel,
    status,
    editors,
    applyFlow,
    panels,
    editors.onContext((ctx) => views.chat.post('editor/context', ctx)),
    { dispose: () => follower.dispose() },
    { dispose: () => connection.dispose() },
    ...VIEWS.map((id) => vscode.window.registerWebviewViewProvider(VIEW_IDS[id], views[id])),
    ...Object.values(views),
    ...Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(commandContext))),
    connection.onState((state, message) => {
      const event = connectionEvent(state, message);
      status.setConnection(state, event.message);
      // Subscribe first (the request leaves synchronously): views re-query on this event, and a record appended
      // after their query must reach them as a notification.
      if (state === 'connected') void onConnected();
      broadcast('connection', event);
    }),
    connection.onNotification(forward),
    ...registerAirlockChat({
      request: (method, params, timeoutMs) => connection.request(method, params, timeoutMs),
      onNotification: (listener) => connection.onNotification(listener),
      onConnected: (listener) => connection.onState((state) => { if (state === 'connected') listener(); }),
      // A route line's "open decision" link: the detail in its own editor tab.
      openDecision: async (id) => void panels.open(id),
      storePrompts: () => settings.storePrompts,
      showClassModels: () => settings.chatClassModels,
      log,
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('airlock')) return;
      const before = settings;
      const next = readSettings();
      settings = next.settings;
      for (const problem of next.problems) void vscode.window.showWarningMessage(`Airlock: ${problem}`);
      broadcast('settings', { attachByDefault: settings.attachSelectionByDefault });
      if (settings.policy && settings.policy !== before.policy && settings.policy !== switchedTo) void switchPolicy(settings.policy).catch(showError);
      if (settings.daemonPort !== before.daemonPort || settings.nodePath !== before.nodePath) {
        void vscode.window.showInformationMessage('Airlock: reload the window to use the new daemon port or Node path.', 'Reload Window').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.reloadWindow');
        });
      }
    }),
  );
  connection.start();
  log(`activated in ${(performance.now() - activatedAt).toFixed(1)} ms (home ${home}, port ${settings.daemonPort})`);
}

export function deactivate(): void {
  // The daemon is shared by every window and the CLI: it keeps running while any window holds a lease, and a daemon
  // the user started keeps running regardless (daemon/lease.ts). Disposables close the socket.
  if (!leaseHome) return;
  try {
    releaseLease(leaseHome);
  } catch {
    // A home that vanished has no daemon to stop.
  }
}
