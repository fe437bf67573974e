// Plain-TypeScript reference of wasm/simulate.ts: the same walk, the same cursor, the same codes.

/** Advances over a slice until an event is due; see wasm/simulate.ts for layout and order of steps. */
export function simulate(
  open: Float64Array, close: Float64Array, signal: Int32Array, dayEnd: Uint8Array,
  equity: Float64Array, book: Float64Array, cursor: Int32Array,
  nsym: number, len: number,
): number {
  if (nsym < 1 || len < 0) return 100;
  const P = 1;
  const M = 1 + nsym;
  const Q = 1 + 2 * nsym;
  let t = cursor[0]!;
  let s = cursor[1]!;
  let phase = cursor[2]!;
  const yieldEvent = (nt: number, ns: number, nphase: number, evSym: number, code: number, evT: number): number => {
    cursor[0] = nt;
    cursor[1] = ns;
    cursor[2] = nphase;
    cursor[3] = evSym;
    cursor[4] = evT;
    return code;
  };
  while (t < len) {
    if (phase === 0) {
      for (; s < nsym; s++) {
        if (book[Q + s] !== 0) {
          const o = open[s * len + t]!;
          if (o === o) return yieldEvent(t, s + 1, 0, s, 1, t);
        }
      }
      let total = book[0]!;
      for (let k = 0; k < nsym; k++) {
        const c = close[k * len + t]!;
        if (c === c) book[M + k] = c;
        const q = book[P + k]!;
        if (q !== 0) total += q * book[M + k]!;
      }
      equity[t] = total;
      phase = 2;
      s = 0;
    }
    if (phase === 2) {
      for (; s < nsym; s++) {
        if (signal[s * len + t] !== 0) return yieldEvent(t, s + 1, 2, s, 2, t);
      }
      phase = 3;
    }
    if (dayEnd[t] !== 0) return yieldEvent(t + 1, 0, 0, -1, 3, t);
    t++;
    s = 0;
    phase = 0;
  }
  cursor[0] = t;
  cursor[1] = 0;
  cursor[2] = 0;
  return 0;
}
