// Shared value types of qtrader: sides, order types, intentions, time in force.
// Imported by every layer; imports nothing.

/** Side of an order or fill. */
export type Side = 'buy' | 'sell';

/** Side of a position. */
export type PositionSide = 'long' | 'short' | 'flat';

/** What a strategy wants to do (contract `strategy/signal`). */
export type Intention = 'OPEN_LONG' | 'CLOSE_LONG' | 'OPEN_SHORT' | 'CLOSE_SHORT';

/** Order types of the `manager/order` contract. */
export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit';

/** Time in force of the `manager/order` contract. */
export type TimeInForce = 'GTC' | 'DAY' | 'IOC' | 'FOK';

/** Bar interval names of the `data/bar` contract. */
export type Interval =
  | '1s' | '5s' | '10s' | '15s' | '30s'
  | '1m' | '2m' | '5m' | '10m' | '15m' | '30m'
  | '1h' | '4h' | '1d';

/** Which kernel implementation a wrapper runs. */
export type KernelEngine = 'wasm' | 'js';
