// Public face of the execution service.
export { ExecutionService, type ExecutionConfig, type PositionSource } from './execution-service.js';
export { Commission, newCharges, type CommissionConfig, type OrderCharges } from './costs/commission.js';
export { RegulatoryFees, type FeeConfig } from './costs/fees.js';
export { Slippage, slippageBps, type SlippageConfig } from './costs/slippage.js';
export { fillReason, type ReasonInput } from './fill-reason.js';
export { checkFields, checkPosition, type Refusal, type PositionRules } from './order-intake.js';
export type { Venue, VenueBar } from './venue.js';
