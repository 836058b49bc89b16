// The file watcher behind hot reload: a failing watcher is reported once with a code and watched again, and a file
// that cannot be read is a reported error, not a removal (which would reset the config to its defaults).
import assert from 'node:assert/strict';
import { watch as fsWatch, mkdirSync, mkdtempSync, rmSync, writeFileSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { hashBytes } from '../../../daemon/config/load';
import { watchFile } from '../../../daemon/config/watch';
import type { AirlockError } from '../../../protocol/errors';
import { events } from '../../helpers/bounded';

function scratch(t: TestContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-watch-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a watcher error is reported once with AIRLOCK_E_WATCH, and edits after it still reload', async (t) => {
  const file = path.join(scratch(t), 'config.yaml');
  writeFileSync(file, 'policy: balanced\n');
  const watchers: FSWatcher[] = [];
  const changes = events<string | null>('a reload');
  const errors: AirlockError[] = [];
  const w = watchFile(file, hashBytes(Buffer.from('policy: balanced\n')), (bytes) => changes.push(bytes && bytes.toString()), 10, {
    onError: (err) => errors.push(err),
    watch: (folder, listener) => {
      const real = fsWatch(folder, listener);
      watchers.push(real);
      return real;
    },
  });
  t.after(() => w.close());

  // The real watcher fails as it does when inotify gives up (ENOSPC) or the folder goes away.
  watchers[0]!.emit('error', Object.assign(new Error('inotify watch limit reached'), { code: 'ENOSPC' }));
  watchers[0]!.emit('error', Object.assign(new Error('inotify watch limit reached'), { code: 'ENOSPC' }));
  assert.equal(errors.length, 1, 'one report per failure streak');
  assert.equal(errors[0]!.code, 'AIRLOCK_E_WATCH');
  assert.match(errors[0]!.message, /stopped watching .*config\.yaml \(ENOSPC: inotify watch limit reached\)/);

  writeFileSync(file, 'policy: strict\n');
  assert.equal(await changes.next(), 'policy: strict\n', 'hot reload survives the watcher error');
  assert.ok(watchers.length >= 2, 'the folder is watched again');
  writeFileSync(file, 'policy: local-only\n');
  assert.equal(await changes.next(), 'policy: local-only\n');
});

test('a file that cannot be read is reported, not taken for a removal', async (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'config.yaml');
  writeFileSync(file, 'a: 1\n');
  const changes = events<string | null>('a reload');
  const errors = events<AirlockError>('a watch error');
  const w = watchFile(file, hashBytes(Buffer.from('a: 1\n')), (bytes) => changes.push(bytes && bytes.toString()), 10, { onError: (e) => errors.push(e) });
  t.after(() => w.close());

  rmSync(file);
  mkdirSync(file); // reading it now fails with EISDIR, as an unreadable file would with EACCES
  const err = await errors.next();
  assert.equal(err.code, 'AIRLOCK_E_WATCH');
  assert.match(err.message, /cannot read .*config\.yaml \(EISDIR/);
  assert.equal(changes.pending, 0, 'no reload was reported: the last good settings stay');

  rmSync(file, { recursive: true });
  assert.equal(await changes.next(), null, 'a real removal is still reported as one');
});

test('a folder that cannot be watched is reported at once', (t) => {
  const file = path.join(scratch(t), 'missing', 'config.yaml');
  const errors: AirlockError[] = [];
  const w = watchFile(file, '', () => undefined, 10, { onError: (e) => errors.push(e) });
  w.close();
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.message, /cannot watch the folder of .*missing\/config\.yaml \(ENOENT/);
});
