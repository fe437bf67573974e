// Public face of the event layer: types matching contracts/, the bus, ids, the event log.
export * from './types.js';
export { EventBus, type Handler } from './bus.js';
export { IdFactory, deriveRunId } from './ids.js';
export { EventFactory, type PayloadOf } from './factory.js';
export { EventLog } from './event-log.js';
export { noteFillFacts, fillFactsOf, type FillFacts } from './fill-facts.js';
