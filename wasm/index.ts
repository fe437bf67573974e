// The WebAssembly module's exports: every kernel, plus where the free heap starts.
export { sma } from './sma';
export { crossover } from './crossover';
export { smaCross } from './sma-cross';
export { simulate } from './simulate';
export * from './orders/layout';
export { smaCrossBacktest, scaledPrefix } from './compute';
export { smaCrossSweep, sweepPrepare, SWEEP_RESULT_SIZE, SWEEP_STATE_SIZE, PREPARE_STATE_SIZE } from './sweep';
export { signalSweep, lineCrossSweep, SIGNAL_RESULT_SIZE, ACTION_NONE, ACTION_BUY, ACTION_SELL, ACTION_REFUSE, ACTION_UNSUPPORTED } from './sweep-signals';
export {
  STATUS_OK, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, EVENT_EXPIRE, EVENT_TRIGGER, EVENT_WATCH, STATUS_BAD_ARGS, STATUS_CAPACITY, CROSS_UP, CROSS_DOWN,
} from './codes';
export { TRADE_STRIDE, RESULT_SIZE } from './compute';
export { tradeRows, TRADE_ROWS_RESULT_SIZE } from './ingest-trades';

/** First byte after static data: the arena managed from TypeScript starts here. */
export function heapBase(): usize {
  return __heap_base;
}
export * from './indicators/index';
