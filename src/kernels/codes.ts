// Integer codes shared with the WebAssembly kernels (wasm/codes.ts); tests/kernels/codes.test.ts checks they agree.

/** The kernel finished its work. */
export const STATUS_OK = 0;
/** simulate: a pending order can fill at the cursor's bar. */
export const EVENT_FILL = 1;
/** simulate: a signal is due at the cursor's bar. */
export const EVENT_SIGNAL = 2;
/** simulate: the cursor's bar is the last of a trading day. */
export const EVENT_DAY_END = 3;
/** simulate: an IOC or FOK order is left working after the bar it was checked at. */
export const EVENT_EXPIRE = 4;
/** simulate: a stop-limit order triggered without filling. */
export const EVENT_TRIGGER = 5;
/** simulate: the equity just valued is at or below the book's watch level. */
export const EVENT_WATCH = 6;
/** An argument is out of range. */
export const STATUS_BAD_ARGS = 100;
/** An output buffer is full. */
export const STATUS_CAPACITY = 101;
/** Signal column value of a cross up. */
export const CROSS_UP = 1;
/** Signal column value of a cross down. */
export const CROSS_DOWN = -1;
/** Floats per trade record of the compute path. */
export const TRADE_STRIDE = 7;
/** Floats in the compute path's result block. */
export const RESULT_SIZE = 8;

/** Names of the codes, for messages. */
export const STATUS_NAMES: Readonly<Record<number, string>> = {
  [STATUS_OK]: 'ok',
  [EVENT_FILL]: 'fill due',
  [EVENT_SIGNAL]: 'signal due',
  [EVENT_DAY_END]: 'day end',
  [EVENT_EXPIRE]: 'order expires',
  [EVENT_TRIGGER]: 'stop triggered',
  [EVENT_WATCH]: 'equity at the watch level',
  [STATUS_BAD_ARGS]: 'bad arguments',
  [STATUS_CAPACITY]: 'output buffer full',
};
