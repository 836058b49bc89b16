// Watches a file for edits: fs.watch on its folder (editors replace files, which a file watch loses), debounced,
// and only reporting when the bytes' hash changed. The caller decides what a broken edit means.
// A watcher that fails (folder removed, inotify limit) is reported once and watched again on the next check, so
// hot reload never ends silently.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AirlockError } from '../../protocol/errors';
import { hashBytes } from './load';

export interface FileWatch {
  close(): void;
}

export interface WatchOptions {
  /** Called once per failure streak (a watcher error, a folder that cannot be watched, a file that cannot be read). */
  onError?: (err: AirlockError) => void;
  /** fs.watch, replaceable so tests can make the real watcher fail. */
  watch?: (folder: string, listener: (event: string, name: string | null) => void) => FSWatcher;
}

/** How often a folder that cannot be watched is tried again. */
const RETRY_MS = 5_000;

/** Calls `onChange(bytes | null)` after the file settles; null when it was removed. */
export function watchFile(file: string, initialHash: string, onChange: (bytes: Buffer | null) => void, debounceMs = 150, options: WatchOptions = {}): FileWatch {
  const watch = options.watch ?? ((folder, listener) => fsWatch(folder, listener));
  let last = initialHash;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let closed = false;
  let failing = false;
  const fail = (what: string, err: unknown) => {
    if (failing) return;
    failing = true;
    const cause = err instanceof Error ? `${(err as NodeJS.ErrnoException).code ?? err.name}: ${err.message}` : String(err);
    options.onError?.(new AirlockError('AIRLOCK_E_WATCH', `${what} ${file} (${cause}); edits apply once watching works again, or at the next start`, { file }));
  };

  const check = async () => {
    let bytes: Buffer | null;
    try {
      bytes = await readFile(file);
    } catch (err) {
      // Only a missing file means "removed"; any other read error keeps the last good settings.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return fail('cannot read', err);
      bytes = null;
    }
    if (closed) return;
    if (!watcher && !start()) {
      // Still cannot watch: look again later, so hot reload comes back by itself.
      timer = setTimeout(() => void check(), RETRY_MS).unref();
    }
    if (watcher) failing = false;
    const hash = bytes ? hashBytes(bytes) : '';
    if (hash === last) return;
    last = hash;
    onChange(bytes);
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), debounceMs);
  };

  /** Starts the folder watch; false (reported once) when it cannot. */
  function start(): boolean {
    try {
      const w = watch(path.dirname(file), (_event, name) => {
        if (name && name !== path.basename(file)) return;
        schedule();
      });
      w.on('error', (err) => {
        w.close();
        if (watcher === w) watcher = undefined;
        fail('stopped watching', err);
        // The next check watches again and reads the file, so an edit made meanwhile is not missed.
        if (!closed) schedule();
      });
      watcher = w;
      return true;
    } catch (err) {
      fail('cannot watch the folder of', err);
      return false;
    }
  }
  if (!start()) timer = setTimeout(() => void check(), RETRY_MS).unref();

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
