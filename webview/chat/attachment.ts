// What a chat prompt will carry, in words for its chip (pure: unit-tested without a DOM; chips.ts renders it).
import type { AttachMode, EditorContext } from '../../protocol/webview';

export interface Chip {
  kind: 'selection' | 'file';
  label: string;
  title: string;
}

/** The chip for an attach mode in this editor context, or null when that mode would attach nothing. */
export function attachmentChip(mode: AttachMode, context: EditorContext): Chip | null {
  const file = context.file;
  if (!file || mode === 'none') return null;
  if (mode === 'file') return { kind: 'file', label: file.name, title: `The whole file ${file.path} is attached` };
  const sel = context.selection;
  if (!sel) return null;
  const lines = sel.startLine === sel.endLine ? `${sel.startLine}` : `${sel.startLine}–${sel.endLine}`;
  return { kind: 'selection', label: `${file.name}:${lines}`, title: `${sel.chars} selected characters of ${file.path} are attached` };
}
