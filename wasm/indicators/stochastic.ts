// Stochastic oscillator (%K, %D) and Williams %R over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot, windowSumStep } from './steps';
import { extPush, extWidth } from './extremes';

/**
 * stoch: %K = (close − LL) / (HH − LL) · 100 over the last `period` valid bars (0 when HH = LL,
 * as technicalindicators and TA-Lib), %D = SMA of %K over `dPeriod`. A bar is valid when high,
 * low and close are not NaN. Layout: `high`, `low`, `close`, `kOut`, `dOut` f64[nsym·len]
 * symbol-major; `state` f64[nsym·(9 + 2·period + dPeriod)] = [extremes tracker, %D window sum],
 * zeroed first. Warm-up: %K NaN until `period` valid bars, %D until period + dPeriod − 1.
 * Reference: `stoch` in src/kernels/reference/indicators/stochastic.ts (bit-identical).
 */
export function stoch(
  high: usize, low: usize, close: usize, kOut: usize, dOut: usize, len: i32, nsym: i32,
  period: i32, dPeriod: i32, state: usize,
): i32 {
  if (len < 0 || nsym < 0 || period < 1 || dPeriod < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  const df = <f64>dPeriod;
  const ew = extWidth(period);
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const cx = col(close, s, len);
    const yk = col(kOut, s, len);
    const yd = col(dOut, s, len);
    const w = slot(state, s, ew + 3 + dPeriod);
    const wd = w + (<usize>ew << 3);
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      const c = load<f64>(cx + o);
      let k = NaN;
      let d = NaN;
      if (h == h && l == l && c == c && extPush(w, h, l, period) >= pf) {
        const hh = load<f64>(w, 16);
        const ll = load<f64>(w, 32);
        k = hh > ll ? (c - ll) / (hh - ll) * 100 : 0.0;
        d = windowSumStep(wd, k, dPeriod) / df;
      }
      store<f64>(yk + o, k);
      store<f64>(yd + o, d);
    }
  }
  return STATUS_OK;
}

/**
 * willr: Williams %R = (HH − close) / (HH − LL) · −100 over the last `period` valid bars, 0 when
 * HH = LL (TA-Lib). Layout: `high`, `low`, `close`, `dst` f64[nsym·len]; `state`
 * f64[nsym·(6 + 2·period)] (extremes tracker), zeroed first. Warm-up: NaN until `period` valid
 * bars. Reference: `willr` in src/kernels/reference/indicators/stochastic.ts (bit-identical).
 */
export function willr(high: usize, low: usize, close: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const cx = col(close, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, extWidth(period));
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      const c = load<f64>(cx + o);
      let r = NaN;
      if (h == h && l == l && c == c && extPush(w, h, l, period) >= pf) {
        const hh = load<f64>(w, 16);
        const ll = load<f64>(w, 32);
        r = hh > ll ? (hh - c) / (hh - ll) * -100 : 0.0;
      }
      store<f64>(y + o, r);
    }
  }
  return STATUS_OK;
}
