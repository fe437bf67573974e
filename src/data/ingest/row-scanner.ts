// Byte-level scanning of one CSV row into per-column numbers and spans, with no string and no
// allocation per row: the shared inner loop of the Algoseek and generic CSV readers.
import { parseDecimal } from '../csv-fields.js';

/** Column kinds of a {@link RowScanner}: ignored, parsed as a decimal number, or kept as a byte span. */
export const Kind = { skip: 0, num: 1, span: 2 } as const;

/** Per-column outcome flags after {@link RowScanner.scan}. */
export const FieldFlag = { ok: 0, empty: 1, notNumber: 2 } as const;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Scans rows of a delimited file. For every column of kind `num` it leaves the value in `nums`
 * (NaN with flag `empty` or `notNumber` when it is not a number); for kind `span` it leaves the
 * field's byte range in `starts`/`ends` (quotes removed; a quoted field with `""` inside keeps them).
 * `count` is the number of fields the row had, so callers can report rows too short or too long.
 */
export class RowScanner {
  readonly nums: Float64Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** Fields found in the last scanned row. */
  count = 0;
  /** Blank numeric fields (left as NaN) in the last row read by {@link RowScanner.scanFast}. */
  blanks = 0;
  private readonly kinds: Uint8Array;
  private readonly delim: number;

  constructor(kinds: ArrayLike<number>, delimiter = 44) {
    const n = kinds.length;
    this.kinds = Uint8Array.from(kinds);
    this.nums = new Float64Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.flags = new Uint8Array(n);
    this.delim = delimiter;
  }

  /**
   * Scans the row starting at `pos` (not at a line end) and returns the offset just after its line
   * ending (`\n`, `\r\n`, or `len`). Fields beyond the known columns are counted, not parsed.
   */
  scan(buf: Uint8Array, pos: number, len: number): number {
    const kinds = this.kinds;
    const ncols = kinds.length;
    const nums = this.nums;
    const flags = this.flags;
    const delim = this.delim;
    let col = 0;
    for (;;) {
      const kind = col < ncols ? kinds[col]! : 0;
      let b = pos < len ? buf[pos]! : 10;
      if (kind === 1 && b !== 34) {
        // Decimal fast path: sign, up to 15 digits and one dot, parsed while finding the field end.
        const s = pos;
        let neg = false;
        if (b === 45 || b === 43) {
          neg = b === 45;
          b = ++pos < len ? buf[pos]! : 10;
        }
        let m = 0;
        let digits = 0;
        let frac = -1;
        for (;;) {
          const d = b - 48;
          if (d >= 0 && d <= 9) {
            m = m * 10 + d;
            digits++;
            if (frac >= 0) frac++;
          } else if (b === 46 && frac < 0) {
            frac = 0;
          } else break;
          b = ++pos < len ? buf[pos]! : 10;
        }
        if (b === delim || b === 10 || b === 13) {
          if (digits > 0 && digits <= 15) {
            const x = frac > 0 ? m / POW10[frac]! : m;
            nums[col] = neg ? -x : x;
            flags[col] = 0;
          } else if (pos === s) {
            nums[col] = NaN;
            flags[col] = 1;
          } else {
            const x = parseDecimal(buf, s, pos);
            nums[col] = x;
            flags[col] = x === x ? 0 : 2;
          }
        } else {
          while (pos < len && (b = buf[pos]!) !== delim && b !== 10 && b !== 13) pos++;
          const x = parseDecimal(buf, s, pos);
          nums[col] = x;
          flags[col] = x === x ? 0 : 2;
        }
        this.starts[col] = s;
        this.ends[col] = pos;
      } else if (b === 34) {
        // Quoted field: up to the closing quote; `""` is an escaped quote.
        const s = ++pos;
        while (pos < len) {
          if (buf[pos] === 34) {
            if (pos + 1 < len && buf[pos + 1] === 34) pos += 2;
            else break;
          } else pos++;
        }
        const e = pos;
        if (pos < len) pos++;
        while (pos < len && (b = buf[pos]!) !== delim && b !== 10 && b !== 13) pos++;
        if (col < ncols) {
          this.starts[col] = s;
          this.ends[col] = e;
          if (kind === 1) {
            const x = e === s ? NaN : parseDecimal(buf, s, e);
            nums[col] = x;
            flags[col] = e === s ? 1 : x === x ? 0 : 2;
          }
        }
      } else {
        const s = pos;
        while (pos < len && (b = buf[pos]!) !== delim && b !== 10 && b !== 13) pos++;
        if (col < ncols) {
          this.starts[col] = s;
          this.ends[col] = pos;
        }
      }
      col++;
      if (pos < len && buf[pos] === delim) {
        pos++;
        continue;
      }
      break;
    }
    for (let c = col; c < ncols; c++) {
      nums[c] = NaN;
      flags[c] = 1;
      this.starts[c] = pos;
      this.ends[c] = pos;
    }
    this.count = col;
    if (pos < len && buf[pos] === 13) pos++;
    if (pos < len && buf[pos] === 10) pos++;
    return pos;
  }

  /**
   * The fast path of {@link RowScanner.scan} for the common row: plain numbers (sign, ≤ 15 digits,
   * one dot) or blank numeric fields (NaN, counted in `blanks`) and unquoted text, exactly as many fields as columns, and a `\n` ending the line (the
   * caller guarantees one at or before the end of the buffer). Returns the offset after the line, or -1
   * when anything is unusual; the caller then re-reads the row with {@link RowScanner.scan}.
   */
  scanFast(buf: Uint8Array, pos: number): number {
    const kinds = this.kinds;
    const last = kinds.length - 1;
    const nums = this.nums;
    const starts = this.starts;
    const ends = this.ends;
    const delim = this.delim;
    let b = 0;
    let blanks = 0;
    for (let col = 0; ; col++) {
      if (kinds[col] === 1) {
        b = buf[pos]!;
        let neg = false;
        if (b === 45) {
          neg = true;
          b = buf[++pos]!;
        }
        let m = 0;
        let digits = 0;
        let frac = -1;
        for (;;) {
          const d = b - 48;
          if (d >= 0 && d <= 9) {
            m = m * 10 + d;
            digits++;
          } else if (b === 46 && frac < 0) {
            frac = digits;
          } else break;
          b = buf[++pos]!;
        }
        if (digits === 0 || digits > 15) {
          // A blank field (nothing before the delimiter) is NaN and counted; anything else goes slow.
          if (digits !== 0 || neg || frac >= 0 || (b !== delim && b !== 10 && b !== 13)) return -1;
          nums[col] = NaN;
          blanks++;
        } else {
          const x = frac >= 0 && digits > frac ? m / POW10[digits - frac]! : m;
          nums[col] = neg ? -x : x;
        }
      } else {
        const s = pos;
        while ((b = buf[pos]!) !== delim && b !== 10 && b !== 13) {
          if (b === 34) return -1;
          pos++;
        }
        starts[col] = s;
        ends[col] = pos;
      }
      if (col === last) break;
      if (b !== delim) return -1;
      pos++;
    }
    if (b === 13) b = buf[++pos]!;
    if (b !== 10) return -1;
    this.blanks = blanks;
    return pos + 1;
  }

  /** Whether the span of column `col` equals the bytes of `other`. */
  spanEquals(buf: Uint8Array, col: number, other: Uint8Array, otherLen = other.length): boolean {
    const s = this.starts[col]!;
    const n = this.ends[col]! - s;
    if (n !== otherLen) return false;
    for (let i = 0; i < n; i++) if (buf[s + i] !== other[i]) return false;
    return true;
  }
}

/** Text of `buf[s, e)` decoded as UTF-8, with `""` unescaped (for quoted fields). */
export function spanText(buf: Uint8Array, s: number, e: number): string {
  const text = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8');
  return text.includes('""') ? text.replaceAll('""', '"') : text;
}
