// Money flow index over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';

/**
 * mfi: tp = (high + low + close) / 3, flow = tp·volume, counted positive when tp rose against
 * the previous valid bar, negative when it fell, neither when equal; mfi = 100·P / (P + N) over
 * the last `period` flows, 50 when both are 0. Unrounded. A bar is valid when high, low, close
 * and volume are not NaN. Layout: `high`, `low`, `close`, `volume`, `dst` f64[nsym·len]
 * symbol-major; `state` f64[nsym·(5 + 2·period)] = [count, previous tp, pos, ΣP, ΣN, ring of P,
 * ring of N], zeroed first. Warm-up: NaN until period + 1 valid bars.
 * Reference: `mfi` in src/kernels/reference/indicators/mfi.ts (bit-identical).
 */
export function mfi(
  high: usize, low: usize, close: usize, volume: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize,
): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const cx = col(close, s, len);
    const vx = col(volume, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 5 + 2 * period);
    const rp = w + 40;
    const rn = rp + (<usize>period << 3);
    let c = load<f64>(w);
    let prev = load<f64>(w, 8);
    let pos = <i32>load<f64>(w, 16);
    let sp = load<f64>(w, 24);
    let sn = load<f64>(w, 32);
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      const cl = load<f64>(cx + o);
      const v = load<f64>(vx + o);
      let out = NaN;
      if (h == h && l == l && cl == cl && v == v) {
        const tp = (h + l + cl) / 3;
        c = c + 1;
        if (c >= 2) {
          const flow = tp * v;
          const fp = tp > prev ? flow : 0.0;
          const fn = tp < prev ? flow : 0.0;
          const q = <usize>pos << 3;
          const full = c > pf + 1;
          sp = sp + (fp - (full ? load<f64>(rp + q) : 0.0));
          sn = sn + (fn - (full ? load<f64>(rn + q) : 0.0));
          store<f64>(rp + q, fp);
          store<f64>(rn + q, fn);
          pos = pos + 1 == period ? 0 : pos + 1;
          if (c > pf) {
            const t = sp + sn;
            out = t > 0 ? 100 * sp / t : 50.0;
          }
          if (full) c = pf + 2;
        }
        prev = tp;
      }
      store<f64>(y + o, out);
    }
    store<f64>(w, c);
    store<f64>(w, prev, 8);
    store<f64>(w, <f64>pos, 16);
    store<f64>(w, sp, 24);
    store<f64>(w, sn, 32);
  }
  return STATUS_OK;
}
