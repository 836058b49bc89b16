// What the provider tests share: the ProviderError a stream must fail with, and an AWS environment of their own.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * A Google service-account key file at `file` (what Vertex AI's ADC reads) and the public half the Vertex simulator
 * checks its signed token requests against.
 */
export function serviceAccountFile(file: string, project: string, email: string): { email: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(file, JSON.stringify({ type: 'service_account', project_id: project, private_key_id: 'k1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: email, client_id: '1' }));
  return { email, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}
