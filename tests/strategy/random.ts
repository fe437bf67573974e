// The strategy tests' seeded generator: the same mulberry32 the indicator tests use.
export { rng as mulberry } from '../kernels/indicators/helpers.js';
