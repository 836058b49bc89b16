// Airlock: Ask About Selection — opens the chat with the selection attached; the user types the question.
import * as vscode from 'vscode';
import type { CommandFactory } from './context';

export const askAboutSelection: CommandFactory = (ctx) => async () => {
  const editor = ctx.editors.editor;
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('Airlock: select some text in an editor first; it will be attached to your question.');
    return;
  }
  ctx.views.chat.post('chat/prefill', { text: '', attach: 'selection', send: false }, true);
  await ctx.views.chat.reveal();
};
