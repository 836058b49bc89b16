// The packaged manifest's `repository`: taken from --repository / AIRLOCK_REPOSITORY_URL, never invented; a
// marketplace package without one is refused before anything is built.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { repositoryField } from '../../../scripts/package-repository.mjs';

const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/package.mjs');

test('npm run package -- --marketplace without a repository URL fails at once with the fix', () => {
  const env = { ...process.env };
  delete env.AIRLOCK_REPOSITORY_URL;
  // Bounded: the refusal comes before the build; a script that went on to build and package would be killed here.
  const run = spawnSync(process.execPath, [SCRIPT, '--marketplace', '--out', '/nonexistent/never.vsix'], { env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /--marketplace needs the public repository URL: set AIRLOCK_REPOSITORY_URL or pass --repository URL/);
});

test('a bad repository URL is refused before the build too', () => {
  const run = spawnSync(process.execPath, [SCRIPT, '--repository', 'not a url'], { env: process.env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /repository URL "not a url" is not a URL/);
});

test('the URL given becomes a git repository field; none given and none required means no field', () => {
  assert.deepEqual(repositoryField({ marketplace: true, url: 'https://git.example.org/team/airlock.git' }), { type: 'git', url: 'https://git.example.org/team/airlock.git' });
  assert.deepEqual(repositoryField({ marketplace: false, url: ' git+ssh://git@git.example.org/team/airlock.git ' }), { type: 'git', url: 'git+ssh://git@git.example.org/team/airlock.git' });
  assert.equal(repositoryField({ marketplace: false, url: undefined }), undefined);
  assert.equal(repositoryField({ marketplace: false, url: '  ' }), undefined);
  assert.throws(() => repositoryField({ marketplace: true, url: '' }), /--marketplace needs the public repository URL/);
  assert.throws(() => repositoryField({ marketplace: false, url: 'file:///srv/airlock' }), /must be https:\/\/ or ssh:\/\//);
});
