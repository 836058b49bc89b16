// What the editor contributes to a prompt: the selection or the whole file, with its path and language as facts, and
// the attached text's span inside the final prompt so the daemon can tell typed text from attached code.
import * as vscode from 'vscode';
import type { AttachMode } from '../../protocol/webview';
import type { Attachment } from './prompt';

/**
 * The editor to take a selection from. Focus in a sidebar webview leaves no active text editor in some hosts, so the
 * last one the user touched is remembered.
 */
export class EditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly sub = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor) this.last = editor;
  });

  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    return this.last && vscode.window.visibleTextEditors.includes(this.last) ? this.last : undefined;
  }

  attachment(mode: AttachMode): Attachment | undefined {
    const editor = this.editor;
    if (mode === 'none' || !editor) return undefined;
    const doc = editor.document;
    const text = mode === 'file' ? doc.getText() : doc.getText(editor.selection);
    if (!text) return undefined;
    return { text, origin: mode, path: doc.uri.fsPath, language: doc.languageId };
  }

  dispose(): void {
    this.sub.dispose();
  }
}
