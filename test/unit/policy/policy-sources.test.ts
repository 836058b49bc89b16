// Which policy files a client may choose: shipped presets, presets under the config's policyDirs, the config's
// own policy; nothing else, however it is spelled (relative, `..`, a symbolic link out of a policy folder).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { AirlockError } from '../../../protocol';
import { availablePolicies, resolveAllowed, resolveConfigPolicy } from '../../../daemon/policy/sources';

const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'airlock-sources-')));
after(() => rmSync(root, { recursive: true, force: true }));
const teamDir = path.join(root, 'team');
const elsewhere = path.join(root, 'elsewhere');
mkdirSync(teamDir);
mkdirSync(elsewhere);
const PRESET = 'name: balanced\nversion: "1"\ndescription: x\nclasses: { local: {}, hosted: {} }\nrules: []\ndefault: { route: hosted }\n';
writeFileSync(path.join(teamDir, 'team-eu.yaml'), PRESET);
writeFileSync(path.join(teamDir, 'team-eu.test.yaml'), 'cases: []\n');
writeFileSync(path.join(teamDir, 'notes.txt'), 'not a preset');
writeFileSync(path.join(elsewhere, 'open.yaml'), PRESET);
writeFileSync(path.join(elsewhere, 'config-policy.yaml'), PRESET);
symlinkSync(path.join(elsewhere, 'open.yaml'), path.join(teamDir, 'linked.yaml'));

const sources = { policyDirs: [teamDir], configPolicy: 'balanced' };
const refused = (code: string) => (e: unknown) => e instanceof AirlockError && e.code === code;

test('shipped presets by name and by path; policy-folder presets by name and by path', () => {
  assert.equal(resolveAllowed('strict', sources).source, 'shipped');
  assert.equal(resolveAllowed(path.resolve('presets/strict.yaml'), sources).source, 'shipped');
  assert.deepEqual(resolveAllowed('team-eu', sources), { source: 'policy-dir', path: path.join(teamDir, 'team-eu.yaml') });
  assert.deepEqual(resolveAllowed(path.join(teamDir, 'team-eu.yaml'), sources), { source: 'policy-dir', path: path.join(teamDir, 'team-eu.yaml') });
  assert.ok(availablePolicies(sources).includes('team-eu'));
  assert.ok(availablePolicies(sources).includes('balanced'));
  assert.ok(!availablePolicies(sources).includes('linked'), 'a link out of the folder is not offered');
  assert.ok(!availablePolicies(sources).includes('team-eu.test'));
});

test('any other path is POLICY_NOT_ALLOWED, existing or not, however spelled', () => {
  const outside = path.join(elsewhere, 'open.yaml');
  for (const asked of [
    outside,
    path.relative(process.cwd(), outside),
    path.join(teamDir, '..', 'elsewhere', 'open.yaml'),
    path.join(teamDir, 'linked.yaml'),
    path.join(teamDir, 'team-eu.test.yaml'),
    path.join(teamDir, 'notes.txt'),
    path.join(elsewhere, 'missing.yaml'),
    '/etc/passwd',
    'presets/../package.json',
  ]) {
    assert.throws(() => resolveAllowed(asked, sources), refused('AIRLOCK_E_POLICY_NOT_ALLOWED'), asked);
  }
  assert.throws(() => resolveAllowed('linked', sources), refused('AIRLOCK_E_POLICY_NOT_FOUND'), 'a name whose file links out is not found');
  assert.throws(() => resolveAllowed('no-such', sources), refused('AIRLOCK_E_POLICY_NOT_FOUND'));
});

test("the config's own policy may be any file, and clients may name it", () => {
  const configPolicy = path.join(elsewhere, 'config-policy.yaml');
  const withConfigFile = { policyDirs: [teamDir], configPolicy };
  assert.deepEqual(resolveConfigPolicy(withConfigFile), { source: 'config', path: configPolicy });
  assert.deepEqual(resolveAllowed(configPolicy, withConfigFile), { source: 'config', path: configPolicy });
  assert.throws(() => resolveAllowed(path.join(elsewhere, 'open.yaml'), withConfigFile), refused('AIRLOCK_E_POLICY_NOT_ALLOWED'));
  assert.equal(resolveConfigPolicy({ policyDirs: [teamDir], configPolicy: 'team-eu' }).source, 'policy-dir');
});
