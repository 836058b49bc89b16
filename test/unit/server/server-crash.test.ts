// kill -9 the daemon in the middle of a burst of chat/send: after a restart the audit chain verifies and every
// record whose chat/send was acknowledged is in the store.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { test } from 'node:test';
import { AirlockError } from '../../../protocol';
import { connect } from '../../../daemon/server/client';
import { AIRLOCK_ENTRY, airlock } from '../../helpers/airlock-process';
import { within } from '../../helpers/bounded';
import { tempHome } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

/**
 * `airlock daemon run` on port 0: the daemon binds a free port itself (no port picked here and freed before it binds)
 * and says which on stdout once it listens, so `port` is an event, not a poll.
 */
function runDaemon(env: NodeJS.ProcessEnv): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', AIRLOCK_ENTRY, 'daemon', 'run'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
  const port = new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`airlockd exited (${code}) before listening: ${out}`)));
  });
  return { child, port: within(port, 'airlockd to listen') };
}


test('SIGKILL during a burst: chain verifies, every acknowledged record survives', { timeout: 120_000 }, async (t) => {
  const sims = await startSims(t);
  const home = tempHome(t, `port: 0\n${simConfig(sims)}`);
  const env = { AIRLOCK_HOME: home, ...SIM_KEYS };
  const { child: first, port } = runDaemon(env);
  t.after(() => first.kill('SIGKILL'));
  const client = await connect({ home, port: await port });

  const acknowledged: string[] = [];
  const prompts = ['What is a B-tree?', 'password = "Xq7!vLr2-canary-crash"\nwhy rejected?', 'Explain CAP theorem.', 'Is 0.1 + 0.2 == 0.3 in JS?'];
  let i = 0;
  let killedAt = -1;
  const burst: Promise<void>[] = [];
  // Four concurrent senders, until the kill cuts them off.
  for (let lane = 0; lane < 4; lane++) {
    burst.push((async () => {
      for (;;) {
        const n = i++;
        try {
          const { record } = await client.request('chat/send', { requestId: `burst-${n}`, text: prompts[n % prompts.length]!, facts: { source: 'chat', interactive: true } });
          acknowledged.push(record.id);
        } catch (err) {
          const id = err instanceof AirlockError ? (err.details?.recordId as string | undefined) : undefined;
          if (id) acknowledged.push(id);
          else return; // The connection died with the daemon.
        }
        if (acknowledged.length >= 25 && killedAt < 0) {
          killedAt = acknowledged.length;
          first.kill('SIGKILL');
        }
      }
    })());
  }
  await Promise.all(burst);
  assert.ok(killedAt >= 25);
  await new Promise<void>((resolve) => (first.exitCode !== null || first.signalCode !== null ? resolve() : first.once('exit', () => resolve())));
  assert.equal(first.signalCode, 'SIGKILL');

  const second = runDaemon(env);
  t.after(() => second.child.kill('SIGKILL'));
  const after = await connect({ home, port: await second.port });
  const verify = await airlock(['audit', 'verify'], env);
  assert.equal(verify.code, 0, verify.stderr);
  for (const id of acknowledged) assert.equal((await after.request('decision/get', { id })).record.id, id);
  const health = await after.request('health/get', {});
  assert.ok(health.records >= acknowledged.length, `${health.records} stored, ${acknowledged.length} acknowledged`);
  after.close();
  await airlock(['daemon', 'stop'], env);
});
