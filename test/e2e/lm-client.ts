// What the e2e tests that drive VS Code's language-model API through the lm-client fixture extension share: the
// requests a simulator heard, the fixture's results file, and the daemon the extension started (each wait bounded).
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../../daemon/server/client';
import type { SimHandle } from '../sim/index';

/** The model requests a simulator received (its GETs are model lists and health checks). */
export const generations = (sim: SimHandle) => sim.received.filter((r) => r.method === 'POST');

/** Waits (bounded) for the fixture extension's results file. */
export async function lmResults<T>(file: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the lm-client fixture wrote no results to ${file} within ${timeoutMs} ms`);
    await sleep(250);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Waits (bounded) until the daemon the extension started accepts a client. */
export async function daemonUp(where: { home: string; port: number }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      (await connect({ home: where.home, port: where.port })).close();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(250);
    }
  }
}
