// The extension's log channel is levelled; airlockd's JSON lines land on it at their own level, in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDaemonLine, writeDaemonLog, type LevelledLog } from '../../../extension/daemon/log-levels';

test('a daemon JSON line keeps its level and reads as "event key=value"', () => {
  assert.deepEqual(parseDaemonLine('{"at":"2026-11-29T19:38:16.243Z","level":"warn","event":"provider down","provider":"openai","attempts":3}'),
    { level: 'warn', message: 'airlockd: provider down provider=openai attempts=3' });
  assert.deepEqual(parseDaemonLine('{"level":"fatal","event":"crashed"}'), { level: 'error', message: 'airlockd: crashed' });
  assert.deepEqual(parseDaemonLine('{"level":"chatty","event":"x"}').level, 'info');
  assert.deepEqual(parseDaemonLine('airlockd listening on 127.0.0.1:44025'), { level: 'info', message: 'airlockd listening on 127.0.0.1:44025' });
  assert.deepEqual(parseDaemonLine('42'), { level: 'info', message: '42' });
});

test('a chunk of several lines goes line by line; blank lines are skipped', () => {
  const got: string[] = [];
  const channel = Object.fromEntries((['trace', 'debug', 'info', 'warn', 'error'] as const).map((l) => [l, (m: string) => got.push(`${l}: ${m}`)])) as unknown as LevelledLog;
  writeDaemonLog(channel, '{"level":"error","event":"store failed","code":"AIRLOCK_E_STORE"}\n\nplain text\n{"level":"debug","event":"tick"}\n');
  assert.deepEqual(got, ['error: airlockd: store failed code=AIRLOCK_E_STORE', 'info: plain text', 'debug: airlockd: tick']);
});
