// Turning a failed field or bar check into the right reject reason and a message that says what was
// expected, shared by every reader so that the same fault is reported the same way everywhere.
import { BarProblem, describeBarProblem } from '../bar-rules.js';
import { latin1 } from '../csv-fields.js';
import { isoUtc } from '../../model/time.js';
import { DUPLICATE } from './bar-block.js';
import { FieldFlag } from './row-scanner.js';
import type { BadRows, RejectReason } from './row-tally.js';

/** The reject reason of a {@link checkBar} code. */
export function barReason(code: number, o: number, h: number, l: number, c: number, v: number): RejectReason {
  switch (code) {
    case BarProblem.open: return priceReason(o);
    case BarProblem.high: return priceReason(h);
    case BarProblem.low: return priceReason(l);
    case BarProblem.close: return priceReason(c);
    case BarProblem.volume: return v !== v ? 'nan' : v < 0 ? 'negative-volume' : 'bad-number';
    case BarProblem.highBelowLow: return 'high-below-low';
    default: return 'price-outside-range';
  }
}

function priceReason(x: number): RejectReason {
  if (x !== x) return 'nan';
  return x <= 0 ? 'non-positive-price' : 'bad-number';
}

/**
 * Rejects a bar that failed {@link checkBar}; `names` gives the file's column names for open, high,
 * low, close and volume, so the message names the column as the file spells it.
 */
export function rejectBar(bad: BadRows, line: number, code: number, o: number, h: number, l: number, c: number, v: number, names: readonly string[]): void {
  const r = describeBarProblem(code, o, h, l, c, v);
  const idx = ['open', 'high', 'low', 'close', 'volume'].indexOf(r.column);
  bad.reject(line, names[idx] ?? r.column, barReason(code, o, h, l, c, v), r.message);
}

/** Rejects a numeric field whose flag is not ok: empty, `NaN`, or not a number. */
export function rejectNumber(bad: BadRows, line: number, column: string, flag: number, buf: Uint8Array, s: number, e: number): void {
  const text = latin1(buf, s, e).trim();
  if (flag === FieldFlag.empty || text === '') bad.reject(line, column, 'missing-value', 'empty value; expected a number');
  else if (text.toLowerCase() === 'nan') bad.reject(line, column, 'nan', 'NaN is not allowed; expected a finite number');
  else bad.reject(line, column, 'bad-number', `expected a number; got "${text}"`);
}

/** Rejects a row whose timestamp is not after the previous one of its symbol. */
export function rejectOrder(bad: BadRows, line: number, column: string, code: number, ms: number, lastMs: number, lastLine: number, symbol: string): void {
  if (code === DUPLICATE) {
    bad.reject(line, column, 'duplicate-timestamp', `duplicate timestamp ${isoUtc(ms)} (also on line ${lastLine}) for ${symbol}; each bar time may appear once`);
  } else {
    bad.reject(line, column, 'out-of-order', `timestamp ${isoUtc(ms)} is before ${isoUtc(lastMs)} on line ${lastLine} (${symbol}); rows must be in time order`);
  }
}

/** Rejects a row with the wrong number of fields. */
export function rejectFieldCount(bad: BadRows, line: number, got: number, want: number): void {
  bad.reject(line, got < want ? got + 1 : want + 1, 'field-count', `row has ${got} field(s); expected ${want} as in the header`);
}

/** Looks up header names case-insensitively: the index of each wanted name, or -1. */
export function headerIndex(names: readonly string[]): (name: string) => number {
  const map = new Map<string, number>();
  names.forEach((n, i) => {
    const k = n.toLowerCase();
    if (!map.has(k)) map.set(k, i);
  });
  return (name) => map.get(name.toLowerCase()) ?? -1;
}

/** The first name listed twice in a header (case-insensitive), or undefined. */
export function duplicateName(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const n of names) {
    const k = n.toLowerCase();
    if (k !== '' && seen.has(k)) return n;
    seen.add(k);
  }
  return undefined;
}
