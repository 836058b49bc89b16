// Airlock: Explain Routing for Selection — a dry run through explain/run: where the selection would go and why.
// Nothing is sent to any model. The file path goes along as a fact, so path rules (.env, keys) apply.
import * as vscode from 'vscode';
import { explainSentence } from '../describe';
import type { CommandFactory } from './context';

export const explainSelection: CommandFactory = (ctx) => async () => {
  const attachment = ctx.editors.attachment('selection');
  if (!attachment) {
    void vscode.window.showInformationMessage('Airlock: select the text whose routing you want explained.');
    return;
  }
  const { text, path, language } = attachment;
  const facts = { source: 'command' as const, interactive: true, filePath: path, language, parts: [{ origin: 'selection' as const, path, language, start: 0, end: text.length }] };
  try {
    const { record } = await ctx.request('explain/run', { text, facts });
    const openRule = 'Open Rule';
    const choice = await vscode.window.showInformationMessage(`Airlock: ${explainSentence(record)}`, openRule);
    if (choice === openRule && record.rule.line > 0) await ctx.openRule(record.rule.file, record.rule.line);
  } catch (err) {
    await ctx.showError(err);
  }
};
