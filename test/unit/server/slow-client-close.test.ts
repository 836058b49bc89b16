// A client that stops reading is closed by airlockd with WebSocket close 1008 and AIRLOCK_E_SLOW_CLIENT first in the
// reason. The CLI's and the extension's clients (one core, protocol/rpc-client.ts) fail the requests still waiting
// with that code, its message and what to do, not as "daemon unreachable". Real daemon, real sockets; the pause is a
// proxy that stops taking the daemon's bytes, so the clients under test are the shipped ones.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { connect } from '../../../daemon/server/client';
import type { ConnectionLimits } from '../../../daemon/server/connection';
import { DaemonConnection } from '../../../extension/daemon/connection';
import { AirlockError, ERRORS } from '../../../protocol/errors';
import { socketPath } from '../../../protocol/node/home';
import { closeError } from '../../../protocol/rpc-client';
import { within } from '../../helpers/bounded';
import { startTestDaemon, tempHome } from '../../helpers/daemon';
import { pausingProxy } from '../../helpers/pausing-proxy';
import { endlessRunner } from '../../helpers/runners';

// Small backlog limits so a paused reader trips them soon; a long grace so the daemon never cuts the socket before
// the proxy resumes and the close frame arrives.
const LIMITS: Partial<ConnectionLimits> = { pauseBytes: 256 * 1024, resumeBytes: 64 * 1024, closeBytes: 1024 * 1024, closeGraceMs: 600_000 };
const ASK = { requestId: 'endless', text: 'What is TCP slow start?', facts: { source: 'chat' as const, interactive: true } };

/** A daemon streaming an endless answer, behind a proxy; resolves `slowClosed` when it closes a client as slow. */
async function slowSetup(t: TestContext) {
  let onClosed!: () => void;
  const slowClosed = new Promise<void>((resolve) => (onClosed = resolve));
  const log = { info: (event: string) => void (event.startsWith('connection closed: the client does not read') && onClosed()), error() {} };
  const d = await startTestDaemon(t, { runner: endlessRunner().runner, log, connectionLimits: LIMITS });
  assert.ok(d.socketPath, 'the daemon listens on its Unix socket');
  // The proxy is the socket of a second home, so the CLI finds it the way it finds a daemon.
  const clientHome = tempHome(t);
  const proxy = await pausingProxy(t, d.socketPath, socketPath(clientHome)!);
  return { d, proxy, slowClosed, clientHome };
}

function assertSlowClient(err: unknown): true {
  assert.ok(err instanceof AirlockError, String(err));
  assert.equal(err.code, 'AIRLOCK_E_SLOW_CLIENT');
  assert.match(err.message, /WebSocket close 1008\): the client did not read its replies\./);
  assert.ok(err.message.endsWith(ERRORS.AIRLOCK_E_SLOW_CLIENT.doc), 'the fix comes with it');
  return true;
}

test('the CLI client: a request waiting when the daemon closes it as slow fails with AIRLOCK_E_SLOW_CLIENT', async (t) => {
  const { d, slowClosed, proxy, clientHome } = await slowSetup(t);
  const client = await connect({ home: clientHome, token: d.token });
  t.after(() => client.close());
  proxy.pause();
  const answer = client.request('chat/send', ASK);
  await within(slowClosed, 'the daemon closing the paused client');
  proxy.resume();
  await assert.rejects(within(answer, 'the request failing'), assertSlowClient);
  await within(client.closed, 'the socket closing');
});

test('the extension: the same close fails its request with AIRLOCK_E_SLOW_CLIENT and says why it reconnects', async (t) => {
  const { d, proxy, slowClosed } = await slowSetup(t);
  const never = { initialMs: 3_600_000, maxMs: 3_600_000, jitter: 0 };
  const connection = new DaemonConnection({ env: {}, home: d.home, endpoints: () => [{ kind: 'unix', path: proxy.path }], backoff: never });
  t.after(() => connection.dispose());
  const down = new Promise<string>((resolve) => connection.onState((state, message) => void (state === 'down' && resolve(message))));
  connection.start();
  await within(connection.waitConnected(20_000), 'connecting');
  proxy.pause();
  const answer = connection.request('chat/send', ASK);
  await within(slowClosed, 'the daemon closing the paused client');
  proxy.resume();
  await assert.rejects(within(answer, 'the request failing'), assertSlowClient);
  assert.match(await within(down, 'the connection going down'), /^airlockd closed the connection \(AIRLOCK_E_SLOW_CLIENT: /);
});

test('only a close reason that starts with a known code is an error of its own', () => {
  assert.equal(closeError(1008, 'AIRLOCK_E_SLOW_CLIENT: the client did not read its replies')?.code, 'AIRLOCK_E_SLOW_CLIENT');
  assert.equal(closeError(1000, ''), null);
  assert.equal(closeError(1008, 'AIRLOCK_E_NO_SUCH_CODE: x'), null);
  assert.equal(closeError(1001, 'going away'), null);
});
