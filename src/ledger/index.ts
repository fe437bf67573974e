// Public face of the ledger service.
export { Ledger, type LedgerConfig } from './ledger.js';
export { Position, type Lot, type LotMethod, type CloseResult } from './position.js';
