// sma_cross: long when the fast SMA crosses above the slow one, flat when it crosses below.
import { SmaCrossKernel, checkWindows, CROSS_UP, CROSS_DOWN, type Buf, type Workspace } from '../kernels/index.js';
import type { Decision, StrategySlice, SymbolState, VectorStrategy } from './strategy.js';

/**
 * sma_cross(fast, slow): backtrader's CrossOver of SMA(fast) over SMA(slow) of closes, decided
 * exactly (see wasm/sma-cross.ts). Flat and crossing up: OPEN_LONG; long and crossing down:
 * CLOSE_LONG. The first bar that can signal is bar `slow` (0-based).
 */
export class SmaCrossStrategy implements VectorStrategy {
  readonly name = 'sma_cross';
  readonly params: Readonly<Record<string, number>>;
  readonly warmup: number;
  readonly inputs = ['close'] as const;
  private kernel: SmaCrossKernel | undefined;
  // the two decisions, made once (decisions are read-only)
  private readonly up: Decision;
  private readonly down: Decision;

  constructor(readonly fast: number, readonly slow: number) {
    checkWindows(fast, slow);
    this.params = { fast, slow };
    this.warmup = slow + 1;
    this.up = { intention: 'OPEN_LONG', reason: `SMA(${fast}) crossed above SMA(${slow})` };
    this.down = { intention: 'CLOSE_LONG', reason: `SMA(${fast}) crossed below SMA(${slow})` };
  }

  init(ws: Workspace, nsym: number): void {
    this.kernel = new SmaCrossKernel(ws, this.fast, this.slow, nsym);
  }

  signals(slice: StrategySlice, out: Buf<Int32Array>): void {
    this.kernel!.run(slice.close, out, slice.len);
  }

  decide(value: number, state: SymbolState): Decision | null {
    if (state.pending) return null;
    if (value === CROSS_UP && state.position === 0) return this.up;
    if (value === CROSS_DOWN && state.position > 0) return this.down;
    return null;
  }
}
