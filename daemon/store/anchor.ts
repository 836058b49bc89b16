// The chain head kept outside the database: `<home>/decisions.head` (0600). The hash chain alone cannot show that
// its newest entries were cut off, that every entry was removed, or that the file was replaced by an empty one; a
// head recorded elsewhere can. The store rewrites this file with every commit, in two steps:
//   1. inside the write transaction, before COMMIT: `{seq, hash}` = the head before, `pending` = the head after,
//      made durable (temp file, fsync, rename, fsync of the directory);
//   2. after COMMIT: `{seq, hash}` = the new head, no `pending` (atomic rename, not fsynced: step 1 already covers
//      a crash, and the next commit's step 1 makes it durable).
// So whatever instant the process dies, the database head is `{seq, hash}` or `pending`, and anything else means
// the database was changed outside the store. Once a mismatch is seen, `broken` keeps it in the file for good, so
// a daemon that goes on recording does not erase the evidence.
import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AirlockError } from '../../protocol/errors';
import { realDisk, type Disk } from './disk';
import type { ChainPosition } from './types';

export const ANCHOR_FILE = 'decisions.head';

export interface Anchor {
  version: 1;
  seq: number;
  hash: string;
  /** First seq that must carry an HMAC; entries before it predate HMACs (a store from an older Airlock). */
  macFrom: number;
  pending?: ChainPosition;
  /** The first mismatch ever seen; carried forward by every later write. */
  broken?: ChainPosition & { reason: string };
}

export type AnchorRead = { state: 'missing' } | { state: 'damaged'; cause: string } | { state: 'ok'; anchor: Anchor; text: string };

const HASH = /^[0-9a-f]{64}$/;
const isPosition = (v: unknown): v is ChainPosition =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as ChainPosition).seq) && (v as ChainPosition).seq >= 0 && HASH.test(String((v as ChainPosition).hash));

export function readAnchor(dir: string): AnchorRead {
  let text: string;
  try {
    text = readFileSync(join(dir, ANCHOR_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'damaged', cause: (err as Error).message };
  }
  let value: Anchor;
  try {
    value = JSON.parse(text) as Anchor;
  } catch {
    return { state: 'damaged', cause: 'not JSON' };
  }
  const ok =
    value?.version === 1 &&
    isPosition(value) &&
    Number.isSafeInteger(value.macFrom) &&
    (value.pending === undefined || isPosition(value.pending)) &&
    (value.broken === undefined || (isPosition(value.broken) && typeof value.broken.reason === 'string'));
  return ok ? { state: 'ok', anchor: value, text } : { state: 'damaged', cause: 'not an anchor' };
}

/** Temp file + rename, so a reader sees the old file or the new one, never half of one. */
export function writeAnchor(dir: string, anchor: Anchor, durable: boolean, disk: Disk = realDisk): void {
  const staged = stageAnchor(dir, anchor);
  try {
    if (durable) disk.flushSync(staged.fd, 'anchor');
  } finally {
    closeSync(staged.fd);
  }
  installAnchor(dir, staged);
  if (!durable) return;
  const fd = openDir(dir);
  if (fd === null) return;
  try {
    disk.flushSync(fd, 'dir');
  } finally {
    closeSync(fd);
  }
}

/** An anchor written to its temp file, not yet flushed or in place; the caller closes `fd`. */
export interface StagedAnchor {
  fd: number;
  temp: string;
}

export function stageAnchor(dir: string, anchor: Anchor): StagedAnchor {
  const temp = `${join(dir, ANCHOR_FILE)}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(anchor)}\n`);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return { fd, temp };
}

export function installAnchor(dir: string, staged: StagedAnchor): void {
  renameSync(staged.temp, join(dir, ANCHOR_FILE));
}

/** The directory opened for a flush of its entries (the rename), or null where that cannot be done. */
export function openDir(dir: string): number | null {
  try {
    return openSync(dir, 'r');
  } catch (err) {
    // Windows cannot open a directory; there the rename is as durable as NTFS makes it.
    if (process.platform === 'win32') return null;
    throw err;
  }
}

/** `HASH@SEQ`, the form `audit verify` prints and `--anchor` takes. */
export function formatHead(head: ChainPosition): string {
  return `${head.hash}@${head.seq}`;
}

export function parseHead(text: string): ChainPosition {
  const match = /^([0-9a-f]{64})@(0|[1-9]\d{0,15})$/.exec(text.trim().toLowerCase());
  if (!match) throw new AirlockError('AIRLOCK_E_USAGE', `--anchor takes HASH@SEQ as printed by \`airlock audit verify\` (64 hex digits, @, a number), not '${text}'`);
  return { seq: Number(match[2]), hash: match[1]! };
}

/**
 * Why the database head does not agree with the anchor, or null. `hashAt(seq)` is the database's hash at seq
 * (the genesis hash at 0), undefined past its end.
 */
export function anchorProblem(anchor: Anchor, head: ChainPosition, hashAt: (seq: number) => string | undefined): string | null {
  if (anchor.broken) return anchor.broken.reason;
  const same = (p: ChainPosition | undefined) => p !== undefined && p.seq === head.seq && p.hash === head.hash;
  if (same(anchor) || same(anchor.pending)) return null;
  const where = `the anchor (${ANCHOR_FILE}) says the chain reached ${formatHead(anchor)}`;
  if (head.seq < anchor.seq) {
    return head.seq === 0
      ? `the database is empty but ${where}: every entry was removed or the file was replaced`
      : `entries ${head.seq + 1}..${anchor.seq} are missing (the newest were cut off): ${where}, the database ends at ${head.seq}`;
  }
  if (hashAt(anchor.seq) !== anchor.hash) return `entry ${anchor.seq} is not the anchored one: ${where}; the chain was rewritten or the file replaced`;
  return `entries ${anchor.seq + 1}..${head.seq} follow the anchored head ${formatHead(anchor)}: they were appended outside the daemon`;
}

/** Whether the chain holds an exported head: entry `seq` exists and has that hash. */
export function externalProblem(external: ChainPosition, head: ChainPosition, hashAt: (seq: number) => string | undefined): string | null {
  if (head.seq < external.seq) {
    return head.seq === 0
      ? `the database is empty but the exported head is ${formatHead(external)}: every entry was removed or the file was replaced`
      : `entries ${head.seq + 1}..${external.seq} are missing: the exported head is ${formatHead(external)}, the database ends at ${head.seq}`;
  }
  if (hashAt(external.seq) !== external.hash) return `entry ${external.seq} differs from the exported head ${formatHead(external)}: the chain was rewritten from there or earlier`;
  return null;
}
