// Donchian channels and Aroon up/down: both read the rolling highest high and lowest low.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';
import { extPush, extWidth } from './extremes';

/**
 * donchian: upper = highest high, lower = lowest low of the last `period` valid bars (high and
 * low not NaN), middle = (upper + lower) / 2. Layout: `high`, `low`, `upper`, `middle`, `lower`
 * f64[nsym·len] symbol-major; `state` f64[nsym·(6 + 2·period)] (extremes tracker), zeroed first.
 * Warm-up: NaN until `period` valid bars. Reference: `donchian` in
 * src/kernels/reference/indicators/channels.ts (exactly equal).
 */
export function donchian(
  high: usize, low: usize, upper: usize, middle: usize, lower: usize, len: i32, nsym: i32, period: i32, state: usize,
): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const yu = col(upper, s, len);
    const ym = col(middle, s, len);
    const yl = col(lower, s, len);
    const w = slot(state, s, extWidth(period));
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      let u = NaN;
      let d = NaN;
      if (h == h && l == l && extPush(w, h, l, period) >= pf) {
        u = load<f64>(w, 16);
        d = load<f64>(w, 32);
      }
      store<f64>(yu + o, u);
      store<f64>(ym + o, (u + d) * 0.5);
      store<f64>(yl + o, d);
    }
  }
  return STATUS_OK;
}

/**
 * aroon: up = 100·(period − bars since the highest high) / period and down likewise with the
 * lowest low, over the last period + 1 valid bars (ties: the most recent extreme, as TA-Lib).
 * Layout: `high`, `low`, `up`, `down` f64[nsym·len] symbol-major; `state`
 * f64[nsym·(8 + 2·period)] (extremes tracker of window period + 1), zeroed first.
 * Warm-up: NaN until period + 1 valid bars. Reference: `aroon` in
 * src/kernels/reference/indicators/channels.ts (bit-identical).
 */
export function aroon(high: usize, low: usize, up: usize, down: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  const win = period + 1;
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const yu = col(up, s, len);
    const yd = col(down, s, len);
    const w = slot(state, s, extWidth(win));
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      let u = NaN;
      let d = NaN;
      if (h == h && l == l) {
        const c = extPush(w, h, l, win);
        if (c > pf) {
          u = 100 * (pf - (c - load<f64>(w, 24))) / pf;
          d = 100 * (pf - (c - load<f64>(w, 40))) / pf;
        }
      }
      store<f64>(yu + o, u);
      store<f64>(yd + o, d);
    }
  }
  return STATUS_OK;
}
