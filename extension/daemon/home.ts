// Where airlockd keeps its token: `$AIRLOCK_HOME` or `~/.airlock` (the same rule as the daemon; not imported from it,
// the extension knows the daemon only through protocol/).
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AirlockError } from '../../protocol/errors';

export function airlockHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.AIRLOCK_HOME ? path.resolve(env.AIRLOCK_HOME) : path.join(os.homedir(), '.airlock');
}

export async function readDaemonToken(home: string): Promise<string> {
  const file = path.join(home, 'token');
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch {
    throw new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `airlockd is not running: no token at ${file}. Start it with \`airlock daemon start\` (or \`npm start\`).`);
  }
  if (!/^[0-9a-f]{64}$/.test(text)) throw new AirlockError('AIRLOCK_E_UNAUTHORIZED', `the token file ${file} is damaged: delete it and restart airlockd`);
  return text;
}
