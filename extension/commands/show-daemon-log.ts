// Airlock: Show Daemon Log — the output channel that follows airlockd's log file.
import type { CommandFactory } from './context';

export const showDaemonLog: CommandFactory = (ctx) => () => ctx.daemonLog.show(true);
