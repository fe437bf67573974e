// f64x2 helpers for the two-symbol fast paths: lane 0 is one symbol's bar i, lane 1 the next symbol's.
// Lanes run the same IEEE operations as the scalar code, so the fast paths are bit-identical to it.

/** Bars per block of the lane paths that detect NaN after the fact: at most one block is redone. */
export const BLOCK: i32 = 256;

/** Loads f64 at `a` into lane 0 and f64 at `b` into lane 1. */
@inline export function ld2(a: usize, b: usize): v128 {
  return v128.load64_lane(b, v128.load64_zero(a), 1);
}

/** Stores lane 0 at `a` and lane 1 at `b`. */
@inline export function st2(a: usize, b: usize, v: v128): void {
  v128.store64_lane(a, v, 0);
  v128.store64_lane(b, v, 1);
}

/** Stores the low 32 bits of each i64 lane as i32 at `a` (lane 0) and `b` (lane 1). */
@inline export function st2i32(a: usize, b: usize, v: v128): void {
  store<i32>(a, i32x4.extract_lane(v, 0));
  store<i32>(b, i32x4.extract_lane(v, 2));
}

/** Lane-wise `mask ? a : b` with the scalar code's exact choice. */
@inline export function sel(a: v128, b: v128, mask: v128): v128 {
  return v128.bitselect(a, b, mask);
}

/** True when none of the `n` f64 values at `x` is NaN. */
export function noNaN(x: usize, n: i32): bool {
  let bad = i64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a = v128.load(x + (<usize>i << 3));
    const b = v128.load(x + (<usize>i << 3), 16);
    bad = v128.or(bad, v128.or(f64x2.ne(a, a), f64x2.ne(b, b)));
  }
  for (; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    if (v != v) return false;
  }
  return !v128.any_true(bad);
}

/**
 * After a fast path over bars [p, len) (len ≥ p) that did not touch the ring: writes the last p
 * values into the ring (at byte `ringAt` of the state) where the scalar path would have put them,
 * advances pos (byte `posAt`), and marks the window full (count = p + 1).
 */
@inline export function ringTail(x: usize, len: i32, w: usize, p: i32, ringAt: usize, posAt: usize): void {
  const pos = <i32>load<f64>(w + posAt);
  const start = len - p > p ? len - p : p;
  for (let j = start; j < len; j++) {
    const k = (pos + j - p) % p;
    store<f64>(w + ringAt + (<usize>k << 3), load<f64>(x + (<usize>j << 3)));
  }
  store<f64>(w + posAt, <f64>((pos + len - p) % p));
  store<f64>(w, <f64>p + 1);
}

/** [a0, b0] from two vectors holding bars i, i+1 of two symbols: the bar-i pair. */
@inline export function lo2(a: v128, b: v128): v128 {
  return v128.shuffle<f64>(a, b, 0, 2);
}

/** [a1, b1]: the bar-(i+1) pair. */
@inline export function hi2(a: v128, b: v128): v128 {
  return v128.shuffle<f64>(a, b, 1, 3);
}

/**
 * `ringTail` with one modulo per call instead of one per value (the ring index steps and wraps):
 * the same ring, pos and count, for slices where the per-value integer division shows.
 */
@inline export function ringTailStep(x: usize, len: i32, w: usize, p: i32, ringAt: usize, posAt: usize): void {
  const pos = <i32>load<f64>(w + posAt);
  const start = len - p > p ? len - p : p;
  let k = (pos + start - p) % p;
  for (let j = start; j < len; j++) {
    store<f64>(w + ringAt + (<usize>k << 3), load<f64>(x + (<usize>j << 3)));
    k = k + 1 == p ? 0 : k + 1;
  }
  store<f64>(w + posAt, <f64>((pos + len - p) % p));
  store<f64>(w, <f64>p + 1);
}
