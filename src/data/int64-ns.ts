// Exact conversions between int64 nanosecond timestamps and (milliseconds, sub-millisecond ns)
// pairs, done on the two 32-bit halves so hot loops never allocate a BigInt.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of the low 32-bit word of element `i` is `2 * i + LO`. */
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;
const TWO32 = 4294967296;

/** Smallest and largest millisecond instants whose nanosecond count fits in an int64 (1677–2262). */
export const MIN_NS_MS = -9_223_372_036_854;
/** See {@link MIN_NS_MS}. */
export const MAX_NS_MS = 9_223_372_036_853;

/** A view of an int64 column as pairs of int32 words, for allocation-free access. */
export function int64Words(ts: BigInt64Array): Int32Array {
  return new Int32Array(ts.buffer, ts.byteOffset, ts.length * 2);
}

/**
 * Writes `ms * 1e6 + subNs` into element `i` of an int64 column seen through {@link int64Words}.
 * `ms` must be an integer within [MIN_NS_MS, MAX_NS_MS] and `subNs` an integer in [0, 1e6).
 */
export function writeNs(words: Int32Array, i: number, ms: number, subNs: number): void {
  // ns = X * 2^16 + Y with X = H * 1e6 and Y = L * 1e6 + subNs, every term exact in a double.
  const h = Math.floor(ms / 65536);
  const x = h * 1e6;
  const y = (ms - h * 65536) * 1e6 + subNs;
  const xh = Math.floor(x / 65536);
  const z = (x - xh * 65536) * 65536 + y;
  const carry = Math.floor(z / TWO32);
  words[2 * i + LO] = (z - carry * TWO32) | 0;
  words[2 * i + HI] = (xh + carry) | 0;
}

/** Milliseconds (floored) of element `i` of an int64 nanosecond column seen through {@link int64Words}. */
export function readMs(words: Int32Array, i: number): number {
  const hi = words[2 * i + HI]!;
  // hi * 2^32 = hi * 4294 * 1e6 + hi * 967296, so the remainder term stays below 2^53.
  const r = hi * 967296 + (words[2 * i + LO]! >>> 0);
  return hi * 4294 + Math.floor(r / 1e6);
}

/** Sub-millisecond nanoseconds, in [0, 1e6), of element `i` (companion of {@link readMs}). */
export function readSubNs(words: Int32Array, i: number): number {
  const hi = words[2 * i + HI]!;
  const r = hi * 967296 + (words[2 * i + LO]! >>> 0);
  return r - Math.floor(r / 1e6) * 1e6;
}

/** The int64 value of element `i` as a double: exact below 2^53 in magnitude (s, ms and µs epochs). */
export function readInt64AsNumber(words: Int32Array, i: number): number {
  return words[2 * i + HI]! * TWO32 + (words[2 * i + LO]! >>> 0);
}

/**
 * Compares elements `i` of `a` and `j` of `b` (both from {@link int64Words}) as signed int64:
 * negative, zero or positive.
 */
export function compareNs(a: Int32Array, i: number, b: Int32Array, j: number): number {
  const d = a[2 * i + HI]! - b[2 * j + HI]!;
  if (d !== 0) return d;
  return (a[2 * i + LO]! >>> 0) - (b[2 * j + LO]! >>> 0);
}

/** Converts an int64 nanosecond column to floored milliseconds. */
export function nsToMs(ts: BigInt64Array, out: Float64Array = new Float64Array(ts.length)): Float64Array {
  const words = int64Words(ts);
  for (let i = 0; i < ts.length; i++) out[i] = readMs(words, i);
  return out;
}

/** Converts integer milliseconds to an int64 nanosecond column. */
export function msToNs(ms: Float64Array, out: BigInt64Array = new BigInt64Array(ms.length)): BigInt64Array {
  const words = int64Words(out);
  for (let i = 0; i < ms.length; i++) writeNs(words, i, ms[i]!, 0);
  return out;
}
