// Parsing of CSV field bytes without creating strings: decimal numbers (correctly rounded) and
// ISO 8601 timestamps. Failures return NaN / false; the reader turns them into located errors.
import { DAY_MS, daysFromCivil, daysInMonth } from '../model/civil-date.js';
import { localToUtcMs } from './calendar.js';
import { MAX_NS_MS, MIN_NS_MS } from './int64-ns.js';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses the decimal number in `buf[s, e)`, or returns NaN when it is not one (the text `NaN` also
 * gives NaN: callers tell the two apart from the text). Up to 15 digits take the exact fast path
 * (integer mantissa divided by a power of ten: correctly rounded); longer forms and exponents fall back
 * to Number on the text.
 */
export function parseDecimal(buf: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (i < e && buf[i] === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    const b = buf[i]!;
    const d = b - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      if (frac >= 0) frac++;
    } else if (b === 46 && frac < 0) {
      frac = 0;
    } else {
      return parseSlow(buf, s, e);
    }
  }
  if (digits === 0) return NaN;
  if (digits > 15) return parseSlow(buf, s, e);
  const x = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -x : x;
}

function parseSlow(buf: Uint8Array, s: number, e: number): number {
  const text = latin1(buf, s, e).trim();
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/** The bytes `buf[s, e)` as a string (ASCII/Latin-1), for messages and slow paths. */
export function latin1(buf: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(buf[i]!);
  return out;
}

function digitsAt(buf: Uint8Array, s: number, n: number, e: number): number {
  if (s + n > e) return -1;
  let v = 0;
  for (let i = s; i < s + n; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Parses an ISO 8601 timestamp in `buf[s, e)` into `out[0]` = UTC ms and `out[1]` = sub-ms ns.
 * Accepts `YYYY-MM-DD[T| ]HH:MM[:SS[.f{1,9}]]` followed by `Z`, `±HH:MM`, `±HHMM` or `±HH`; without
 * an offset the time is wall-clock time in `zone`; a plain `YYYY-MM-DD` is local midnight in `zone`.
 * Returns false when the text is not such a timestamp or lies outside the int64-ns range.
 */
export function parseTimestamp(buf: Uint8Array, s: number, e: number, zone: string, out: Float64Array): boolean {
  while (e > s && buf[e - 1] === 32) e--;
  while (s < e && buf[s] === 32) s++;
  const y = digitsAt(buf, s, 4, e);
  const mo = digitsAt(buf, s + 5, 2, e);
  const d = digitsAt(buf, s + 8, 2, e);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || buf[s + 4] !== 45 || buf[s + 7] !== 45) return false;
  if (d > daysInMonth(y, mo)) return false;
  let i = s + 10;
  let hh = 0;
  let mm = 0;
  let ss = 0;
  let fracNs = 0;
  let local = true;
  let offsetMin = 0;
  if (i < e) {
    const sep = buf[i];
    if (sep !== 84 && sep !== 116 && sep !== 32) return false;
    hh = digitsAt(buf, i + 1, 2, e);
    mm = digitsAt(buf, i + 4, 2, e);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || buf[i + 3] !== 58) return false;
    i += 6;
    if (i < e && buf[i] === 58) {
      ss = digitsAt(buf, i + 1, 2, e);
      if (ss < 0 || ss > 59) return false;
      i += 3;
      if (i < e && (buf[i] === 46 || buf[i] === 44)) {
        i++;
        let n = 0;
        let scale = 1e8;
        for (; i < e; i++, n++) {
          const dd = buf[i]! - 48;
          if (dd < 0 || dd > 9) break;
          fracNs += dd * scale;
          scale /= 10;
        }
        if (n === 0 || n > 9) return false;
        fracNs = Math.round(fracNs);
      }
    }
    if (i < e) {
      const z = buf[i];
      if ((z === 90 || z === 122) && i + 1 === e) {
        local = false;
      } else if (z === 43 || z === 45) {
        const oh = digitsAt(buf, i + 1, 2, e);
        let om = 0;
        if (i + 3 === e) om = 0;
        else if (buf[i + 3] === 58 && i + 6 === e) om = digitsAt(buf, i + 4, 2, e);
        else if (i + 5 === e) om = digitsAt(buf, i + 3, 2, e);
        else return false;
        if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
        offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
        local = false;
      } else {
        return false;
      }
    }
  }
  if (y < 1678 || y > 2261) return false;
  const baseMs = local
    ? localToUtcMs(zone, y, mo, d, hh, mm, ss)
    : daysFromCivil(y, mo, d) * DAY_MS + ((hh * 60 + mm - offsetMin) * 60 + ss) * 1000;
  const ms = baseMs + Math.floor(fracNs / 1e6);
  if (ms < MIN_NS_MS || ms > MAX_NS_MS) return false;
  out[0] = ms;
  out[1] = fracNs - Math.floor(fracNs / 1e6) * 1e6;
  return true;
}

/** Where the last fast-path field ended; -1 when the general path must handle the field. */
export const scanEnd = new Int32Array(1);
/** Start offset of the last date the timestamp fast path parsed (-1: none) and its day in ms. */
const lastDatePos = new Int32Array([-1]);
const lastDateMs = new Float64Array(1);

/** Forgets the cached date of the timestamp fast path (call before parsing another buffer). */
export function resetScan(): void {
  lastDatePos[0] = -1;
}

function isDelimiter(b: number | undefined): boolean {
  return b === undefined || b === 44 || b === 10 || b === 13;
}

/**
 * Fast path for a plain decimal field starting at `pos` (sign, up to 15 digits, one dot), parsed while
 * looking for its end. Sets `scanEnd[0]` to the end, or to -1 when the general path must decide.
 */
export function scanNumber(buf: Uint8Array, pos: number, len: number): number {
  let i = pos;
  let neg = false;
  if (buf[i] === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < len; i++) {
    const b = buf[i]!;
    if (b === 44 || b === 10 || b === 13) break;
    const d = b - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      if (frac >= 0) frac++;
    } else if (b === 46 && frac < 0) {
      frac = 0;
    } else {
      scanEnd[0] = -1;
      return NaN;
    }
  }
  if (digits === 0 || digits > 15) {
    scanEnd[0] = -1;
    return NaN;
  }
  scanEnd[0] = i;
  const x = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -x : x;
}

function two(buf: Uint8Array, i: number): number {
  const a = buf[i]! - 48;
  const b = buf[i + 1]! - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Fast path for `YYYY-MM-DDTHH:MM:SSZ` at `pos`, re-using the day of the previous row when its date
 * bytes repeat. Returns UTC ms and sets `scanEnd[0]` to the field end, or sets it to -1 when the field
 * has another form (the general {@link parseTimestamp} then handles it).
 */
export function scanUtcTimestamp(buf: Uint8Array, pos: number, len: number): number {
  if (pos + 20 > len || buf[pos + 10] !== 84 || buf[pos + 13] !== 58 || buf[pos + 16] !== 58 || buf[pos + 19] !== 90 || !isDelimiter(buf[pos + 20])) {
    scanEnd[0] = -1;
    return NaN;
  }
  const prev = lastDatePos[0]!;
  let same = prev >= 0;
  for (let k = 0; same && k < 10; k++) same = buf[pos + k] === buf[prev + k];
  if (!same) {
    const y = digitsAt(buf, pos, 4, len);
    const mo = two(buf, pos + 5);
    const d = two(buf, pos + 8);
    if (y < 1678 || y > 2261 || mo < 1 || mo > 12 || d < 1 || buf[pos + 4] !== 45 || buf[pos + 7] !== 45 || d > daysInMonth(y, mo)) {
      scanEnd[0] = -1;
      return NaN;
    }
    lastDatePos[0] = pos;
    lastDateMs[0] = daysFromCivil(y, mo, d) * DAY_MS;
  }
  const hh = two(buf, pos + 11);
  const mm = two(buf, pos + 14);
  const ss = two(buf, pos + 17);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) {
    scanEnd[0] = -1;
    return NaN;
  }
  scanEnd[0] = pos + 20;
  return lastDateMs[0]! + ((hh * 60 + mm) * 60 + ss) * 1000;
}
