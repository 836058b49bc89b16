// The store's flushes to stable storage, behind one seam: the daemon's group commit runs them on libuv's thread
// pool so the event loop keeps streaming while the disk works; the synchronous path (reviews, tests, shutdown) runs
// them in place. Tests inject a Disk that counts flushes or holds one open to see what waits on it.
import { fdatasync, fdatasyncSync, fsync, fsyncSync } from 'node:fs';

/** What a flush makes durable: the anchor's temp file, the home directory (the anchor's rename), or SQLite's WAL. */
export type FlushTarget = 'anchor' | 'dir' | 'wal';

export interface Disk {
  flushSync(fd: number, target: FlushTarget): void;
  flush(fd: number, target: FlushTarget): Promise<void>;
}

// The WAL only needs its data and size (fdatasync, as SQLite itself uses); a directory or a new file needs fsync.
const dataOnly = (target: FlushTarget) => target === 'wal';

export const realDisk: Disk = {
  flushSync(fd, target) {
    if (dataOnly(target)) fdatasyncSync(fd);
    else fsyncSync(fd);
  },
  flush(fd, target) {
    return new Promise((resolve, reject) => (dataOnly(target) ? fdatasync : fsync)(fd, (err) => (err ? reject(err) : resolve())));
  },
};
