// Volume-weighted moving average over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';

/**
 * vwma: Σ(close·volume) / Σvolume over the last `period` valid bars (a bar is valid when close
 * and volume are not NaN). Both sums roll as sum + (x − old). A window with zero volume gives
 * NaN (0/0). Layout: `close`, `volume`, `dst` f64[nsym·len] symbol-major; `state`
 * f64[nsym·(4 + 2·period)] = [count, pos, Σpv, Σv, ring of pv, ring of v], zeroed first.
 * Warm-up: NaN until `period` valid bars. Reference: `vwma` in src/kernels/reference/indicators/vwma.ts.
 */
export function vwma(close: usize, volume: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  for (let s = 0; s < nsym; s++) {
    const cx = col(close, s, len);
    const vx = col(volume, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 4 + 2 * period);
    const rpv = w + 32;
    const rv = rpv + (<usize>period << 3);
    let c = load<f64>(w);
    let pos = <i32>load<f64>(w, 8);
    let spv = load<f64>(w, 16);
    let sv = load<f64>(w, 24);
    for (let i = 0; i < len; i++) {
      const p = load<f64>(cx + (<usize>i << 3));
      const v = load<f64>(vx + (<usize>i << 3));
      let out = NaN;
      if (p == p && v == v) {
        c = c + 1;
        const o = <usize>pos << 3;
        const pv = p * v;
        const full = c > pf;
        spv = spv + (pv - (full ? load<f64>(rpv + o) : 0.0));
        sv = sv + (v - (full ? load<f64>(rv + o) : 0.0));
        store<f64>(rpv + o, pv);
        store<f64>(rv + o, v);
        pos = pos + 1 == period ? 0 : pos + 1;
        if (c >= pf) out = spv / sv;
        if (full) c = pf + 1;
      }
      store<f64>(y + (<usize>i << 3), out);
    }
    store<f64>(w, c);
    store<f64>(w, <f64>pos, 8);
    store<f64>(w, spv, 16);
    store<f64>(w, sv, 24);
  }
  return STATUS_OK;
}
