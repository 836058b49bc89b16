// Airlock: Switch Policy Preset — one of the shipped presets, or a preset file of the user's.
import * as vscode from 'vscode';
import type { CommandFactory } from './context';

const OTHER_FILE = 'Preset file…';

export const switchPolicy: CommandFactory = (ctx) => async () => {
  try {
    const current = await ctx.request('policy/get', {});
    const items = [
      ...current.available.map((name) => ({ label: name, description: name === current.name ? 'active' : undefined })),
      { label: OTHER_FILE, description: 'a YAML preset of your own' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Airlock: switch policy (active: ${current.name})` });
    if (!picked) return;
    let policy = picked.label;
    if (policy === OTHER_FILE) {
      const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Airlock preset': ['yaml', 'yml'] } });
      if (!files?.[0]) return;
      policy = files[0].fsPath;
    }
    const summary = await ctx.switchPolicy(policy);
    void vscode.window.showInformationMessage(`Airlock: policy ${summary.name} ${summary.version} is active (${summary.rules.length} rules).`);
  } catch (err) {
    await ctx.showError(err);
  }
};
