// Runs the real `airlock` program as a child process (node + tsx + daemon/cli/airlock.ts), as a user would.
import { execFile } from 'node:child_process';
import path from 'node:path';

export const AIRLOCK_ENTRY = path.resolve(import.meta.dirname, '../../daemon/cli/airlock.ts');

export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function airlock(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', AIRLOCK_ENTRY, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

export { freePort } from './net';
