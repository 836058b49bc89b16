// Airlock: Connect Another Assistant — makes an endpoint key for another tool (Continue, Cline, Aider, Zed, any
// OpenAI/Anthropic/Ollama client) and copies the base URLs, the key and ready-to-paste settings, as `airlock endpoint`
// prints them. The key can only send model requests through airlockd's policy; `airlock endpoint revoke` ends it.
import * as vscode from 'vscode';
import type { CommandFactory } from './context';

export const connectAssistant: CommandFactory = (ctx) => async () => {
  try {
    const name = await vscode.window.showInputBox({
      title: 'Airlock: name the assistant this key is for',
      prompt: 'One key per tool, so each can be revoked alone (letters, digits, ".", "_", "-").',
      placeHolder: 'continue',
      ignoreFocusOut: true,
      validateInput: (v) => (v === '' || /^[A-Za-z0-9._-]{1,64}$/.test(v) ? undefined : 'Use 1-64 letters, digits, ".", "_" or "-"'),
    });
    if (name === undefined) return;
    const created = await ctx.request('endpoint/create', name ? { name } : {});
    await vscode.env.clipboard.writeText(created.settings);
    const open = 'Show Settings';
    const choice = await vscode.window.showInformationMessage(
      `Airlock: key "${created.name}" made; the base URLs, key and settings are on the clipboard. OpenAI base URL ${created.openai.baseUrl}, model airlock/auto.`,
      open,
    );
    if (choice === open) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: created.settings, language: 'markdown' }));
  } catch (err) {
    await ctx.showError(err);
  }
};
