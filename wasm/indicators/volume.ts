// Cumulative volume indicators: on-balance volume, accumulation/distribution, session VWAP.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';

/**
 * obv: starts at 0 on the first valid bar, then adds the volume when the close rose against the
 * previous valid close, subtracts it when it fell. Valid: close and volume not NaN. Layout:
 * `close`, `volume`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·3] = [seen, previous
 * close, obv], zeroed first. No warm-up. Reference: `obv` in src/kernels/reference/indicators/volume.ts.
 */
export function obv(close: usize, volume: usize, dst: usize, len: i32, nsym: i32, state: usize): i32 {
  if (len < 0 || nsym < 0) return STATUS_BAD_ARGS;
  for (let s = 0; s < nsym; s++) {
    const cx = col(close, s, len);
    const vx = col(volume, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 3);
    let seen = load<f64>(w);
    let prev = load<f64>(w, 8);
    let acc = load<f64>(w, 16);
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const c = load<f64>(cx + o);
      const v = load<f64>(vx + o);
      let out = NaN;
      if (c == c && v == v) {
        // branch-free (a rise or fall is a coin toss on real data); adding 0 leaves acc as it was
        if (seen != 0) acc = acc + (c > prev ? v : c < prev ? -v : 0.0);
        seen = 1;
        prev = c;
        out = acc;
      }
      store<f64>(y + o, out);
    }
    store<f64>(w, seen);
    store<f64>(w, prev, 8);
    store<f64>(w, acc, 16);
  }
  return STATUS_OK;
}

/**
 * ad (accumulation/distribution line): Σ ((close − low) − (high − close)) / (high − low) ·
 * volume, the multiplier 0 when high = low (TA-Lib). Unrounded. Valid: high, low, close, volume
 * not NaN. Layout: `high`, `low`, `close`, `volume`, `dst` f64[nsym·len]; `state` f64[nsym·1].
 * No warm-up. Reference: `ad` in src/kernels/reference/indicators/volume.ts (bit-identical).
 */
export function ad(high: usize, low: usize, close: usize, volume: usize, dst: usize, len: i32, nsym: i32, state: usize): i32 {
  if (len < 0 || nsym < 0) return STATUS_BAD_ARGS;
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const cx = col(close, s, len);
    const vx = col(volume, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 1);
    let acc = load<f64>(w);
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      const c = load<f64>(cx + o);
      const v = load<f64>(vx + o);
      let out = NaN;
      if (h == h && l == l && c == c && v == v) {
        const range = h - l;
        if (range > 0) acc = acc + ((c - l) - (h - c)) / range * v;
        out = acc;
      }
      store<f64>(y + o, out);
    }
    store<f64>(w, acc);
  }
  return STATUS_OK;
}

/**
 * vwap (session): Σ(tp·volume) / Σvolume since the last session open, tp = (high + low + close)/3.
 * `session` u8[len] (one per timeline bar, shared by all symbols) is non-zero at each session's
 * first bar; the sums reset there even when the symbol has no bar. NaN until the session has
 * traded volume (0/0). Valid: high, low, close, volume not NaN. Layout: `high`, `low`, `close`,
 * `volume`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·2] = [Σpv, Σv], zeroed first.
 * Reference: `vwap` in src/kernels/reference/indicators/volume.ts (bit-identical).
 */
export function vwap(
  high: usize, low: usize, close: usize, volume: usize, session: usize, dst: usize, len: i32, nsym: i32, state: usize,
): i32 {
  if (len < 0 || nsym < 0) return STATUS_BAD_ARGS;
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const cx = col(close, s, len);
    const vx = col(volume, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 2);
    let spv = load<f64>(w);
    let sv = load<f64>(w, 8);
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      if (load<u8>(session + <usize>i) != 0) {
        spv = 0;
        sv = 0;
      }
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      const c = load<f64>(cx + o);
      const v = load<f64>(vx + o);
      let out = NaN;
      if (h == h && l == l && c == c && v == v) {
        spv = spv + (h + l + c) / 3 * v;
        sv = sv + v;
        out = spv / sv;
      }
      store<f64>(y + o, out);
    }
    store<f64>(w, spv);
    store<f64>(w, sv, 8);
  }
  return STATUS_OK;
}
