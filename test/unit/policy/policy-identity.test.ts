// How the Decisions view and `airlock explain` name a record's policy: by origin and hash; a policy that is not a
// shipped preset is said to be so, whatever name it gives itself.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { describePolicy } from '../../../protocol';
import { renderRecord } from '../../../daemon/cli/render';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { loadPolicy } from '../../../daemon/policy/load';
import { plan } from '../../../daemon/route/plan';

const IMPOSTOR = 'name: balanced\nversion: "1.0.0"\ndescription: x\nclasses: { local: {}, hosted: {} }\nrules: []\ndefault: { route: hosted }\n';

async function explainWith(policyPath: string) {
  const { record } = await plan('hello', { source: 'cli', interactive: true }, { policy: loadPolicy(policyPath), catalogue: defaultCatalogue, storage: 'redacted', now: new Date('2026-01-01T00:00:00Z') });
  return record;
}

test('a shipped preset is named by its file and hash; an impostor calling itself balanced is marked not shipped', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-identity-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'balanced.yaml');
  writeFileSync(file, IMPOSTOR);

  const shipped = await explainWith('balanced');
  const shown = describePolicy(shipped.policy);
  assert.equal(shown.shipped, true);
  assert.equal(shown.id, `balanced@sha256:${shipped.policy.hash.slice(0, 12)} ${shipped.policy.version}`);
  assert.match(renderRecord(shipped), /Source: {3}shipped preset\n/);

  const impostor = await explainWith(file);
  const other = describePolicy(impostor.policy);
  assert.equal(other.shipped, false);
  assert.ok(other.id.startsWith(`${impostor.policy.file}@sha256:`), other.id);
  assert.match(other.id, /calls itself 'balanced'/);
  const text = renderRecord(impostor);
  assert.match(text, /Source: {3}not a shipped preset: a file given on the command line/);
  assert.ok(!/Policy: {3}balanced@/.test(text), text);
});

test('a record written before the origin was kept is shown as of unknown origin, not as shipped', () => {
  const legacy = describePolicy({ name: 'balanced', version: '1', hash: 'ab'.repeat(32), file: 'presets/balanced.yaml' });
  assert.equal(legacy.shipped, null);
  assert.match(legacy.origin, /^unknown/);
});
