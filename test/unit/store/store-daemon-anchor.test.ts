// The anchor wiring in a real in-process airlockd: each commit's head goes to the daemon log and decisions.head,
// and a daemon started on a store cut behind its back says so in the log and in audit/verify.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { ANCHOR_FILE, STORE_FILE } from '../../../daemon/store';
import type { Logger } from '../../../daemon/server/log';
import { startTestDaemon, tempHome } from '../../helpers/daemon';

const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi3ZqUlK8d1Rz2vDr4Fj9XnSk1b', '-----END RSA PRIVATE KEY-----'].join('\n');
const facts = { source: 'cli' as const, interactive: true };

function capture(): Logger & { lines: { level: string; event: string; fields: Record<string, unknown> }[] } {
  const lines: { level: string; event: string; fields: Record<string, unknown> }[] = [];
  return { lines, info: (event, fields = {}) => void lines.push({ level: 'info', event, fields }), error: (event, fields = {}) => void lines.push({ level: 'error', event, fields }) };
}

test('the daemon logs every commit head, keeps decisions.head with it, and reports a store cut while it was down', async (t) => {
  const home = tempHome(t, 'policy: strict\n');
  const log = capture();
  const first = await startTestDaemon(t, { home, log });
  const client = await first.client();
  for (const requestId of ['a', 'b', 'c']) {
    await assert.rejects(client.request('chat/send', { requestId, text: PEM, facts }), { code: 'AIRLOCK_E_BLOCKED' });
  }
  const heads = log.lines.filter((l) => l.event === 'audit head').map((l) => l.fields.head as string);
  assert.equal(heads.length, 3);
  const anchor = JSON.parse(readFileSync(join(home, ANCHOR_FILE), 'utf8')) as { seq: number; hash: string };
  assert.equal(heads[2], `${anchor.hash}@3`);
  client.close();
  await first.stop();

  const raw = new Database(join(home, STORE_FILE));
  raw.exec('DROP TRIGGER records_no_delete; DROP TRIGGER record_signals_no_delete; DELETE FROM record_signals WHERE record_seq = 3; DELETE FROM records WHERE seq = 3;');
  raw.close();

  const restartLog = capture();
  const second = await startTestDaemon(t, { home, log: restartLog });
  const broken = restartLog.lines.find((l) => l.event === 'audit chain broken at start');
  assert.equal(broken?.fields.code, 'AIRLOCK_E_AUDIT_ANCHOR');
  assert.match(String(broken?.fields.reason), /entries 3\.\.3 are missing/);
  const verify = await (await second.client()).request('audit/verify', {});
  assert.equal(verify.ok, false);
  assert.match(verify.firstBroken?.reason ?? '', new RegExp(`says the chain reached ${heads[2]}`));
});
