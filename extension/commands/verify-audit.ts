// Airlock: Verify Audit Log — checks the hash chain of every decision record.
import * as vscode from 'vscode';
import type { CommandFactory } from './context';

export const verifyAudit: CommandFactory = (ctx) => async () => {
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Airlock: verifying the audit log…' },
      () => ctx.request('audit/verify', {}),
    );
    if (result.ok) {
      void vscode.window.showInformationMessage(`Airlock: the audit log verifies: ${result.count} records, hash chain intact.`);
    } else {
      const broken = result.firstBroken;
      void vscode.window.showErrorMessage(`Airlock: the audit log does NOT verify${broken ? `: record #${broken.seq} (${broken.id}): ${broken.reason}` : ''}.`);
    }
  } catch (err) {
    await ctx.showError(err);
  }
};
