// The daemon log never holds prompt text: canaries go through a real daemon with the real file logger (unexpected
// errors quoting the prompt, in chat and in another handler), then airlockd.log is searched for every fragment.
// Also: long values are dropped whole, and a log file that cannot be written is said once and reopened.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parserFor } from '../../../daemon/detect/code/grammars';
import { LOG_FILE } from '../../../daemon/server/home';
import { clean, errorFields, fileLogger, MAX_FIELD } from '../../../daemon/server/log';
import { startTestDaemon, tempHome } from '../../helpers/daemon';
import { events } from '../../helpers/bounded';

const CANARY = 'Zq7vCanaryPrompt-4f1b9e2d-do-not-log';

/** Every 8-character piece of the canary: a log line holding any of them holds part of the prompt. */
function fragments(value: string, size = 8): string[] {
  return Array.from({ length: value.length - size + 1 }, (_, i) => value.slice(i, i + size));
}

test('unexpected errors quoting the prompt leave only their class and frames in airlockd.log', async (t) => {
  const home = tempHome(t, '');
  const log = fileLogger(home);
  const runner = {
    // As a bug in a provider path would: the message quotes the text it choked on.
    run: ({ text }: { text: string }) => Promise.reject(new SyntaxError(`Unexpected token in JSON at position 3: ${text}`)),
    health: () => Promise.reject(new TypeError(`cannot read properties of undefined (reading '${CANARY}')`)),
  };
  const d = await startTestDaemon(t, { home, runner, log });
  const client = await d.client();
  await assert.rejects(
    client.request('chat/send', { requestId: 'r1', text: `What is a monad? ${CANARY}`, facts: { source: 'cli', interactive: true } }),
  );
  await assert.rejects(client.request('health/get', {}), (err: { code?: string }) => err.code === 'AIRLOCK_E_INTERNAL');
  // detect/ cannot log; the daemon hears a grammar that fails to load and logs it with its code.
  assert.equal(parserFor('ruby', () => { throw new Error('ABI mismatch'); }), null);
  await d.stop();
  await log.flush();

  const text = readFileSync(path.join(home, LOG_FILE), 'utf8');
  const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const runnerFailed = lines.find((l) => l.event === 'runner failed');
  const internal = lines.find((l) => l.event === 'internal error');
  assert.ok(runnerFailed && internal, `both errors are logged:\n${text}`);
  assert.equal(runnerFailed.error, 'SyntaxError');
  assert.equal(internal.error, 'TypeError');
  assert.equal(internal.method, 'health/get');
  for (const l of [runnerFailed, internal]) {
    assert.ok(Array.isArray(l.frames) && l.frames.length > 0 && l.frames.every((f) => /^at .*:\d+:\d+\)?$/.test(f)), JSON.stringify(l.frames));
  }
  const grammar = lines.find((l) => l.event === 'grammar failed to load');
  assert.equal(grammar?.code, 'AIRLOCK_E_GRAMMAR');
  assert.match(String(grammar?.message), /the ruby grammar failed to load \(ABI mismatch\)/);
  const leaked = fragments(CANARY).filter((f) => text.includes(f));
  assert.deepEqual(leaked, [], 'no piece of the prompt reaches the log');
});

test('a value longer than the limit is dropped whole, not cut', () => {
  const long = `${CANARY} `.repeat(20);
  assert.ok(long.length > MAX_FIELD);
  const out = clean({ short: 'ok', long, list: [long, 'fine'], n: 3 });
  assert.deepEqual(out, { short: 'ok', long: `[${long.length} chars dropped]`, list: [`[${long.length} chars dropped]`, 'fine'], n: 3 });
});

test('errorFields keeps no line of a multi-line message, even one that looks like a frame', () => {
  const err = new Error(`first line ${CANARY}\n    at ${CANARY} (evil.js:1:1)`);
  const fields = errorFields(err);
  assert.equal(fields.error, 'Error');
  assert.equal(fields.messageChars, err.message.length);
  assert.ok(!JSON.stringify(fields).includes('Canary'), JSON.stringify(fields));
});

test('a log file that cannot be written is reported once with AIRLOCK_E_LOG, and logging resumes', async (t) => {
  const home = tempHome(t);
  const file = path.join(home, LOG_FILE);
  mkdirSync(file); // opening it for append fails (EISDIR), as a full disk or a permission change would make writes fail
  const stderr = new PassThrough();
  const said = events<string>('a fallback line');
  stderr.on('data', (chunk: Buffer) => said.push(chunk.toString()));
  const log = fileLogger(home, undefined, stderr);

  log.info('first');
  await log.flush();
  log.info('second');
  await log.flush();
  const notice = JSON.parse(await said.next()) as Record<string, unknown>;
  assert.equal(notice.code, 'AIRLOCK_E_LOG');
  assert.equal(notice.errno, 'EISDIR');
  assert.equal(said.pending, 0, 'said once, not per line');

  rmSync(file, { recursive: true });
  log.info('third');
  await log.flush();
  const events_ = readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { event: string }).event);
  assert.deepEqual(events_, ['third'], 'the file is reopened on the next line');
});
