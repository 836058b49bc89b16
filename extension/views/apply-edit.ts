// The pure half of "Apply to File": which file a code block may write, and the text it proposes. No VS Code import,
// so the rules (stay inside the workspace, replace the selection or the whole file) are unit-tested.
import path from 'node:path';

export type Target = { ok: true; path: string } | { ok: false; message: string };

/**
 * The file a block names, resolved against the workspace folders. A model's answer chooses the name, so it may only
 * name a file inside an open workspace folder: `../` or an absolute path elsewhere is refused, not followed.
 */
export function resolveTarget(file: string, roots: string[]): Target {
  const name = file.trim();
  if (!name) return { ok: false, message: 'The code block names no file.' };
  if (roots.length === 0) return { ok: false, message: `Open a folder to apply to ${name}.` };
  const candidates = path.isAbsolute(name) ? [path.normalize(name)] : roots.map((root) => path.resolve(root, name));
  // Strictly inside a folder (the folder itself is no file); a sibling like project-evil/ is not inside project/.
  const inside = (candidate: string) => roots.some((root) => candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  const found = candidates.find(inside);
  if (found) return { ok: true, path: found };
  return { ok: false, message: `${name} is outside the workspace: Airlock applies code only to files in an open folder.` };
}

/** The document's text with `code` in place of the selection (offsets), or in place of everything when none. */
export function proposedText(original: string, code: string, selection?: { start: number; end: number }): string {
  if (!selection || selection.start === selection.end) return code;
  return original.slice(0, selection.start) + code + original.slice(selection.end);
}
