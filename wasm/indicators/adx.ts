// Average directional index with +DI and −DI over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot, wilderStep, wilderSumStep } from './steps';
import { trueRangeOf } from './atr';

/**
 * adx: a bar is valid when high, low and close are not NaN (others give NaN outputs and leave
 * the state alone); per valid bar after the first, +DM = up move if it exceeds the down move and 0, −DM the
 * mirror, TR as `trueRange`; each smoothed with Wilder's running sum (sum of the first `period`,
 * then s − s/period + x); +DI = s₊·100 / s_TR, −DI likewise (0 when s_TR = 0);
 * DX = |+DI − −DI| / (+DI + −DI) · 100 (0 when the sum is 0); ADX = Wilder's average of DX.
 * Layout: `high`, `low`, `close`, `adxOut`, `pdiOut`, `mdiOut` f64[nsym·len] symbol-major;
 * `state` f64[nsym·12] = [seen, prev high, prev low, prev close, TR sum, +DM sum, −DM sum, ADX]
 * (the last four as [count, value]), zeroed first. Warm-up: DI NaN until period + 1 valid bars,
 * ADX until 2·period. Reference: `adx` in src/kernels/reference/indicators/adx.ts (bit-identical).
 */
export function adx(
  high: usize, low: usize, close: usize, adxOut: usize, pdiOut: usize, mdiOut: usize,
  len: i32, nsym: i32, period: i32, state: usize,
): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const cx = col(close, s, len);
    const ya = col(adxOut, s, len);
    const yp = col(pdiOut, s, len);
    const ym = col(mdiOut, s, len);
    const w = slot(state, s, 12);
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      const c = load<f64>(cx + o);
      let a = NaN;
      let pdi = NaN;
      let mdi = NaN;
      if (h == h && l == l && c == c) {
        if (load<f64>(w) != 0) {
          const upMove = h - load<f64>(w, 8);
          const downMove = load<f64>(w, 16) - l;
          const pdm = upMove > downMove && upMove > 0 ? upMove : 0.0;
          const mdm = downMove > upMove && downMove > 0 ? downMove : 0.0;
          const str = wilderSumStep(w + 32, trueRangeOf(h, l, load<f64>(w, 24)), period);
          const sp = wilderSumStep(w + 48, pdm, period);
          const sm = wilderSumStep(w + 64, mdm, period);
          if (str == str) {
            pdi = str > 0 ? sp * 100 / str : 0.0;
            mdi = str > 0 ? sm * 100 / str : 0.0;
            const sum = pdi + mdi;
            a = wilderStep(w + 80, sum > 0 ? abs<f64>(pdi - mdi) / sum * 100 : 0.0, period);
          }
        }
        store<f64>(w, 1);
        store<f64>(w, h, 8);
        store<f64>(w, l, 16);
        store<f64>(w, c, 24);
      }
      store<f64>(ya + o, a);
      store<f64>(yp + o, pdi);
      store<f64>(ym + o, mdi);
    }
  }
  return STATUS_OK;
}
