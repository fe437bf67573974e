// Rolling window sum and simple moving average over the valid values of many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';
import { ld2, st2, lo2, hi2, noNaN, ringTailStep, BLOCK } from './simd';
import { exactDiv, exactDivSetup, exactDivOutOfRange, invAt, maskAt, EXACT_DIV_MAX } from './exact-div';

/**
 * rollingSum: dst[i] = sum of the last `period` valid values of src up to bar i.
 * Layout: `src`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·(3 + period)], per symbol
 * [count, sum, pos, ring of the last `period` values], zeroed before the first slice.
 * Warm-up: NaN until `period` valid values. NaN input: output NaN, the window is untouched.
 * The sum rolls as sum + (x − old). Two NaN-free symbols run together in f64x2 lanes past the
 * first `period` bars of the slice (old = src[i − period]); the lanes do the scalar operations;
 * from the block of bars where a NaN turns up, the rest of the slice takes the general path.
 * Four symbols run as two lane pairs in one loop (their dependent additions overlap), and when
 * their windows are already full the first `period` bars also run in lanes (old from the ring).
 * SMA lanes divide one vector in four by `exactDiv` (wasm/indicators/exact-div.ts: multiplications
 * with an exact residual, bit-identical to the division) so that the divider is not the bottleneck.
 * Reference: `rollingSum` in src/kernels/reference/indicators/moving-sum.ts (bit-identical).
 */
export function rollingSum(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  return windowSum(src, dst, len, nsym, period, state, false);
}

/**
 * rollingMean (SMA): dst[i] = rollingSum / period, same layout, state, warm-up and NaN rule as
 * `rollingSum`. Reference: `rollingMean` in src/kernels/reference/indicators/moving-sum.ts.
 */
export function rollingMean(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  return windowSum(src, dst, len, nsym, period, state, true);
}

@inline function windowSum(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize, mean: bool): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const width = 3 + period;
  let s = 0;
  for (; s + 3 < nsym; s += 4) {
    // four symbols: two independent lane pairs in one loop, so one pair's additions (a chain of
    // dependent adds, bar after bar) overlap the other's; otherwise two pairs one after the other
    if (len > period && noNaN(col(src, s, len), period) && noNaN(col(src, s + 1, len), period) &&
        noNaN(col(src, s + 2, len), period) && noNaN(col(src, s + 3, len), period)) {
      const pf = <f64>period;
      const w0 = slot(state, s, width);
      const sw = <usize>width << 3;
      let from = period;
      if (load<f64>(w0) > pf && load<f64>(w0 + sw) > pf && load<f64>(w0 + 2 * sw) > pf && load<f64>(w0 + 3 * sw) > pf) {
        // full windows: with one ring position for all four (the usual case) the first `period`
        // bars run in the lanes too, old values read from the rings; else `quadHead`
        const pos = load<f64>(w0, 16);
        if (load<f64>(w0 + sw, 16) == pos && load<f64>(w0 + 2 * sw, 16) == pos && load<f64>(w0 + 3 * sw, 16) == pos) from = 0;
        else quadHead(col(src, s, len), col(dst, s, len), len, w0, width, period, mean);
      } else {
        for (let k = s; k < s + 4; k++) scalarRange(col(src, k, len), col(dst, k, len), 0, period, slot(state, k, width), period, mean);
      }
      const j = quadTail(col(src, s, len), col(dst, s, len), len, w0, width, period, mean, from);
      for (let k = s; k < s + 4; k++) scalarRange(col(src, k, len), col(dst, k, len), j, len, slot(state, k, width), period, mean);
    } else {
      pairRange(src, dst, len, s, state, width, period, mean);
      pairRange(src, dst, len, s + 2, state, width, period, mean);
    }
  }
  for (; s + 1 < nsym; s += 2) pairRange(src, dst, len, s, state, width, period, mean);
  if (s < nsym) scalarRange(col(src, s, len), col(dst, s, len), 0, len, slot(state, s, width), period, mean);
  return STATUS_OK;
}

/** Symbols s and s + 1: the lane pair when their first `period` bars are NaN-free, else the general path. */
@inline function pairRange(src: usize, dst: usize, len: i32, s: i32, state: usize, width: i32, period: i32, mean: bool): void {
  const x0 = col(src, s, len);
  const x1 = col(src, s + 1, len);
  const y0 = col(dst, s, len);
  const y1 = col(dst, s + 1, len);
  const w0 = slot(state, s, width);
  const w1 = slot(state, s + 1, width);
  if (len > period && noNaN(x0, period) && noNaN(x1, period)) {
    scalarRange(x0, y0, 0, period, w0, period, mean);
    scalarRange(x1, y1, 0, period, w1, period, mean);
    // the lanes stop at the block where a NaN turned a sum NaN; the general path takes over there
    const j = pairTail(x0, x1, y0, y1, len, w0, w1, period, mean);
    scalarRange(x0, y0, j, len, w0, period, mean);
    scalarRange(x1, y1, j, len, w1, period, mean);
  } else {
    scalarRange(x0, y0, 0, len, w0, period, mean);
    scalarRange(x1, y1, 0, len, w1, period, mean);
  }
}

/** The general path over bars [from, to): ring buffer, NaN skipping, state in locals. */
@inline function scalarRange(x: usize, y: usize, from: i32, to: i32, w: usize, p: i32, mean: bool): void {
  const pf = <f64>p;
  let c = load<f64>(w);
  let sum = load<f64>(w, 8);
  let pos = <i32>load<f64>(w, 16);
  const ring = w + 24;
  for (let i = from; i < to; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    let out = NaN;
    if (v == v) {
      c = c + 1;
      const r = ring + (<usize>pos << 3);
      sum = sum + (v - (c > pf ? load<f64>(r) : 0.0));
      store<f64>(r, v);
      pos = pos + 1 == p ? 0 : pos + 1;
      if (c >= pf) out = mean ? sum / pf : sum;
      if (c > pf) c = pf + 1;
    }
    store<f64>(y + (<usize>i << 3), out);
  }
  store<f64>(w, c);
  store<f64>(w, sum, 8);
  store<f64>(w, <f64>pos, 16);
}

/**
 * Bars [p, len) of two symbols whose first p bars were NaN-free and went through `scalarRange`: the
 * window is full, so old = x[i − p]. Runs in blocks of BLOCK bars; a NaN input makes a sum NaN, and
 * the block it is in is given back: the state is left as the scalar path would have it at the
 * block's first bar j (ring included), and j is returned (len when all went through).
 */
@inline function pairTail(x0: usize, x1: usize, y0: usize, y1: usize, len: i32, w0: usize, w1: usize, p: i32, mean: bool): i32 {
  const pv = f64x2.splat(<f64>p);
  let sum = ld2(w0 + 8, w1 + 8);
  const lag = <usize>p << 3;
  let j = p;
  while (j < len) {
    const end = j + BLOCK < len ? j + BLOCK : len;
    const start = sum;
    let i = j;
    // two bars at a time: whole-vector loads of bars i, i+1 of each symbol, transposed into lanes
    for (; i + 1 < end; i += 2) {
      const o = <usize>i << 3;
      const da = f64x2.sub(v128.load(x0 + o), v128.load(x0 + o - lag));
      const db = f64x2.sub(v128.load(x1 + o), v128.load(x1 + o - lag));
      sum = f64x2.add(sum, lo2(da, db));
      const r0 = mean ? f64x2.div(sum, pv) : sum;
      sum = f64x2.add(sum, hi2(da, db));
      const r1 = mean ? f64x2.div(sum, pv) : sum;
      v128.store(y0 + o, lo2(r0, r1));
      v128.store(y1 + o, hi2(r0, r1));
    }
    if (i < end) {
      const o = <usize>i << 3;
      sum = f64x2.add(sum, f64x2.sub(ld2(x0 + o, x1 + o), ld2(x0 + o - lag, x1 + o - lag)));
      st2(y0 + o, y1 + o, mean ? f64x2.div(sum, pv) : sum);
    }
    if (v128.any_true(f64x2.ne(sum, sum))) {
      sum = start;
      break;
    }
    j = end;
  }
  st2(w0 + 8, w1 + 8, sum);
  ringTailStep(x0, j, w0, p, 24, 16);
  ringTailStep(x1, j, w1, p, 24, 16);
  return j;
}

/**
 * Bars [from, len) of four consecutive symbols (columns `len` bars apart from x0 and y0, state
 * blocks `width` slots apart from w0) as two lane pairs in one loop; their windows are full at
 * `from`. from = p: old = x[i − p] (bars [0, p) went through the general path or `quadHead`).
 * from = 0: the four rings share one position pos, and bars i < p read old from the rings (slot
 * pos + i, wrapping once) without writing them. A NaN in either pair gives back the block for all
 * four: the state is left at the block's first bar j for each (rings included), and j is returned.
 * SMA blocks first try `quadBlock` with one output vector in four divided by `exactDiv`; a sum out
 * of its range sends the block, and the rest of the slice, through the divider alone.
 */
@inline function quadTail(x0: usize, y0: usize, len: i32, w0: usize, width: i32, p: i32, mean: bool, from: i32): i32 {
  const sx = <usize>len << 3; // bytes between two symbols' columns
  const sw = <usize>width << 3; // and their state blocks
  const pos = <i32>load<f64>(w0, 16);
  let exact = mean && p <= EXACT_DIV_MAX;
  if (exact) exactDivSetup(p);
  let j = from;
  while (j < len) {
    // where bar i's old value is: ob + i·8 for the first symbol, `so` bytes on for the next
    let seg = len;
    let ob = x0 - (<usize>p << 3);
    let so = sx;
    if (j < p - pos) {
      seg = p - pos;
      ob = w0 + 24 + (<usize>pos << 3);
      so = sw;
    } else if (j < p) {
      seg = p;
      ob = w0 + 24 - (<usize>(p - pos) << 3);
      so = sw;
    }
    const end = j + BLOCK < seg ? j + BLOCK : seg;
    const sa = ld2(w0 + 8, w0 + sw + 8);
    const sb = ld2(w0 + 2 * sw + 8, w0 + 3 * sw + 8);
    // two instances of the block loop: `exact` must be a constant inside each
    let r = exact ? quadBlock(x0, y0, sx, ob, so, j, end, w0, sw, p, mean, true) : quadBlock(x0, y0, sx, ob, so, j, end, w0, sw, p, mean, false);
    if (r == BLOCK_RANGE) {
      // data whose sums leave the range once tend to again: the rest of the slice uses the divider
      exact = false;
      st2(w0 + 8, w0 + sw + 8, sa);
      st2(w0 + 2 * sw + 8, w0 + 3 * sw + 8, sb);
      r = quadBlock(x0, y0, sx, ob, so, j, end, w0, sw, p, mean, false);
    }
    if (r == BLOCK_NAN) {
      st2(w0 + 8, w0 + sw + 8, sa);
      st2(w0 + 2 * sw + 8, w0 + 3 * sw + 8, sb);
      break;
    }
    j = end;
  }
  for (let k = 0; k < 4; k++) ringAdvance(x0 + <usize>k * sx, from, j, w0 + <usize>k * sw, p);
  return j;
}

/**
 * After bars [from, to) went through lanes that did not touch the ring (which holds the window as
 * of bar `from`, oldest at pos): writes the values the general path would have left there (the
 * last p of them), advances pos by to − from, and marks the window full.
 */
@inline function ringAdvance(x: usize, from: i32, to: i32, w: usize, p: i32): void {
  const pos = <i32>load<f64>(w, 16);
  const start = to - p > from ? to - p : from;
  let k = (pos + (start - from)) % p;
  for (let i = start; i < to; i++) {
    store<f64>(w + 24 + (<usize>k << 3), load<f64>(x + (<usize>i << 3)));
    k = k + 1 == p ? 0 : k + 1;
  }
  store<f64>(w, <f64>((pos + (to - from) % p) % p), 16);
  store<f64>(w, <f64>p + 1);
}

/** `quadBlock` outcomes: all bars done; a sum turned NaN (redo on the general path); a sum left `exactDiv`'s range. */
const BLOCK_OK = 0, BLOCK_NAN = 1, BLOCK_RANGE = 2;

/**
 * Bars [from, end) of `quadTail`'s four symbols, old values at ob + i·8 (+ so per symbol), sums read
 * from and written back to the state.
 * With `exact`, the second bar of each step of the second lane pair is divided by `exactDiv`
 * (one vector in four: the divider stays busy with the other three, the multipliers take this
 * one), and its sums' bit patterns are ORed and ANDed to bound their exponents.
 */
@inline function quadBlock(x0: usize, y0: usize, sx: usize, ob: usize, so: usize, from: i32, end: i32, w0: usize, sw: usize, p: i32, mean: bool, exact: bool): i32 {
  const pv = f64x2.splat(<f64>p);
  let sa = ld2(w0 + 8, w0 + sw + 8);
  let sb = ld2(w0 + 2 * sw + 8, w0 + 3 * sw + 8);
  let orBits = i64x2.splat(0);
  let andBits = i64x2.splat(-1);
  let i = from;
  for (; i + 1 < end; i += 2) {
    const x = x0 + (<usize>i << 3), b = ob + (<usize>i << 3);
    const d0 = f64x2.sub(v128.load(x), v128.load(b));
    const d1 = f64x2.sub(v128.load(x + sx), v128.load(b + so));
    const d2 = f64x2.sub(v128.load(x + 2 * sx), v128.load(b + 2 * so));
    const d3 = f64x2.sub(v128.load(x + 3 * sx), v128.load(b + 3 * so));
    sa = f64x2.add(sa, lo2(d0, d1));
    sb = f64x2.add(sb, lo2(d2, d3));
    const ra = mean ? f64x2.div(sa, pv) : sa;
    const rb = mean ? f64x2.div(sb, pv) : sb;
    sa = f64x2.add(sa, hi2(d0, d1));
    sb = f64x2.add(sb, hi2(d2, d3));
    const qa = mean ? f64x2.div(sa, pv) : sa;
    const qb = mean ? (exact ? exactDiv(sb, pv, invAt(), maskAt()) : f64x2.div(sb, pv)) : sb;
    if (exact) {
      orBits = v128.or(orBits, sb);
      andBits = v128.and(andBits, sb);
    }
    const y = y0 + (<usize>i << 3);
    v128.store(y, lo2(ra, qa));
    v128.store(y + sx, hi2(ra, qa));
    v128.store(y + 2 * sx, lo2(rb, qb));
    v128.store(y + 3 * sx, hi2(rb, qb));
  }
  if (i < end) {
    const o = <usize>i << 3;
    const x = x0 + o, y = y0 + o, b = ob + o;
    sa = f64x2.add(sa, f64x2.sub(ld2(x, x + sx), ld2(b, b + so)));
    sb = f64x2.add(sb, f64x2.sub(ld2(x + 2 * sx, x + 3 * sx), ld2(b + 2 * so, b + 3 * so)));
    st2(y, y + sx, mean ? f64x2.div(sa, pv) : sa);
    st2(y + 2 * sx, y + 3 * sx, mean ? f64x2.div(sb, pv) : sb);
  }
  st2(w0 + 8, w0 + sw + 8, sa);
  st2(w0 + 2 * sw + 8, w0 + 3 * sw + 8, sb);
  if (v128.any_true(v128.or(f64x2.ne(sa, sa), f64x2.ne(sb, sb)))) return BLOCK_NAN;
  return exact && exactDivOutOfRange(orBits, andBits) ? BLOCK_RANGE : BLOCK_OK;
}

/**
 * Bars [0, p) of four symbols (as in `quadTail`) whose windows are full (count > p) and whose first
 * p bars are NaN-free, in lanes: the same steps as `scalarRange`, with old = the ring slot at
 * pos + i (mod p). Leaves the state as the general path would: sums, ring (x[0, p) in the slots just
 * read), pos back where it started after p steps, count p + 1.
 */
@inline function quadHead(x0: usize, y0: usize, len: i32, w0: usize, width: i32, p: i32, mean: bool): void {
  const sx = <usize>len << 3;
  const sw = <usize>width << 3;
  const w1 = w0 + sw, w2 = w1 + sw, w3 = w2 + sw;
  const pv = f64x2.splat(<f64>p);
  let sa = ld2(w0 + 8, w1 + 8);
  let sb = ld2(w2 + 8, w3 + 8);
  let k0 = <i32>load<f64>(w0, 16), k1 = <i32>load<f64>(w1, 16), k2 = <i32>load<f64>(w2, 16), k3 = <i32>load<f64>(w3, 16);
  for (let i = 0; i < p; i++) {
    const x = x0 + (<usize>i << 3), y = y0 + (<usize>i << 3);
    const oa = ld2(w0 + 24 + (<usize>k0 << 3), w1 + 24 + (<usize>k1 << 3));
    const ob = ld2(w2 + 24 + (<usize>k2 << 3), w3 + 24 + (<usize>k3 << 3));
    sa = f64x2.add(sa, f64x2.sub(ld2(x, x + sx), oa));
    sb = f64x2.add(sb, f64x2.sub(ld2(x + 2 * sx, x + 3 * sx), ob));
    st2(y, y + sx, mean ? f64x2.div(sa, pv) : sa);
    st2(y + 2 * sx, y + 3 * sx, mean ? f64x2.div(sb, pv) : sb);
    k0 = k0 + 1 == p ? 0 : k0 + 1;
    k1 = k1 + 1 == p ? 0 : k1 + 1;
    k2 = k2 + 1 == p ? 0 : k2 + 1;
    k3 = k3 + 1 == p ? 0 : k3 + 1;
  }
  // after p steps each k is back at pos: the slot read at step i takes x[i]
  for (let i = 0; i < p; i++) {
    const x = x0 + (<usize>i << 3);
    store<f64>(w0 + 24 + (<usize>k0 << 3), load<f64>(x));
    store<f64>(w1 + 24 + (<usize>k1 << 3), load<f64>(x + sx));
    store<f64>(w2 + 24 + (<usize>k2 << 3), load<f64>(x + 2 * sx));
    store<f64>(w3 + 24 + (<usize>k3 << 3), load<f64>(x + 3 * sx));
    k0 = k0 + 1 == p ? 0 : k0 + 1;
    k1 = k1 + 1 == p ? 0 : k1 + 1;
    k2 = k2 + 1 == p ? 0 : k2 + 1;
    k3 = k3 + 1 == p ? 0 : k3 + 1;
  }
  st2(w0 + 8, w1 + 8, sa);
  st2(w2 + 8, w3 + 8, sb);
}
