// The day ends of a dayEnd column (1 at a session's last bar) as indices, read four flags at a time:
// shared by the engine's feed and reporting's market record, which both walk every bar's flag.

/**
 * Appends `offset + i` for each `i` in `[from, to)` with `flags[i] === 1`, in order. Flags are read
 * as 32-bit words where those are 0 (minute bars have one day end in 390 bars), byte by byte in the
 * rest, so the result is that of the plain loop over every flag.
 */
export function pushDayEnds(out: number[], flags: Uint8Array, from: number, to: number, offset = 0): void {
  // [a, a + 4·words) is read as words: `a` is the first index from `from` at a 4-byte boundary
  const a = Math.min(to, from + ((4 - ((flags.byteOffset + from) & 3)) & 3));
  const words = (to - a) >> 2;
  for (let i = from; i < a; i++) if (flags[i] === 1) out.push(offset + i);
  if (words > 0) pushWords(out, flags, new Int32Array(flags.buffer, flags.byteOffset + a, words), a, offset);
  for (let i = a + 4 * words; i < to; i++) if (flags[i] === 1) out.push(offset + i);
}

// flags[a + 4k …] of each non-zero word `w[k]`, byte by byte
function pushWords(out: number[], flags: Uint8Array, w: Int32Array, a: number, offset: number): void {
  for (let k = 0; k < w.length; k++) {
    if (w[k] === 0) continue;
    for (let i = a + 4 * k, end = i + 4; i < end; i++) if (flags[i] === 1) out.push(offset + i);
  }
}
