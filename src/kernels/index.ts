// Public face of the kernels: wrappers that validate, size buffers and run wasm or the js reference.
export * from './codes.js';
export { Arena, kernelModule, type KernelExports, type WasmTarget } from './wasm-module.js';
export { Workspace, Buf } from './workspace.js';
export { SmaKernel, smaOf, requirePeriod } from './sma.js';
export { CrossoverKernel, crossoverOf } from './crossover.js';
export { SmaCrossKernel, smaCrossOf, PRICE_SCALE, checkExactRange, checkWindows } from './sma-cross.js';
export { SimulateKernel, type SliceBuffers, type SimulateParams } from './simulate.js';
export { OrderTable, type OrderSpec } from './order-table.js';
export * as orderCodes from './order-layout.js';
export { ComputeSeries, runSmaCrossBacktest, tradesFromRecords, type ComputeParams, type ComputeResult, type ComputeTrade } from './compute.js';
export { SweepSeries, SWEEP_RESULT_SIZE, type SweepCosts, type SweepRun } from './sweep.js';
export { SignalSeries, type DecisionTable, type SignalColumns, type SeriesSlice } from './sweep-signals.js';
export { TradeRowsKernel, TRADE_ROWS_STAGE, TRADE_ROWS_WINDOW, TRADE_ROWS_PREFIX, TRADE_ROWS_RESULT_SIZE } from './trade-rows.js';
export * from './indicators/index.js';
