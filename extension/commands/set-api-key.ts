// Airlock: Set Provider API Key — pick a provider, type the key (masked); airlockd stores it in the OS keychain.
// The key passes through this process only on its way to the daemon and is never logged.
import * as vscode from 'vscode';
import type { CommandFactory } from './context';

export const setApiKey: CommandFactory = (ctx) => async () => {
  try {
    const status = await ctx.request('keys/status', {});
    if (status.keychain.state !== 'ok') {
      void vscode.window.showWarningMessage(`Airlock: ${status.keychain.message}`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      status.providers.map((p) => ({ label: p.name, description: p.hasKey ? `key set (${p.source ?? 'keychain'})` : 'no key' })),
      { title: 'Airlock: set the API key of which provider?', ignoreFocusOut: true },
    );
    if (!picked) return;
    const key = await vscode.window.showInputBox({
      title: `API key for ${picked.label}`,
      prompt: 'Stored in the OS keychain by airlockd; never written to settings or logs.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'The key cannot be empty'),
    });
    if (!key) return;
    const result = await ctx.request('keys/set', { provider: picked.label, key: key.trim() });
    void vscode.window.showInformationMessage(`Airlock: the key for ${result.provider} is stored in the OS keychain.`);
  } catch (err) {
    await ctx.showError(err);
  }
};
