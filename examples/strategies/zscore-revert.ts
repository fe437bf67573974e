// A vectorised strategy of one's own: kernels over whole slices compute the signal column, and
// TypeScript decides only where it is non-zero (the fast path, as the built-ins use).
import { SliceKernel, type Buf, type Decision, type StrategySlice, type SymbolState, type VectorStrategy, type Workspace } from 'qtrader';

const ENTER = 1, LEAVE = 2;

/**
 * zscore_revert(period, entry): the rolling z-score of the close by the `zscore` kernel; long when
 * it falls below −entry, flat when it climbs back above 0.
 */
export default function zscoreRevert(params: { period?: number; entry?: number } = {}): VectorStrategy {
  const period = params.period ?? 60;
  const entry = params.entry ?? 2;
  let z: SliceKernel | undefined;
  let nsym = 0;
  // the z-score of the last bar of the previous slice, per symbol (crossings span slices)
  let last = new Float64Array(0);
  return {
    name: 'zscore_revert',
    params: { period, entry },
    warmup: period + 1,
    inputs: ['close'],
    init(ws: Workspace, n: number): void {
      nsym = n;
      z = new SliceKernel(ws, n, 'zscore', { period });
      last = new Float64Array(n).fill(NaN);
    },
    signals(slice: StrategySlice, out: Buf<Int32Array>): void {
      const zs = z!.run([slice.close], slice.len)[0]!.view();
      const sig = out.view();
      for (let s = 0; s < nsym; s++) {
        let prev = last[s]!;
        for (let i = s * slice.len, end = i + slice.len; i < end; i++) {
          const v = zs[i]!;
          sig[i] = v < -entry && !(prev < -entry) ? ENTER : v > 0 && !(prev > 0) ? LEAVE : 0;
          if (v === v) prev = v;
        }
        last[s] = prev;
      }
    },
    decide(value: number, state: SymbolState): Decision | null {
      if (state.pending) return null;
      if (value === ENTER && state.position === 0) return { intention: 'OPEN_LONG', reason: `z-score below -${entry}` };
      if (value === LEAVE && state.position > 0) return { intention: 'CLOSE_LONG', reason: 'z-score back above 0' };
      return null;
    },
  };
}
