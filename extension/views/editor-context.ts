// What the editor contributes to a prompt: the selection or the whole file, with its path and language as facts, and
// the attached text's span inside the final prompt so the daemon can tell typed text from attached code.
import * as vscode from 'vscode';
import path from 'node:path';
import type { AttachMode, EditorContext } from '../../protocol/webview';
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

  /** What the chat would attach now, for its chips: the file, and the selection when one is made. */
  context(): EditorContext {
    const editor = this.editor;
    if (!editor) return { file: null, selection: null };
    const doc = editor.document;
    const sel = editor.selection;
    const chars = sel.isEmpty ? 0 : doc.getText(sel).length;
    // A selection ending at column 0 of a line does not include that line.
    const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
    return {
      file: { name: path.basename(doc.uri.path), path: doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.toString() },
      selection: chars > 0 ? { startLine: sel.start.line + 1, endLine, chars } : null,
    };
  }

  /** Fires (at most every 150 ms) when the editor or its selection changes: the chat's chips follow. */
  onContext(listener: (context: EditorContext) => void): vscode.Disposable {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = () => {
      clearTimeout(timer);
      timer = setTimeout(() => listener(this.context()), 150);
    };
    const subs = [vscode.window.onDidChangeActiveTextEditor(fire), vscode.window.onDidChangeTextEditorSelection(fire), vscode.window.onDidChangeVisibleTextEditors(fire)];
    return { dispose: () => { clearTimeout(timer); for (const s of subs) s.dispose(); } };
  }

  dispose(): void {
    this.sub.dispose();
  }
}
