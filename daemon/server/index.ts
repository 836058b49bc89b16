// airlockd's public surface: start it, connect to it.
export { startDaemon, type Daemon, type DaemonOptions } from './daemon';
export { connect, daemonPort, type DaemonClient, type ConnectOptions } from './client';
export { ensureHome, ensureToken, readToken, LOG_FILE, PID_FILE, SOCKET_FILE, STATE_FILE, TOKEN_FILE } from './home';
