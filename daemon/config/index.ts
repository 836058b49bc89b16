// The daemon config: paths, schema, reader and watcher.
export { airlockHome, configFile, machineConfigFile } from './paths';
export { layerConfig, loadLayeredConfig, loadMachineLayer, managedKeys, parseMachineLayer, type MachineLayer } from './machine';
export { defaultConfig, hashBytes, loadConfig, parseConfig, type DaemonConfig } from './load';
export { watchFile, type FileWatch } from './watch';
