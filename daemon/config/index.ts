// The daemon config: paths, schema, reader and watcher.
export { airlockHome, configFile } from './paths';
export { defaultConfig, hashBytes, loadConfig, parseConfig, type DaemonConfig } from './load';
export { watchFile, type FileWatch } from './watch';
