// MACD line, signal line and histogram over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';
import { emaNext } from './ema';

/**
 * macd: line = EMA(fast) − EMA(slow), signal = EMA(line, signal), hist = line − signal; every
 * EMA is seeded with the SMA of its first inputs (as `ema`). Outputs `line`, `sig`, `hist`
 * f64[nsym·len]; input `src` f64[nsym·len], symbol-major; `state` f64[nsym·6] = three EMA states
 * (fast, slow, signal), zeroed first. Warm-up: line NaN until max(fast, slow) valid values,
 * signal and hist until max(fast, slow) + signal − 1. NaN input: NaN outputs, state untouched.
 * Reference: `macd` in src/kernels/reference/indicators/macd.ts (bit-identical).
 */
export function macd(
  src: usize, line: usize, sig: usize, hist: usize, len: i32, nsym: i32,
  fast: i32, slow: i32, signal: i32, state: usize,
): i32 {
  if (len < 0 || nsym < 0 || fast < 1 || slow < 1 || signal < 1) return STATUS_BAD_ARGS;
  const af = 2.0 / (<f64>fast + 1);
  const as = 2.0 / (<f64>slow + 1);
  const ag = 2.0 / (<f64>signal + 1);
  const ff = <f64>fast, sf = <f64>slow, gf = <f64>signal;
  for (let s = 0; s < nsym; s++) {
    const x = col(src, s, len);
    const yl = col(line, s, len);
    const ys = col(sig, s, len);
    const yh = col(hist, s, len);
    const w = slot(state, s, 6);
    // the three EMA states in locals, updated as emaStep does (count capped at the period)
    let cf = load<f64>(w), vf = load<f64>(w, 8), cs = load<f64>(w, 16), vs = load<f64>(w, 24);
    let cg = load<f64>(w, 32), vg = load<f64>(w, 40);
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const v = load<f64>(x + o);
      let l = NaN;
      let g = NaN;
      if (v == v) {
        cf = cf + 1;
        vf = emaNext(cf, vf, v, ff, af);
        cs = cs + 1;
        vs = emaNext(cs, vs, v, sf, as);
        if (cf >= ff && cs >= sf) {
          l = vf - vs;
          cg = cg + 1;
          vg = emaNext(cg, vg, l, gf, ag);
          if (cg >= gf) {
            g = vg;
            cg = gf;
          }
        }
        if (cf > ff) cf = ff;
        if (cs > sf) cs = sf;
      }
      store<f64>(yl + o, l);
      store<f64>(ys + o, g);
      store<f64>(yh + o, l - g);
    }
    store<f64>(w, cf);
    store<f64>(w, vf, 8);
    store<f64>(w, cs, 16);
    store<f64>(w, vs, 24);
    store<f64>(w, cg, 32);
    store<f64>(w, vg, 40);
  }
  return STATUS_OK;
}
