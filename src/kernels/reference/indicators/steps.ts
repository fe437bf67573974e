// Shared one-bar steps of the indicator references; mirror wasm/indicators/steps.ts operation for operation.

/** Bad-arguments status, as STATUS_BAD_ARGS in wasm/codes.ts. */
export const BAD = 100;

/** True when `n` is a non-negative integer (a size) . */
export function isSize(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

/** True when `p` is a positive integer (a period). */
export function isPeriod(p: number): boolean {
  return Number.isInteger(p) && p >= 1;
}

/** EMA step seeded with the SMA of the first p inputs; state[w..w+2) = [count, value]. */
export function emaStep(st: Float64Array, w: number, x: number, p: number, alpha: number): number {
  const c = st[w]! + 1;
  let v = st[w + 1]!;
  if (c < p) {
    st[w] = c;
    st[w + 1] = v + x;
    return NaN;
  }
  if (c === p) {
    st[w] = c;
    v = (v + x) / p;
  } else {
    v = v + alpha * (x - v);
  }
  st[w + 1] = v;
  return v;
}

/** Wilder's average (SMA seed, then (v·(p − 1) + x) / p); state[w..w+2) = [count, value]. */
export function wilderStep(st: Float64Array, w: number, x: number, p: number): number {
  const c = st[w]! + 1;
  let v = st[w + 1]!;
  if (c < p) {
    st[w] = c;
    st[w + 1] = v + x;
    return NaN;
  }
  if (c === p) {
    st[w] = c;
    v = (v + x) / p;
  } else {
    v = (v * (p - 1) + x) / p;
  }
  st[w + 1] = v;
  return v;
}

/** Wilder's running sum (sum of the first p, then v − v/p + x); state[w..w+2) = [count, value]. */
export function wilderSumStep(st: Float64Array, w: number, x: number, p: number): number {
  const c = st[w]! + 1;
  let v = st[w + 1]!;
  if (c < p) {
    st[w] = c;
    st[w + 1] = v + x;
    return NaN;
  }
  if (c === p) {
    st[w] = c;
    v = v + x;
  } else {
    v = v - v / p + x;
  }
  st[w + 1] = v;
  return v;
}

/** Sum of the last p inputs, rolled as sum + (x − old); state[w..w+3+p) = [count, sum, pos, ring…]. */
export function windowSumStep(st: Float64Array, w: number, x: number, p: number): number {
  const c = st[w]! + 1;
  const pos = st[w + 2]!;
  const r = w + 3 + pos;
  const old = c > p ? st[r]! : 0;
  const sum = st[w + 1]! + (x - old);
  st[r] = x;
  st[w] = c > p ? p + 1 : c;
  st[w + 1] = sum;
  st[w + 2] = pos + 1 === p ? 0 : pos + 1;
  return c >= p ? sum : NaN;
}
