// Public face of the portfolio manager: the service, its sizing algorithms and the risk policy types.
export { PortfolioManager, type ManagerConfig } from './portfolio-manager.js';
export { sizeOpen, sizeSignal, kellyFraction, priceVolatility, floorQuotient, type SizingInputs, type SizeResult, type TradeStats } from './sizing.js';
export {
  legacyPolicy, type RiskPolicy, type RiskLimits, type SizingPolicy, type StopsPolicy, type ExitDistance, type Classification, type HaltAction,
  type VolatilityMeasure, type SizingConfig, type FixedQuantity, type FixedFraction, type VolatilityTarget, type Kelly, type InverseVolatility, type EqualWeight,
} from './risk-policy.js';
