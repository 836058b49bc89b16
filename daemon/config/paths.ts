// Where the daemon keeps its state and reads its config: one rule for daemon, CLI and extension (protocol/node/home.ts).
export { airlockHome, configFile } from '../../protocol/node/home';
