// Kaufman's adaptive moving average over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';

/**
 * kama: ER = |x − x[period back]| / Σ|Δx| over the last `period` changes (ER = 1 when the sum
 * is not above the change, as TA-Lib), sc = (ER·(2/(fast+1) − 2/(slow+1)) + 2/(slow+1))²,
 * k = k + sc·(x − k), seeded with the previous value (TA-Lib's seeding).
 * Layout: `src`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·(5 + 2·period)] =
 * [count, pos, volatility sum, kama, previous x, ring of x, ring of |Δx|], zeroed first.
 * Warm-up: NaN until period + 1 valid values. NaN input: output NaN, state untouched.
 * Reference: `kama` in src/kernels/reference/indicators/kama.ts (bit-identical).
 */
export function kama(src: usize, dst: usize, len: i32, nsym: i32, period: i32, fast: i32, slow: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1 || fast < 1 || slow < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  const fastSc = 2.0 / (<f64>fast + 1);
  const slowSc = 2.0 / (<f64>slow + 1);
  for (let s = 0; s < nsym; s++) {
    const x = col(src, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 5 + 2 * period);
    const rx = w + 40;
    const rd = rx + (<usize>period << 3);
    let c = load<f64>(w);
    let pos = <i32>load<f64>(w, 8);
    let vol = load<f64>(w, 16);
    let k = load<f64>(w, 24);
    let prev = load<f64>(w, 32);
    for (let i = 0; i < len; i++) {
      const v = load<f64>(x + (<usize>i << 3));
      let out = NaN;
      if (v == v) {
        c = c + 1;
        const px = rx + (<usize>pos << 3);
        const pd = rd + (<usize>pos << 3);
        if (c >= 2) {
          const d = abs<f64>(v - prev);
          vol = vol + (d - (c > pf + 1 ? load<f64>(pd) : 0.0));
          store<f64>(pd, d);
        }
        if (c > pf) {
          const change = abs<f64>(v - load<f64>(px));
          const er = vol <= change ? 1.0 : change / vol;
          const t = er * (fastSc - slowSc) + slowSc;
          if (c == pf + 1) k = prev;
          k = k + t * t * (v - k);
          out = k;
        }
        store<f64>(px, v);
        prev = v;
        pos = pos + 1 == period ? 0 : pos + 1;
        if (c > pf + 2) c = pf + 2;
      }
      store<f64>(y + (<usize>i << 3), out);
    }
    store<f64>(w, c);
    store<f64>(w, <f64>pos, 8);
    store<f64>(w, vol, 16);
    store<f64>(w, k, 24);
    store<f64>(w, prev, 32);
  }
  return STATUS_OK;
}
