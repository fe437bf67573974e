// Hand-built bar series for engine tests: minute bars from 09:30 New York on 2024-01-02 (UTC−5).
import type { BarSeries } from '../../src/model/index.js';

/** 2024-01-02 09:30 America/New_York in ms. */
export const T0 = Date.UTC(2024, 0, 2, 14, 30);

/** A series whose bar i is at T0 + i minutes, with the given opens and closes (high/low around them). */
export function minuteSeries(symbol: string, open: readonly number[], close: readonly number[], opts: { skip?: ReadonlySet<number>; t0?: number } = {}): BarSeries {
  const idx = open.map((_, i) => i).filter((i) => !opts.skip?.has(i));
  const ts = BigInt64Array.from(idx, (i) => BigInt((opts.t0 ?? T0) + i * 60_000) * 1_000_000n);
  const o = Float64Array.from(idx, (i) => open[i]!);
  const c = Float64Array.from(idx, (i) => close[i]!);
  return {
    symbol, ts, open: o, close: c,
    high: Float64Array.from(idx, (_, k) => Math.max(o[k]!, c[k]!) + 0.01),
    low: Float64Array.from(idx, (_, k) => Math.min(o[k]!, c[k]!) - 0.01),
    volume: Float64Array.from(idx, () => 1000),
  };
}
