// Watches a file for edits: fs.watch on its folder (editors replace files, which a file watch loses), debounced,
// and only reporting when the bytes' hash changed. The caller decides what a broken edit means.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from './load';

export interface FileWatch {
  close(): void;
}

/** Calls `onChange(bytes | null)` after the file settles; null when it was removed. */
export function watchFile(file: string, initialHash: string, onChange: (bytes: Buffer | null) => void, debounceMs = 150): FileWatch {
  let last = initialHash;
  let timer: NodeJS.Timeout | undefined;
  const check = async () => {
    let bytes: Buffer | null = null;
    try {
      bytes = await readFile(file);
    } catch {
      bytes = null;
    }
    const hash = bytes ? hashBytes(bytes) : '';
    if (hash === last) return;
    last = hash;
    onChange(bytes);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path.dirname(file), (_event, name) => {
      if (name && name !== path.basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void check(), debounceMs);
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // The folder does not exist: nothing to watch until the daemon restarts.
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
