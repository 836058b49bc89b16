// What the provider tests share: the ProviderError a stream must fail with, and an AWS environment of their own.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { ProviderError } from '../../daemon/providers';

/** The ProviderError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ProviderError, `expected a ProviderError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the stream to fail');
}

/** Static AWS credentials in the environment and a throwaway HOME for this test, so the credential chain never reads
 *  a developer's ~/.aws; both restored after. */
export function awsEnv(t: TestContext): void {
  const saved = { ...process.env };
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-aws-home-'));
  Object.assign(process.env, { HOME: home, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_EC2_METADATA_DISABLED: 'true' });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  t.after(() => {
    process.env = saved;
    rmSync(home, { recursive: true, force: true });
  });
}
