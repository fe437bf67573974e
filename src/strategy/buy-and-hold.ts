// buy_and_hold: buy each symbol at its first bar and hold to the end.
import type { Buf, Workspace } from '../kernels/index.js';
import type { Decision, StrategySlice, SymbolState, VectorStrategy } from './strategy.js';

/** Signals OPEN_LONG at each symbol's first valid close; the order fills at the next open. */
export class BuyAndHoldStrategy implements VectorStrategy {
  readonly name = 'buy_and_hold';
  readonly params: Readonly<Record<string, number>> = {};
  readonly warmup = 1;
  readonly inputs = ['close'] as const;
  private seen: Uint8Array = new Uint8Array(0);

  init(_ws: Workspace, nsym: number): void {
    this.seen = new Uint8Array(nsym);
  }

  signals(slice: StrategySlice, out: Buf<Int32Array>): void {
    const close = slice.close.view();
    const sig = out.view();
    sig.fill(0, 0, this.seen.length * slice.len);
    for (let s = 0; s < this.seen.length; s++) {
      if (this.seen[s]) continue;
      // per-symbol scan only until the first valid bar: O(1) amortised over the run
      for (let i = 0; i < slice.len; i++) {
        if (close[s * slice.len + i] === close[s * slice.len + i]) {
          sig[s * slice.len + i] = 1;
          this.seen[s] = 1;
          break;
        }
      }
    }
  }

  decide(_value: number, state: SymbolState): Decision | null {
    if (state.pending || state.position !== 0) return null;
    return { intention: 'OPEN_LONG', reason: 'buy and hold: first bar' };
  }
}
