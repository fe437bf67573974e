// Plain-TypeScript reference of wasm/sma-cross.ts: the exact crossover, with BigInt sums.

/** Exact SMA crossover on integer-scaled prices; see wasm/sma-cross.ts for the layout of `state`. */
export function smaCross(
  close: Float64Array, dst: Int32Array, n: number, fast: number, slow: number, scale: number, state: BigInt64Array,
): number {
  if (n < 0 || fast < 1 || slow < 1 || fast > slow) return 100;
  let count = state[0]!;
  let fastSum = state[1]!;
  let slowSum = state[2]!;
  let last = state[3]!;
  let pos = Number(state[4]!);
  let fpos = pos - fast;
  if (fpos < 0) fpos += slow;
  const f = BigInt(fast);
  const s = BigInt(slow);
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    if (c !== c) {
      dst[i] = 0;
      continue;
    }
    const v = BigInt(roundHalfEven(c * scale));
    if (count >= f) fastSum -= state[5 + fpos]!;
    if (count >= s) slowSum -= state[5 + pos]!;
    fastSum += v;
    slowSum += v;
    state[5 + pos] = v;
    if (++pos === slow) pos = 0;
    if (++fpos === slow) fpos = 0;
    count++;
    let out = 0;
    if (count >= s) {
      const d = s * fastSum - f * slowSum;
      if (d > 0n) {
        if (last < 0n) out = 1;
        last = 1n;
      } else if (d < 0n) {
        if (last > 0n) out = -1;
        last = -1n;
      }
    }
    dst[i] = out;
  }
  state[0] = count;
  state[1] = fastSum;
  state[2] = slowSum;
  state[3] = last;
  state[4] = BigInt(pos);
  return 0;
}

/** WebAssembly's `f64.nearest`: round half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
