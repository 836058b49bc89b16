// airlockd's memory with one client that stops reading (issue 15 §2): the client pauses its socket and sends 2,000
// explain/run requests whose replies are about 54 KB each (108 MB in all). The daemon must stop reading from it
// instead of queueing every reply; the client then reads all 2,000 and disconnects.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { LOG_FILE, readToken } from '../daemon/server/home';
import { MAX_MESSAGE_BYTES } from '../protocol';
import { freePort } from '../test/helpers/net';
import { startDaemonProcess } from './daemon';
import { withTarget, type BenchResult } from './stats';

const REQUESTS = 2000;
// About 54 KB of decision record per reply: 300 findings, each with its span, label and detector.
const TEXT = `Please check these contacts.\n${'Contact ann@example.org or call 415-555-0100 about order 4471. '.repeat(150)}`;

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (bounded) for the daemon log to mention `event`; false when it never did. */
async function logMentions(home: string, event: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (readFileSync(path.join(home, LOG_FILE), 'utf8').includes(event)) return true;
    await delay(100);
  }
  return false;
}

export async function benchPausedReader(): Promise<BenchResult[]> {
  const home = mkdtempSync(path.join(tmpdir(), 'airlock-bench-paused-'));
  let child: ChildProcess | undefined;
  try {
    const port = await freePort();
    writeFileSync(path.join(home, 'config.yaml'), `port: ${port}\npolicy: balanced\n`);
    child = await startDaemonProcess(home);
    const pid = child.pid!;
    const before = rssMb(pid, 'VmRSS');
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { headers: { Authorization: `Bearer ${readToken(home)}` }, maxPayload: MAX_MESSAGE_BYTES });
    await once(ws, 'open');
    ws.pause();
    let replies = 0;
    let failures = 0;
    ws.on('message', (data) => {
      replies++;
      if ('error' in (JSON.parse(String(data)) as object)) failures++;
    });
    for (let id = 0; id < REQUESTS; id++) {
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'explain/run', params: { text: TEXT, facts: { source: 'api', interactive: true } } }));
    }
    // Give the daemon time to take in what it will while nobody reads; then read everything.
    const paused = await logMentions(home, 'connection paused', 60_000);
    await delay(2000);
    const whilePaused = rssMb(pid, 'VmRSS');
    ws.resume();
    const deadline = Date.now() + 300_000;
    while (replies < REQUESTS && Date.now() < deadline) await delay(50);
    ws.close();
    await once(ws, 'close');
    await delay(2000);
    const after = rssMb(pid, 'VmRSS');
    const peak = rssMb(pid, 'VmHWM');
    const ok = paused && replies === REQUESTS && failures === 0;
    const name = `airlockd peak RSS, one paused reader receiving ${REQUESTS} replies of ~54 KB (${replies} received, ${failures} errors; ${paused ? 'reading paused' : 'NEVER paused'})`;
    return [
      withTarget({ name, p50: Math.round(peak), p99: Math.round(peak), unit: 'MB' }, '<= 200', ok && peak <= 200),
      { name: `airlockd RSS before / while the reader is paused / after it disconnected: ${Math.round(before)} / ${Math.round(whilePaused)} / ${Math.round(after)} MB`, p50: Math.round(after), p99: Math.round(after), unit: 'MB' },
    ];
  } finally {
    child?.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
}
