// Apply to File's rules: a block may only name a file inside an open workspace folder, and its code replaces the
// selection when there is one, the whole file otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proposedText, resolveTarget } from '../../../extension/views/apply-edit';

const roots = ['/home/u/project', '/home/u/other'];

test('a relative name resolves in the first workspace folder; an absolute one inside a folder is kept', () => {
  assert.deepEqual(resolveTarget('src/app.ts', roots), { ok: true, path: '/home/u/project/src/app.ts' });
  assert.deepEqual(resolveTarget(' ./src/../lib/x.py ', roots), { ok: true, path: '/home/u/project/lib/x.py' });
  assert.deepEqual(resolveTarget('/home/u/other/a.go', roots), { ok: true, path: '/home/u/other/a.go' });
});

test('a name that leaves the workspace, the folder itself, or no folder open is refused with a reason', () => {
  for (const name of ['../secrets.txt', '/etc/passwd', '/home/u/project-evil/x.ts', 'src/../../x']) {
    const target = resolveTarget(name, roots);
    assert.equal(target.ok, false, name);
    assert.match(target.ok ? '' : target.message, /outside the workspace/);
  }
  assert.equal(resolveTarget('.', roots).ok, false, 'the folder itself is not a file');
  assert.match(JSON.stringify(resolveTarget('a.ts', [])), /Open a folder/);
  assert.match(JSON.stringify(resolveTarget('  ', roots)), /names no file/);
});

test('the proposal replaces the selection, or the whole text when nothing is selected', () => {
  const original = 'line 1\nline 2\nline 3\n';
  assert.equal(proposedText(original, 'NEW\n', { start: 7, end: 14 }), 'line 1\nNEW\nline 3\n');
  assert.equal(proposedText(original, 'ALL\n', { start: 3, end: 3 }), 'ALL\n');
  assert.equal(proposedText(original, 'ALL\n'), 'ALL\n');
});
