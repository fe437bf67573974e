// Keltner channels: an EMA of the close with bands at a multiple of Wilder's ATR.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot, emaStep, wilderStep } from './steps';
import { trueRangeOf } from './atr';

/**
 * keltner: middle = EMA(close, maPeriod) (SMA-seeded as `ema`), upper/lower = middle ± mult·ATR
 * (as `atr`, atrPeriod). A bar is valid when high, low and close are not NaN. Layout: `high`,
 * `low`, `close`, `middle`, `upper`, `lower` f64[nsym·len] symbol-major; `state` f64[nsym·6] =
 * [EMA count, EMA, seen, previous close, ATR count, ATR], zeroed first. Warm-up: middle NaN until
 * maPeriod valid bars, bands until max(maPeriod, atrPeriod + 1).
 * Reference: `keltner` in src/kernels/reference/indicators/keltner.ts (bit-identical).
 */
export function keltner(
  high: usize, low: usize, close: usize, middle: usize, upper: usize, lower: usize,
  len: i32, nsym: i32, maPeriod: i32, atrPeriod: i32, mult: f64, state: usize,
): i32 {
  if (len < 0 || nsym < 0 || maPeriod < 1 || atrPeriod < 1) return STATUS_BAD_ARGS;
  const alpha = 2.0 / (<f64>maPeriod + 1);
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const cx = col(close, s, len);
    const ym = col(middle, s, len);
    const yu = col(upper, s, len);
    const yl = col(lower, s, len);
    const w = slot(state, s, 6);
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      const c = load<f64>(cx + o);
      let m = NaN;
      let a = NaN;
      if (h == h && l == l && c == c) {
        m = emaStep(w, c, maPeriod, alpha);
        if (load<f64>(w, 16) != 0) a = wilderStep(w + 32, trueRangeOf(h, l, load<f64>(w, 24)), atrPeriod);
        store<f64>(w, 1, 16);
        store<f64>(w, c, 24);
      }
      store<f64>(ym + o, m);
      store<f64>(yu + o, m + mult * a);
      store<f64>(yl + o, m - mult * a);
    }
  }
  return STATUS_OK;
}
