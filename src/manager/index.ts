// Public face of the portfolio manager.
export { PortfolioManager, type ManagerConfig } from './portfolio-manager.js';
export { sizeOpen, type SizingConfig, type FixedQuantity, type FixedFraction } from './sizing.js';
