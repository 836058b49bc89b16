// The editor scenarios (scenarios.ts) against the Airlock AIRLOCK_E2E_VSIX names: the source checkout by default, the
// installed package in a VS Code without node with AIRLOCK_E2E_VSIX=1 (vsix.e2e.test.ts runs them so in any case).
import { test } from 'node:test';
import { extensionUnderTest } from './harness/index';
import { runMainScenarios } from './scenarios';

test('the editor scenarios in VS Code', { timeout: 600_000 }, async (t) => {
  const target = await extensionUnderTest();
  await runMainScenarios(t, target, `scenarios-${target.kind}`);
});
