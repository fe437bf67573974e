// Plain-TypeScript reference of wasm/crossover.ts.

/** +1/−1/0 crossovers of a over b with backtrader's skip-equal rule; see wasm/crossover.ts. */
export function crossover(a: Float64Array, b: Float64Array, dst: Int32Array, n: number, state: Float64Array): number {
  if (n < 0) return 100;
  let last = state[0]!;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    let out = 0;
    if (x === x && y === y) {
      if (x > y) {
        if (last < 0) out = 1;
        last = 1;
      } else if (x < y) {
        if (last > 0) out = -1;
        last = -1;
      }
    }
    dst[i] = out;
  }
  state[0] = last;
  return 0;
}
