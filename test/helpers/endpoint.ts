// A real airlockd with the recording simulators as upstreams and one endpoint key, for the HTTP surface tests.
import type { TestContext } from 'node:test';
import { endpointKeyFile } from '../../daemon/server/surfaces/keys';
import { startTestDaemon, type TestDaemon } from './daemon';
import { SIM_KEYS, simConfig, startSims, type Sims } from './sims';

export interface EndpointSetup {
  sims: Sims;
  daemon: TestDaemon;
  key: string;
  base: string;
}

/** `extra` is appended to the config after the catalogue's models (more models, say). */
export async function startEndpoint(t: TestContext, policy = 'balanced', extra = ''): Promise<EndpointSetup> {
  const sims = await startSims(t);
  const daemon = await startTestDaemon(t, { config: simConfig(sims, policy, extra), env: SIM_KEYS });
  const key = endpointKeyFile(daemon.home).create('test-tool', new Date('2026-01-01T00:00:00Z'));
  return { sims, daemon, key, base: `http://127.0.0.1:${daemon.port}` };
}

/** A prompt with a canary secret and proprietary code: must stay on the local model. */
export const SECRET_AND_CODE = {
  text: 'Why does charges.create throw?\n```ts\nconst stripe = new Stripe("sk_live_51Hq8ZcCanaryQ4vT7wX2nB5mK9pL3sR6yD1fG");\nexport function settleLedgerCanary(entries: LedgerEntry[]): number {\n  return entries.reduce((s, e) => s + e.amountCents, 0);\n}\n```',
  canaries: ['sk_live_51Hq8ZcCanaryQ4vT7wX2nB5mK9pL3sR6yD1fG', 'settleLedgerCanary'],
};

/** Blocked outright under `strict` (private-keys-blocked). */
export const PRIVATE_KEY = 'Is this key in the right format for nginx?\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7c4nAryCanary77\nq9ZxT2vB5mK8pL3wR6yN1sD4fH7jU0eC2gA5iO8kM3nQ6rT9vX2zB5dF8hJ1lP4o\n-----END PRIVATE KEY-----';

export const PUBLIC_QUESTION = 'What is the difference between TCP and UDP?';

export function assertNoCanary(sims: Sims, canaries: readonly string[]): void {
  for (const s of [...sims.hosted, sims.privateEu]) {
    const bytes = s.receivedText();
    for (const c of canaries) if (bytes.includes(c)) throw new Error(`a non-local simulator received the canary ${c}`);
  }
}
