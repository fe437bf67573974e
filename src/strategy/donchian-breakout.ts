// donchian_breakout: turtle-style channel breakouts, entries on an N-bar extreme, exits on an
// M-bar opposite extreme, with a stop-loss k·ATR away attached to every entry signal.
import { ConfigError } from '../model/index.js';
import type { Buf, Workspace } from '../kernels/index.js';
import type { Decision, SignalBar, StrategySlice, SymbolState, VectorStrategy } from './strategy.js';
import { SliceKernel } from './slice-kernel.js';

/** Column bits: close above the prior entry-channel high / below the prior exit-channel low / below the prior entry-channel low / above the prior exit-channel high. */
export const DC_LONG_ENTRY = 1, DC_LONG_EXIT = 2, DC_SHORT_ENTRY = 4, DC_SHORT_EXIT = 8;

/** A stop price rounded to 1/10,000 (prices are quoted in cents or finer). */
function roundStop(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * donchian_breakout(entry, exit, atr, stop, short): Donchian channels by the kernel over the highs
 * and lows of the last `entry` and `exit` valid bars, and Wilder's ATR(atr). At bar t, with the
 * channels of bar t − 1 (the breakout must beat the bars before it): close > entry-high → flat:
 * OPEN_LONG with stopLoss = close − stop·ATR(t); close < exit-low → long: CLOSE_LONG. With short = 1,
 * close < entry-low → flat: OPEN_SHORT with stopLoss = close + stop·ATR(t); close > exit-high →
 * short: CLOSE_SHORT. Stops round to 1/10,000; none while ATR is still warming up.
 */
export class DonchianBreakoutStrategy implements VectorStrategy {
  readonly name = 'donchian_breakout';
  readonly params: Readonly<Record<string, number>>;
  readonly warmup: number;
  readonly inputs = ['high', 'low', 'close'] as const;
  private entryCh: SliceKernel | undefined;
  private exitCh: SliceKernel | undefined;
  private atrK: SliceKernel | undefined;
  /** Per symbol: the channels of the last valid bar [entry high, entry low, exit high, exit low], carried across slices. */
  private prev: Float64Array = new Float64Array(0);
  private atrCol: Buf<Float64Array> | undefined;
  private len = 0;
  private nsym = 0;

  constructor(readonly entry: number, readonly exit: number, readonly atr: number, readonly stop: number, readonly short: number) {
    for (const [k, v] of [['entry', entry], ['exit', exit], ['atr', atr]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new ConfigError(`\`strategy.params.${k}\` must be a positive integer (bars); got ${v}`);
    }
    if (!(stop >= 0)) throw new ConfigError(`\`strategy.params.stop\` must be a number ≥ 0 (ATR multiples; 0 = no stop); got ${stop}`);
    if (short !== 0 && short !== 1) throw new ConfigError(`\`strategy.params.short\` must be 0 (long only) or 1 (also short); got ${short}`);
    this.params = { entry, exit, atr, stop, short };
    // the channels of the previous bar need `entry` (or `exit`) bars before the breakout bar
    this.warmup = Math.max(entry, exit) + 1;
  }

  init(ws: Workspace, nsym: number): void {
    this.nsym = nsym;
    this.entryCh = new SliceKernel(ws, nsym, 'donchian', { period: this.entry });
    this.exitCh = new SliceKernel(ws, nsym, 'donchian', { period: this.exit });
    this.atrK = new SliceKernel(ws, nsym, 'atr', { period: this.atr });
    this.prev = new Float64Array(4 * nsym).fill(NaN);
  }

  signals(slice: StrategySlice, out: Buf<Int32Array>): void {
    const len = slice.len;
    const entryB = this.entryCh!.run([slice.high, slice.low], len);
    const exitB = this.exitCh!.run([slice.high, slice.low], len);
    this.atrCol = this.atrK!.run([slice.high, slice.low, slice.close], len)[0];
    // views only after every kernel ran: a kernel's first run allocates, which may grow (and detach) the arena
    const [eu, , el] = entryB.map((b) => b.view());
    const [xu, , xl] = exitB.map((b) => b.view());
    this.len = len;
    const close = slice.close.view();
    const sig = out.view();
    const prev = this.prev;
    const short = this.short === 1;
    for (let s = 0; s < this.nsym; s++) {
      let pEu = prev[4 * s]!, pEl = prev[4 * s + 1]!, pXu = prev[4 * s + 2]!, pXl = prev[4 * s + 3]!;
      for (let i = s * len, end = i + len; i < end; i++) {
        const c = close[i]!;
        // NaN comparisons are false: nothing fires before the channels exist or on a bar without data
        let v = (c > pEu! ? DC_LONG_ENTRY : 0) | (c < pXl! ? DC_LONG_EXIT : 0);
        if (short) v |= (c < pEl! ? DC_SHORT_ENTRY : 0) | (c > pXu! ? DC_SHORT_EXIT : 0);
        sig[i] = v;
        // a bar without data leaves the channels where they were
        if (eu![i] === eu![i]) { pEu = eu![i]!; pEl = el![i]!; }
        if (xu![i] === xu![i]) { pXu = xu![i]!; pXl = xl![i]!; }
      }
      prev[4 * s] = pEu; prev[4 * s + 1] = pEl; prev[4 * s + 2] = pXu; prev[4 * s + 3] = pXl;
    }
  }

  decide(value: number, state: SymbolState, bar: SignalBar): Decision | null {
    if (state.pending) return null;
    if (state.position > 0) return value & DC_LONG_EXIT ? { intention: 'CLOSE_LONG', reason: `close broke below the ${this.exit}-bar low` } : null;
    if (state.position < 0) return value & DC_SHORT_EXIT ? { intention: 'CLOSE_SHORT', reason: `close broke above the ${this.exit}-bar high` } : null;
    const atr = this.atrCol && bar.index >= 0 ? this.atrCol.view()[bar.symbol * this.len + bar.index]! : NaN;
    const withStop = this.stop > 0 && atr === atr;
    if (value & DC_LONG_ENTRY) {
      const stopLoss = roundStop(bar.close - this.stop * atr);
      return { intention: 'OPEN_LONG', reason: `close broke above the ${this.entry}-bar high`, ...(withStop && stopLoss > 0 ? { stopLoss } : {}) };
    }
    if (value & DC_SHORT_ENTRY) {
      return { intention: 'OPEN_SHORT', reason: `close broke below the ${this.entry}-bar low`, ...(withStop ? { stopLoss: roundStop(bar.close + this.stop * atr) } : {}) };
    }
    return null;
  }
}
