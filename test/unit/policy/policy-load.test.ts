import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AirlockError } from '../../../protocol';
import { loadPolicy, parsePolicy } from '../../../daemon/policy/load';
import { lintPreset } from '../../../daemon/policy/lint';

const scratchDirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-policy-'));
  scratchDirs.push(dir);
  return dir;
}
after(() => scratchDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const GOOD = `# yaml-language-server: $schema=./policy.schema.json
name: tiny
version: 1.0.0
description: A tiny preset.
classes:
  local: {}
  hosted: { maxRetentionDays: 30 }
paths:
  sensitive: ['**/.env']
rules:
  - id: secrets-local
    description: Secrets stay local.
    when: { signal: { kind: secret } }
    route: local
  - id: env-local
    description: Env files stay local.
    when: { path: sensitive }
    route: local
default:
  route: hosted
`;

function failure(text: string): AirlockError {
  try {
    parsePolicy(text, 'presets/x.yaml');
  } catch (err) {
    assert.ok(err instanceof AirlockError, String(err));
    return err;
  }
  assert.fail('expected the preset to be rejected');
}

test('a good preset loads with its ref and 1-based rule lines', () => {
  const p = parsePolicy(GOOD, 'presets/tiny.yaml');
  const hash = createHash('sha256').update(GOOD).digest('hex');
  assert.deepEqual(p.ref, { name: 'tiny', version: '1.0.0', hash, file: 'presets/tiny.yaml', source: 'file', id: `${path.resolve('presets/tiny.yaml')}@sha256:${hash}` });
  assert.deepEqual(p.rules.map((r) => [r.id, r.line]), [['secrets-local', 11], ['env-local', 15]]);
});

test('a YAML syntax error names file:line:col', () => {
  const tab = failure(GOOD.replace('  local: {}', '\tlocal: {}'));
  assert.equal(tab.code, 'AIRLOCK_E_POLICY_PARSE');
  // Ours: the code, file:line:col and one line of the parser's reason (its wording is the yaml library's).
  assert.match(tab.message, /^presets\/x\.yaml:6:1: [^\n]*\btab/i);
  assert.deepEqual(tab.details, { file: 'presets/x.yaml', line: 6, col: 1 });
  const duplicateKey = failure(GOOD.replace('version: 1.0.0', 'version: 1.0.0\nname: other'));
  assert.match(duplicateKey.message, /^presets\/x\.yaml:4:1: [^\n]+$/);
  assert.deepEqual(duplicateKey.details, { file: 'presets/x.yaml', line: 4, col: 1 });
  const badIndent = failure(GOOD.replace('    description: Env files stay local.', '   description: Env files stay local.'));
  assert.match(badIndent.message, /^presets\/x\.yaml:16:\d+: /);
});

test('a schema violation names the line and column of the bad value and what is wrong', () => {
  const err = failure(GOOD.replace('route: local\n  - id: env-local', 'route: sideways\n  - id: env-local'));
  assert.equal(err.code, 'AIRLOCK_E_POLICY_INVALID');
  // Ours: file:line:col and the field path; the reason's wording is zod's, so only the allowed values are checked.
  assert.match(err.message, /^presets\/x\.yaml:14:12: rules\[0\]\.route: .*"local".*"private".*"hosted".*"blocked"/);
});

test('an unknown field points at its key', () => {
  const err = failure(GOOD.replace('    description: Env files stay local.', '    descripton: Env files stay local.'));
  assert.match(err.message, /presets\/x\.yaml:16:5: rules\[1\]\.descripton: unknown field 'descripton'/);
  assert.match(err.message, /^presets\/x\.yaml:15:5: rules\[1\]\.description: .*string/);
});

test('a nested condition error points inside the condition', () => {
  const err = failure(GOOD.replace('{ signal: { kind: secret } }', '{ signal: { kind: secrets } }'));
  assert.match(err.message, /^presets\/x\.yaml:13:29: rules\[0\]\.when\.signal\.kind: .*"secret".*"pii".*"code".*"domain".*"origin"/);
});

test('duplicate rule ids, unknown path lists, bad globs and out-of-preset routes are errors', () => {
  const dup = failure(GOOD.replace('id: env-local', 'id: secrets-local'));
  assert.equal(dup.message, "presets/x.yaml:15:9: rules[1].id: duplicate rule id 'secrets-local' (also rule 1)");
  const unknownList = failure(GOOD.replace('{ path: sensitive }', '{ path: secret-files }'));
  assert.equal(unknownList.message, "presets/x.yaml:17:19: rules[1].when.path: unknown path list 'secret-files' (known: sensitive)");
  const badGlob = failure(GOOD.replace("['**/.env']", "['**/.env', 'config/{a,b']"));
  assert.equal(badGlob.message, "presets/x.yaml:9:26: paths.sensitive[1]: bad glob: unclosed '{' in 'config/{a,b'");
  const privateRoute = failure(GOOD.replace('default:\n  route: hosted', 'default:\n  route: private'));
  assert.equal(privateRoute.message, "presets/x.yaml:20:10: default.route: route 'private' is not one of the preset's classes (local, hosted)");
});

test('continue rules cannot route; terminal rules must; blocked needs a message; templates use known placeholders', () => {
  const cont = failure(GOOD.replace('    route: local\n  - id: env-local', '    continue: true\n    route: local\n  - id: env-local'));
  assert.match(cont.message, /:15:12: rules\[0\]\.route: a rule with 'continue: true' only adds actions; it cannot set 'route'/);
  const noRoute = failure(GOOD.replace('    route: local\n  - id: env-local', '    review: true\n  - id: env-local'));
  assert.match(noRoute.message, /:11:5: rules\[0\]: rule 'secrets-local' needs 'route'/);
  const block = failure(GOOD.replace('default:\n  route: hosted', 'default:\n  route: blocked'));
  assert.match(block.message, /:20:3: default: 'route: blocked' needs a 'message'/);
  const placeholder = failure(GOOD.replace('default:\n  route: hosted', 'default:\n  route: hosted\n  explain: Sent to {modle}'));
  assert.match(placeholder.message, /:21:12: default\.explain: unknown placeholder \{modle\}/);
});

test('all problems are reported together, in file order; lint returns them as a list', () => {
  const dir = scratch();
  const file = path.join(dir, 'broken.yaml');
  writeFileSync(file, GOOD.replace('version: 1.0.0', 'version: 1').replace('id: env-local', 'id: Env_Local'));
  const problems = lintPreset(file);
  assert.equal(problems.length, 2);
  assert.match(problems[0] ?? '', /broken\.yaml:3:10: version: .*string/);
  assert.match(problems[1] ?? '', /broken\.yaml:15:9: rules\[1\]\.id: must be kebab-case/);
});

test('lint flags rules hidden behind an always-matching rule', () => {
  const dir = scratch();
  const file = path.join(dir, 'shadow.yaml');
  writeFileSync(file, GOOD.replace('{ signal: { kind: secret } }', '{ always: true }'));
  assert.deepEqual(lintPreset(file), [`${file}:15:3: rule 'env-local' can never match: rule 'secrets-local' above always decides`]);
});

test('presets load by name or path; unknown names and files are POLICY_NOT_FOUND', () => {
  const byName = loadPolicy('balanced');
  assert.equal(byName.ref.file, 'presets/balanced.yaml');
  assert.equal(byName.ref.hash, createHash('sha256').update(readFileSync(path.resolve('presets/balanced.yaml'))).digest('hex'));
  const dir = scratch();
  writeFileSync(path.join(dir, 'tiny.yaml'), GOOD);
  assert.equal(loadPolicy(path.join(dir, 'tiny.yaml')).ref.name, 'tiny');
  assert.throws(() => loadPolicy('no-such-preset'), (e: unknown) => e instanceof AirlockError && e.code === 'AIRLOCK_E_POLICY_NOT_FOUND' && /known: .*balanced/.test(e.message));
  assert.throws(() => loadPolicy('./nowhere/x.yaml'), (e: unknown) => e instanceof AirlockError && e.code === 'AIRLOCK_E_POLICY_NOT_FOUND');
  assert.throws(() => loadPolicy('../etc/passwd'), (e: unknown) => e instanceof AirlockError && e.code === 'AIRLOCK_E_POLICY_NOT_FOUND');
});

test('a policy is known by where it came from and its hash, never by the name inside the file', () => {
  const shipped = loadPolicy('balanced');
  assert.equal(shipped.ref.source, 'shipped');
  assert.equal(shipped.ref.id, `balanced@sha256:${shipped.ref.hash}`);
  // A file anywhere else that calls itself `balanced` is not the shipped preset, by path too.
  const dir = scratch();
  const impostor = path.join(dir, 'balanced.yaml');
  writeFileSync(impostor, GOOD.replace('name: tiny', 'name: balanced'));
  const p = loadPolicy(impostor);
  assert.equal(p.ref.name, 'balanced');
  assert.equal(p.ref.source, 'file');
  assert.equal(p.ref.file, realpathSync(impostor));
  assert.equal(p.ref.id, `${realpathSync(impostor)}@sha256:${createHash('sha256').update(readFileSync(impostor)).digest('hex')}`);
  assert.equal(loadPolicy(impostor, { source: 'config' }).ref.source, 'config');
  // The shipped preset reached by its path is still the shipped preset.
  assert.equal(loadPolicy(path.resolve('presets/strict.yaml')).ref.source, 'shipped');
});

test('an empty file is invalid, not a crash', () => {
  const err = failure('');
  assert.equal(err.code, 'AIRLOCK_E_POLICY_INVALID');
  assert.match(err.message, /^presets\/x\.yaml:1:1: .*object/);
});
