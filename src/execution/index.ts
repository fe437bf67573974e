// Public face of the execution service.
export { ExecutionService, type ExecutionConfig, type FillBar } from './execution-service.js';
export { PerShareCommission, type CommissionConfig } from './commission.js';
