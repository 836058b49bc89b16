// What the provider adapter tests share: the ProviderError a stream must fail with.
import assert from 'node:assert/strict';
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
