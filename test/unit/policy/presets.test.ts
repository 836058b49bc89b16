// Every shipped preset's test file, run through the real detectors: the same check as `airlock policy test`.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { scan } from '../../../daemon/detect';
import { defaultPresetsDir, listPresets } from '../../../daemon/policy/load';
import { runPresetTests } from '../../../daemon/policy/test-runner';

const presets = listPresets();

// Which presets ship is checked once, in policy-presets.test.ts.
for (const name of presets) {
  test(`preset ${name}: its test cases pass with the real detectors`, async (t) => {
    const results = await runPresetTests([path.join(defaultPresetsDir(), `${name}.yaml`)], scan);
    assert.ok(results.length >= 8, `${name} has ${results.length} cases; at least 8 expected`);
    for (const r of results) {
      await t.test(r.name, () => assert.deepEqual(r.diff, [], `${r.file}:${r.line}`));
    }
  });
}
