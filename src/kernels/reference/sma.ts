// Plain-TypeScript reference of wasm/sma.ts: same name, same argument order, same operations.

/** Rolling mean of the last `period` valid values; see wasm/sma.ts for layout and warm-up. */
export function sma(src: Float64Array, dst: Float64Array, n: number, period: number, state: Float64Array): number {
  if (n < 0 || period < 1 || !Number.isInteger(period)) return 100;
  let count = state[0]!;
  let sum = state[1]!;
  let pos = state[2]!;
  for (let i = 0; i < n; i++) {
    const x = src[i]!;
    if (x !== x) {
      dst[i] = NaN;
      continue;
    }
    if (count >= period) sum -= state[3 + pos]!;
    sum += x;
    state[3 + pos] = x;
    pos++;
    if (pos === period) pos = 0;
    count++;
    dst[i] = count >= period ? sum / period : NaN;
  }
  state[0] = count;
  state[1] = sum;
  state[2] = pos;
  return 0;
}
