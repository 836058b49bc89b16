// "Apply to File" on an answer's code block: the proposal opens as a diff (vscode.diff, the proposed side a read-only
// virtual document), and the file changes only when the user presses Apply. The edit is a WorkspaceEdit, so it is
// undoable and left unsaved, like any other edit.
import path from 'node:path';
import * as vscode from 'vscode';
import { proposedText, resolveTarget } from './apply-edit';
import type { EditorTracker } from './editor-context';

export const PROPOSAL_SCHEME = 'airlock-proposal';

export class ApplyFlow implements vscode.Disposable {
  private readonly proposals = new Map<string, string>();
  private seq = 0;
  private readonly registration: vscode.Disposable;

  constructor(private readonly editors: EditorTracker, private readonly log: (line: string) => void) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, {
      provideTextDocumentContent: (uri) => this.proposals.get(uri.toString()) ?? '',
    });
  }

  private proposalUri(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${name}`, query: String(++this.seq) });
    this.proposals.set(uri.toString(), text);
    return uri;
  }

  async apply(code: string, file: string | undefined): Promise<{ applied: boolean; message: string }> {
    let uri: vscode.Uri;
    let selection: vscode.Selection | undefined;
    if (file) {
      const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
      const target = resolveTarget(file, roots);
      if (!target.ok) return { applied: false, message: target.message };
      uri = vscode.Uri.file(target.path);
    } else {
      const editor = this.editors.editor;
      if (!editor) return { applied: false, message: 'Open an editor to apply to (or name the file in the code block).' };
      uri = editor.document.uri;
      selection = editor.selection.isEmpty ? undefined : editor.selection;
    }
    const name = path.basename(uri.path);
    const doc = await vscode.workspace.openTextDocument(uri).then((d) => d, () => undefined);
    const original = doc?.getText() ?? '';
    const range = doc && selection ? { start: doc.offsetAt(selection.start), end: doc.offsetAt(selection.end) } : undefined;
    const proposed = proposedText(original, code, range);
    if (doc && proposed === original) return { applied: false, message: `${name} already has this code.` };
    const left = doc ? uri : this.proposalUri(`${name} (new file)`, '');
    const right = this.proposalUri(name, proposed);
    const version = doc?.version;
    try {
      await vscode.commands.executeCommand('vscode.diff', left, right, `${name} ↔ Airlock proposal`, { preview: true });
      const what = doc ? (selection ? `the selection in ${name}` : name) : `a new file ${name}`;
      const choice = await vscode.window.showInformationMessage(`Apply the proposed change to ${what}?`, 'Apply', 'Discard');
      if (choice !== 'Apply') return { applied: false, message: 'Discarded.' };
      if (doc && doc.version !== version) return { applied: false, message: `${name} changed since the proposal; apply it again.` };
      const edit = new vscode.WorkspaceEdit();
      if (doc) edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(original.length)), proposed);
      else {
        edit.createFile(uri, { ignoreIfExists: true });
        edit.insert(uri, new vscode.Position(0, 0), proposed);
      }
      if (!(await vscode.workspace.applyEdit(edit))) return { applied: false, message: `VS Code refused the edit to ${name}.` };
      await vscode.window.showTextDocument(uri, { preview: false });
      this.log(`applied a code block to ${uri.fsPath}`);
      return { applied: true, message: `Applied to ${name} (unsaved).` };
    } finally {
      this.proposals.delete(left.toString());
      this.proposals.delete(right.toString());
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.proposals.clear();
  }
}
