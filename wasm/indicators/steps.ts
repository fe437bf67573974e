// Shared one-bar steps of the indicator kernels (EMA, Wilder smoothing, window sums) and column addressing.
// Each step reads and writes its state slots in place; src/kernels/reference/indicators/steps.ts mirrors them.

/** Loads element `i` of an f64 column. */
@inline export function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** Stores element `i` of an f64 column. */
@inline export function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** Address of symbol `s`'s slice in a symbol-major f64 column of `len` bars per symbol. */
@inline export function col(base: usize, s: i32, len: i32): usize {
  return base + ((<usize>s * <usize>len) << 3);
}

/** Address of symbol `s`'s state block of `width` f64 slots. */
@inline export function slot(state: usize, s: i32, width: i32): usize {
  return state + ((<usize>s * <usize>width) << 3);
}

/**
 * EMA step, seeded with the SMA of the first `p` inputs; state f64[2] = [count, value].
 * Returns NaN during the warm-up (first p − 1 inputs), then v + alpha·(x − v).
 */
@inline export function emaStep(s: usize, x: f64, p: i32, alpha: f64): f64 {
  const c = load<f64>(s) + 1;
  const pf = <f64>p;
  let v = load<f64>(s, 8);
  if (c < pf) {
    store<f64>(s, c);
    store<f64>(s, v + x, 8);
    return NaN;
  }
  if (c == pf) {
    store<f64>(s, c);
    v = (v + x) / pf;
  } else {
    v = v + alpha * (x - v);
  }
  store<f64>(s, v, 8);
  return v;
}

/** Wilder's average (SMA seed, then (v·(p − 1) + x) / p); state f64[2] = [count, value]. */
@inline export function wilderStep(s: usize, x: f64, p: i32): f64 {
  const c = load<f64>(s) + 1;
  const pf = <f64>p;
  let v = load<f64>(s, 8);
  if (c < pf) {
    store<f64>(s, c);
    store<f64>(s, v + x, 8);
    return NaN;
  }
  if (c == pf) {
    store<f64>(s, c);
    v = (v + x) / pf;
  } else {
    v = (v * (pf - 1) + x) / pf;
  }
  store<f64>(s, v, 8);
  return v;
}

/** Wilder's running sum (sum of the first p, then v − v/p + x); state f64[2] = [count, value]. */
@inline export function wilderSumStep(s: usize, x: f64, p: i32): f64 {
  const c = load<f64>(s) + 1;
  const pf = <f64>p;
  let v = load<f64>(s, 8);
  if (c < pf) {
    store<f64>(s, c);
    store<f64>(s, v + x, 8);
    return NaN;
  }
  if (c == pf) {
    store<f64>(s, c);
    v = v + x;
  } else {
    v = v - v / pf + x;
  }
  store<f64>(s, v, 8);
  return v;
}

/**
 * Sum of the last `p` inputs; state f64[3 + p] = [count, sum, pos, ring…]. The sum is rolled as
 * sum + (x − old), with old = 0 until the window is full. Returns NaN until p inputs were seen.
 */
@inline export function windowSumStep(s: usize, x: f64, p: i32): f64 {
  const c = load<f64>(s) + 1;
  const pos = <i32>load<f64>(s, 16);
  const r = s + 24 + (<usize>pos << 3);
  const pf = <f64>p;
  const old = c > pf ? load<f64>(r) : 0.0;
  const sum = load<f64>(s, 8) + (x - old);
  store<f64>(r, x);
  store<f64>(s, c > pf ? pf + 1 : c);
  store<f64>(s, sum, 8);
  store<f64>(s, <f64>(pos + 1 == p ? 0 : pos + 1), 16);
  return c >= pf ? sum : NaN;
}
