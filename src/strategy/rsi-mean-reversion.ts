// rsi_mean_reversion: buy when Wilder's RSI crosses below the oversold level, sell when it crosses above the overbought one.
import { ConfigError } from '../model/index.js';
import type { Buf, Workspace } from '../kernels/index.js';
import type { Decision, StrategySlice, SymbolState, VectorStrategy } from './strategy.js';
import { SliceKernel } from './slice-kernel.js';

/** Column bits: RSI crossed below `lower` / above `upper` at the bar. */
export const RSI_BELOW = 1, RSI_ABOVE = 2;

/**
 * rsi_mean_reversion(period, lower, upper, short): RSI(period) by the indicator kernel, then the
 * threshold-crossing kernel at `lower` (downwards) and `upper` (upwards); a crossing is the RSI on
 * the other side of the level than at the last bar where it differed from the level. Crossing below
 * `lower`: flat → OPEN_LONG, short → CLOSE_SHORT. Crossing above `upper`: long → CLOSE_LONG,
 * flat and short = 1 → OPEN_SHORT. Nothing while an order of the strategy is pending.
 */
export class RsiMeanReversionStrategy implements VectorStrategy {
  readonly name = 'rsi_mean_reversion';
  readonly params: Readonly<Record<string, number>>;
  readonly warmup: number;
  readonly inputs = ['close'] as const;
  private rsi: SliceKernel | undefined;
  private below: SliceKernel<Int32Array> | undefined;
  private above: SliceKernel<Int32Array> | undefined;
  private nsym = 0;

  constructor(readonly period: number, readonly lower: number, readonly upper: number, readonly short: number) {
    if (!Number.isInteger(period) || period < 1) throw new ConfigError(`\`strategy.params.period\` must be a positive integer; got ${period}`);
    if (!(lower > 0 && lower < 100)) throw new ConfigError(`\`strategy.params.lower\` must be in (0, 100); got ${lower}`);
    if (!(upper > lower && upper < 100)) throw new ConfigError(`\`strategy.params.upper\` must be in (lower, 100) = (${lower}, 100); got ${upper}`);
    if (short !== 0 && short !== 1) throw new ConfigError(`\`strategy.params.short\` must be 0 (long only) or 1 (also short); got ${short}`);
    this.params = { period, lower, upper, short };
    // RSI's first value needs period + 1 bars; a crossing needs one more
    this.warmup = period + 2;
  }

  init(ws: Workspace, nsym: number): void {
    this.nsym = nsym;
    this.rsi = new SliceKernel(ws, nsym, 'rsi', { period: this.period });
    this.below = new SliceKernel(ws, nsym, 'threshold', { level: this.lower, direction: -1 });
    this.above = new SliceKernel(ws, nsym, 'threshold', { level: this.upper, direction: 1 });
  }

  signals(slice: StrategySlice, out: Buf<Int32Array>): void {
    const [rsi] = this.rsi!.run([slice.close], slice.len);
    const downB = this.below!.run([rsi!], slice.len)[0]!;
    const upB = this.above!.run([rsi!], slice.len)[0]!;
    // views only after every kernel ran: a kernel's first run allocates, which may grow (and detach) the arena
    const down = downB.view(), up = upB.view();
    const sig = out.view();
    const n = this.nsym * slice.len;
    for (let i = 0; i < n; i++) sig[i] = (down[i] !== 0 ? RSI_BELOW : 0) | (up[i] !== 0 ? RSI_ABOVE : 0);
  }

  decide(value: number, state: SymbolState): Decision | null {
    if (state.pending) return null;
    const p = this.period;
    if (value & RSI_BELOW) {
      if (state.position < 0) return { intention: 'CLOSE_SHORT', reason: `RSI(${p}) crossed below ${this.lower}` };
      if (state.position === 0) return { intention: 'OPEN_LONG', reason: `RSI(${p}) crossed below ${this.lower}: oversold` };
    }
    if (value & RSI_ABOVE) {
      if (state.position > 0) return { intention: 'CLOSE_LONG', reason: `RSI(${p}) crossed above ${this.upper}` };
      if (state.position === 0 && this.short === 1) return { intention: 'OPEN_SHORT', reason: `RSI(${p}) crossed above ${this.upper}: overbought` };
    }
    return null;
  }
}
