// The ingest kernel of Algoseek trade-only bars with the standard header: runs of plain rows parsed
// byte by byte into staged columns, with exactly the checks of the TypeScript fast path it mirrors.
import { STATUS_OK, STATUS_BAD_ARGS } from './codes';

/** Exact powers of ten: `<f64>m / 10^k` with an integer `m < 2^53` is the correctly rounded decimal. */
const POW10: usize = memory.data<f64>([1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]);
/** Nanoseconds in a minute. */
const MINUTE_NS: i64 = 60_000_000_000;

/** Result slots at `res`: rows taken (i32), offset of the first row not taken (i32), last row's UTC ms (f64). */
export const TRADE_ROWS_RESULT_SIZE: i32 = 16;

/**
 * tradeRows: parses rows of `src[pos, end)` (`pos` a line start, `end` just after a `\n`) while each
 * one starts with the `plen` bytes at `pre` (an accepted row's `date,ticker,`), has an `HH:MM` time
 * later than `lastMs`, `count` plain decimals (no sign, 1–15 digits, at most one dot; 7, or 9 with the
 * adjustment factors), ends with `\n` or `\r\n` and passes the bar checks (prices > 0, low ≤ open,
 * close ≤ high; factors > 0). Stops at the first row that does not, or when `cap` rows are staged.
 * Layout: `out` holds 1 + `count` columns of `cap` 8-byte values, column k at `out + k × (8 × cap + 64)`
 * (one spare cache line between columns): column 0 is i64 UTC ns at the bar's open (base + minutes ×
 * 6e10, the base ns given as `baseLo`/`baseHi` words of the date's local midnight `base` in UTC ms), then
 * f64 in catalog order (open, high, low, close, volume, vwap, trades[, price factor, volume factor]);
 * `res` receives {@link TRADE_ROWS_RESULT_SIZE} bytes (rows, stop offset, last ms). Numbers equal
 * `Number(text)`: the digits form an integer below 10^15 and one division by an exact power of ten
 * rounds once. Reference: `StandardTradeRows` in src/data/algoseek/trade-row-fast.ts (engine `js`).
 */
export function tradeRows(
  src: usize, pre: usize, out: usize, res: usize, pos: i32, end: i32, plen: i32, cap: i32,
  count: i32, base: f64, baseLo: i32, baseHi: i32, lastMs: f64,
): i32 {
  if (pos < 0 || end < pos || plen < 1 || cap < 0 || (count != 7 && count != 9)) return STATUS_BAD_ARGS;
  const baseNs = (<i64>baseHi << 32) | <i64><u32>baseLo;
  // Columns one cache line further apart than their length, so the ten store streams fall in different L1 sets.
  const capB = (<usize>cap << 3) + 64;
  const c0 = out + capB;
  const tail = <usize>plen - 8;
  const first = plen >= 8 ? load<u64>(pre) : 0;
  const last = plen >= 8 ? load<u64>(pre + tail) : 0;
  let rows = 0;
  while (pos < end && rows < cap) {
    // A row shorter than its prefix and time is not one to take (and the word reads stay in range).
    if (pos + plen + 6 > end) break;
    let p = src + <usize>pos;
    // Same date and ticker bytes as the armed row: eight at a time, the last eight overlapping (a date
    // change fails the first word).
    if (plen >= 8) {
      if (load<u64>(p) != first || load<u64>(p + tail) != last) break;
      let same = true;
      for (let k: usize = 8; k < tail; k += 8) {
        if (load<u64>(p + k) != load<u64>(pre + k)) { same = false; break; }
      }
      if (!same) break;
    } else {
      let same = true;
      for (let k = 0; k < plen; k++) {
        if (load<u8>(p + k) != load<u8>(pre + k)) { same = false; break; }
      }
      if (!same) break;
    }
    p += plen;
    const h1 = <u32>load<u8>(p) - 48;
    const h2 = <u32>load<u8>(p, 1) - 48;
    const m1 = <u32>load<u8>(p, 3) - 48;
    const m2 = <u32>load<u8>(p, 4) - 48;
    if (h1 > 2 || h2 > 9 || m1 > 5 || m2 > 9 || load<u8>(p, 2) != 58 || load<u8>(p, 5) != 44) break;
    const hh = h1 * 10 + h2;
    if (hh > 23) break;
    const minutes = hh * 60 + m1 * 10 + m2;
    const ms = base + <f64>(minutes * 60_000);
    if (!(ms > lastMs)) break;
    p += 6;
    const row = <usize>rows << 3;
    const q = fieldByField(p, c0 + row, capB, count);
    if (q == 0) break;
    p = q;
    // The checks of checkBar (values are finite and not negative by construction).
    const o = load<f64>(c0 + row);
    const h = load<f64>(c0 + capB + row);
    const l = load<f64>(c0 + 2 * capB + row);
    const c = load<f64>(c0 + 3 * capB + row);
    if (!(o > 0 && h > 0 && l > 0 && c > 0) || h < l || h < o || h < c || l > o || l > c) break;
    if (count == 9 && !(load<f64>(c0 + 7 * capB + row) > 0 && load<f64>(c0 + 8 * capB + row) > 0)) break;
    store<i64>(out + row, baseNs + <i64>minutes * MINUTE_NS);
    lastMs = ms;
    rows++;
    pos = <i32>(p - src);
  }
  store<i32>(res, rows);
  store<i32>(res, pos, 4);
  store<f64>(res, lastMs, 8);
  return STATUS_OK;
}

/** Catalog column of file field `f` (file order open, high, low, close, vwap, volume, trades[, factors]). */
// @ts-ignore: decorator
@inline function column(f: i32): usize {
  return f == 4 ? 5 : f == 5 ? 4 : <usize>f;
}

/**
 * The `count` numbers of a row at `p` (after its time), digit by digit: each field 1–15 digits and at
 * most one dot, fields separated by commas, the last followed by `\n` or `\r\n`. Stores them at `at`
 * (catalog column k at `at + k × stride`) and returns the offset after the `\n`, or 0 when the row is
 * not plain. (A 16-bytes-at-a-time version with SIMD masks measured slower here than this loop.)
 */
function fieldByField(p: usize, at: usize, stride: usize, count: i32): usize {
  let d: u32 = 0;
  for (let f = 0; ; f++) {
    const s = p;
    let m: i64 = 0;
    d = <u32>load<u8>(p) - 48;
    while (d < 10) {
      m = m * 10 + <i64>d;
      d = <u32>load<u8>(++p) - 48;
    }
    let x: f64;
    if (d == <u32>-2) {
      // '.': the fraction digits, then one exact division.
      const dot = p;
      d = <u32>load<u8>(++p) - 48;
      while (d < 10) {
        m = m * 10 + <i64>d;
        d = <u32>load<u8>(++p) - 48;
      }
      const digits = <i32>(p - s) - 1;
      if (digits == 0 || digits > 15) return 0;
      x = <f64>m / load<f64>(POW10 + ((p - dot - 1) << 3));
    } else {
      const digits = <i32>(p - s);
      if (digits == 0 || digits > 15) return 0;
      x = <f64>m;
    }
    store<f64>(at + column(f) * stride, x);
    if (f == count - 1) break;
    if (d != <u32>-4) return 0; // ','
    p++;
  }
  if (d == <u32>-35) d = <u32>load<u8>(++p) - 48; // '\r'
  if (d != <u32>-38) return 0; // '\n'
  return p + 1;
}
