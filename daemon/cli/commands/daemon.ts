// `airlock daemon run|start|stop|status`. `run` is airlockd in the foreground (what `npm start` runs).
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AirlockError } from '../../../protocol/errors';
import { startDaemon } from '../../server/daemon';
import { PID_FILE, STATE_FILE } from '../../server/home';
import { write, type Command } from '../context';
import { ensureDaemon, homeOf, probe, stopDaemon, type Health } from '../daemon-process';

function describe(h: Health): string {
  const providers = h.providers.map((p) => `${p.name}(${p.circuit}${p.hasKey ? ', key' : ''})`).join(' ');
  return `airlockd ${h.version} running: pid ${h.pid}, up ${Math.round(h.uptimeMs / 1000)} s, policy ${h.policy.name}, ${h.records} records in ${h.storePath}\nproviders: ${providers}\n`;
}

async function runForeground(env: NodeJS.ProcessEnv, stdout: NodeJS.WritableStream): Promise<number> {
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  const daemon = await startDaemon({ env, onStopped: () => resolveStopped() });
  const pidFile = path.join(daemon.home, PID_FILE);
  const stateFile = path.join(daemon.home, STATE_FILE);
  writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  writeFileSync(stateFile, `${JSON.stringify({ pid: process.pid, port: daemon.port, startedAt: new Date().toISOString() })}\n`, { mode: 0o600 });
  const onSignal = () => void daemon.stop();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  stdout.write(`airlockd listening on 127.0.0.1:${daemon.port} (home ${daemon.home})\n`);
  await stopped;
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  rmSync(pidFile, { force: true });
  rmSync(stateFile, { force: true });
  return 0;
}

export const daemon: Command = (ctx) => async (argv) => {
  const [sub, ...rest] = argv;
  if (rest.length) throw new AirlockError('AIRLOCK_E_USAGE', `airlock daemon ${sub} takes no arguments`);
  const home = homeOf(ctx.env);
  switch (sub) {
    case 'run':
      return runForeground(ctx.env, ctx.stdout);
    case 'start': {
      const { health, started } = await ensureDaemon(ctx.env);
      await write(ctx.stdout, started ? `started ${describe(health)}` : `already ${describe(health)}`);
      return 0;
    }
    case 'stop': {
      const { wasRunning } = await stopDaemon(home, undefined, ctx.env);
      await write(ctx.stdout, wasRunning ? 'airlockd stopped\n' : 'airlockd is not running\n');
      return 0;
    }
    case 'status': {
      const health = await probe(home, ctx.env);
      if (!health) throw new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', 'airlockd is not running; start it with `airlock daemon start`');
      await write(ctx.stdout, describe(health));
      return 0;
    }
    default:
      throw new AirlockError('AIRLOCK_E_USAGE', 'airlock daemon run | start | stop | status');
  }
};
