// Public face of the shared model: value types, column types, errors.
export * from './enums.js';
export * from './errors.js';
export * from './bars.js';
export * from './time.js';
export * from './decimal.js';
export * from './portfolio-view.js';
export * from './market-view.js';
export * from './package-root.js';
export * from './atomic-write.js';
