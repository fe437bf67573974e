// Commodity channel index over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot, windowSumStep } from './steps';

/**
 * cci: tp = (high + low + close) / 3; cci = (tp − SMA(tp)) / (0.015 · mean |tp − SMA(tp)|) over
 * the last `period` valid bars (the mean deviation is summed over the window each bar, as
 * technicalindicators); 0 when the mean deviation is 0 (TA-Lib). Layout: `high`, `low`, `close`,
 * `dst` f64[nsym·len] symbol-major (a bar is valid when high, low and close are not NaN; others
 * give NaN and leave the window alone); `state` f64[nsym·(3 + period)] (window sum of tp with its
 * ring), zeroed first. Warm-up: NaN until `period` valid bars.
 * Reference: `cci` in src/kernels/reference/indicators/cci.ts (bit-identical).
 */
export function cci(high: usize, low: usize, close: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const cx = col(close, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 3 + period);
    const ring = w + 24;
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      const c = load<f64>(cx + o);
      let out = NaN;
      if (h == h && l == l && c == c) {
        const tp = (h + l + c) / 3;
        const sum = windowSumStep(w, tp, period);
        if (sum == sum) {
          const mean = sum / pf;
          let dev = 0.0;
          for (let k = 0; k < period; k++) dev += abs<f64>(load<f64>(ring + (<usize>k << 3)) - mean);
          const md = dev / pf;
          out = md > 0 ? (tp - mean) / (0.015 * md) : 0.0;
        }
      }
      store<f64>(y + o, out);
    }
  }
  return STATUS_OK;
}
