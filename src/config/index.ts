// Public face of configuration: the run config, its schema and loaders.
export { loadConfigFile, normalizeConfig, type RunConfig } from './run-config.js';
export { RUN_CONFIG_SCHEMA } from './schema.js';
export type { StrategyConfig } from './strategy-config.js';
