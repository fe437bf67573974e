// bollinger_breakout: buy when the close crosses above the upper Bollinger band, sell when it crosses back below the middle band.
import { ConfigError } from '../model/index.js';
import type { Buf, Workspace } from '../kernels/index.js';
import type { Decision, StrategySlice, SymbolState, VectorStrategy } from './strategy.js';
import { SliceKernel } from './slice-kernel.js';

/** Column bits: the close crossed above the upper band / below the middle / below the lower / above the middle. */
export const BB_UP_UPPER = 1, BB_DOWN_MIDDLE = 2, BB_DOWN_LOWER = 4, BB_UP_MIDDLE = 8;

/**
 * bollinger_breakout(period, mult, short): bands by the bbands kernel (SMA(period) ± mult ·
 * population σ), crossings of the close over each band by the cross kernel (the close on the other
 * side than at the last bar where they differed). Close crossing above the upper band: flat →
 * OPEN_LONG; crossing below the middle band: long → CLOSE_LONG. With short = 1, crossing below the
 * lower band: flat → OPEN_SHORT, and crossing above the middle band: short → CLOSE_SHORT.
 */
export class BollingerBreakoutStrategy implements VectorStrategy {
  readonly name = 'bollinger_breakout';
  readonly params: Readonly<Record<string, number>>;
  readonly warmup: number;
  readonly inputs = ['close'] as const;
  private bands: SliceKernel | undefined;
  private crossUpper: SliceKernel<Int32Array> | undefined;
  private crossMiddle: SliceKernel<Int32Array> | undefined;
  private crossLower: SliceKernel<Int32Array> | undefined;
  private nsym = 0;

  constructor(readonly period: number, readonly mult: number, readonly short: number) {
    if (!Number.isInteger(period) || period < 2) throw new ConfigError(`\`strategy.params.period\` must be an integer ≥ 2; got ${period}`);
    if (!(mult > 0)) throw new ConfigError(`\`strategy.params.mult\` must be a number > 0 (band width in standard deviations); got ${mult}`);
    if (short !== 0 && short !== 1) throw new ConfigError(`\`strategy.params.short\` must be 0 (long only) or 1 (also short); got ${short}`);
    this.params = { period, mult, short };
    this.warmup = period + 1;
  }

  init(ws: Workspace, nsym: number): void {
    this.nsym = nsym;
    this.bands = new SliceKernel(ws, nsym, 'bbands', { period: this.period, mult: this.mult });
    this.crossUpper = new SliceKernel(ws, nsym, 'cross', { direction: 1 });
    this.crossMiddle = new SliceKernel(ws, nsym, 'cross', { direction: 0 });
    this.crossLower = new SliceKernel(ws, nsym, 'cross', { direction: -1 });
  }

  signals(slice: StrategySlice, out: Buf<Int32Array>): void {
    const len = slice.len;
    const [middle, upper, lower] = this.bands!.run([slice.close], len);
    const upB = this.crossUpper!.run([slice.close, upper!], len)[0]!;
    const midB = this.crossMiddle!.run([slice.close, middle!], len)[0]!;
    const lowB = this.crossLower!.run([slice.close, lower!], len)[0]!;
    // views only after every kernel ran: a kernel's first run allocates, which may grow (and detach) the arena
    const up = upB.view(), mid = midB.view(), low = lowB.view();
    const sig = out.view();
    const n = this.nsym * len;
    // long only: the short side's crossings would only make the engine stop for nothing
    const mask = this.short === 1 ? 15 : BB_UP_UPPER | BB_DOWN_MIDDLE;
    for (let i = 0; i < n; i++) {
      sig[i] = ((up[i] === 1 ? BB_UP_UPPER : 0) | (mid[i] === -1 ? BB_DOWN_MIDDLE : 0) | (low[i] === -1 ? BB_DOWN_LOWER : 0) | (mid[i] === 1 ? BB_UP_MIDDLE : 0)) & mask;
    }
  }

  decide(value: number, state: SymbolState): Decision | null {
    if (state.pending) return null;
    const bb = `BB(${this.period}, ${this.mult})`;
    if (state.position > 0) return value & BB_DOWN_MIDDLE ? { intention: 'CLOSE_LONG', reason: `close crossed below the middle band of ${bb}` } : null;
    if (state.position < 0) return value & BB_UP_MIDDLE ? { intention: 'CLOSE_SHORT', reason: `close crossed above the middle band of ${bb}` } : null;
    if (value & BB_UP_UPPER) return { intention: 'OPEN_LONG', reason: `close crossed above the upper band of ${bb}` };
    if (value & BB_DOWN_LOWER && this.short === 1) return { intention: 'OPEN_SHORT', reason: `close crossed below the lower band of ${bb}` };
    return null;
  }
}
