// Public face of the ledger service.
export { Ledger, type LedgerConfig } from './ledger.js';
export { Position, lotPrice, type Lot, type LotMethod, type CloseResult } from './position.js';
export type { FinancingConfig } from './financing.js';
export type { LedgerCheckpoint, PositionCheckpoint } from './checkpoint.js';
export { splitTerms } from './corporate-actions.js';
