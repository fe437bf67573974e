// The byte-level fast paths of the CSV readers against independent references: every decimal they
// accept parses to exactly the double Number() gives, and the trade-bar reader's run-of-rows fast path
// gives the same bars, counts, reasons and messages as its general path on random files with faults.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TradeBarParser } from '../../src/data/algoseek/trade-bars.js';
import { parseDecimal } from '../../src/data/csv-fields.js';
import { RowScanner } from '../../src/data/ingest/row-scanner.js';
import { BadRows, RowTally, type RejectReason } from '../../src/data/ingest/row-tally.js';
import { TRADE_HEADER } from './algoseek-helpers.js';
import { useTradeRowsScanner } from '../../src/data/algoseek/trade-row-fast.js';
import { TradeRowsKernel } from '../../src/kernels/trade-rows.js';

// the fast path on the WebAssembly scanner, as `qtrader ingest` hands it in
useTradeRowsScanner(() => TradeRowsKernel.shared());

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Decimal text as vendors write it: digits, optional dot and fraction, leading/trailing zeros, long tails. */
const decimalText = fc
  .tuple(fc.stringMatching(/^[0-9]{0,12}$/), fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }))
  .filter(([a, b]) => a.length + (b?.length ?? 0) > 0)
  .map(([a, b]) => (b === undefined ? a : `${a}.${b}`));

/** Edge cases: the 15/16-digit boundary, powers of ten, halfway cases, tiny and huge values. */
const EDGES = [
  '0', '0.0', '.5', '5.', '000123.4500', '999999999999999', '9999999999999999', '99999999999999.9', '0.000000000000001',
  '0.1', '0.2', '0.3', '1.005', '2.675', '1.0000000000000002', '9007199254740993', '123456789012345.6', '0.30000000000000004',
  '100000000000000000000', '1e5', '12.34.5', '', '.', '1.7976931348623157', '4.35', '0.07', '166.9871', '1250312',
];

/** One trade-bar row whose four prices and vwap are `x` (valid when x > 0), volume `v`, trades 7. */
const row = (date: string, tick: string, time: string, x: string, v: string): string => `${date},${tick},${time},${x},${x},${x},${x},${x},${v},7`;

class RecordingRows extends BadRows {
  readonly log: string[] = [];
  override reject(line: number | undefined, column: string | number | undefined, reason: RejectReason, message: string, n = 1): void {
    this.log.push(`${line}|${column}|${reason}|${message}|${n}`);
    super.reject(line, column, reason, message, n);
  }
}

/** Parses `text` (cut into chunks at `cuts`) under the skip policy; returns bars, counts and messages. */
function parseText(text: string, cuts: number[] = []) {
  const tally = new RowTally();
  const bad = new RecordingRows('f.csv', 'skip', tally);
  const p = new TradeBarParser(bad);
  const bytes = enc(text);
  let at = 0;
  for (const c of [...cuts.filter((k) => k > 0 && k < bytes.length).sort((a, b) => a - b), bytes.length]) {
    if (c > at) p.push(bytes.slice(at, c));
    at = Math.max(at, c);
  }
  p.end(false);
  const blocks = p.blocks().map((b) => ({ symbol: b.symbol, ts: [...b.ts], cols: Object.fromEntries(Object.entries(b.columns).map(([k, v]) => [k, [...v]])) }));
  return { blocks, read: tally.read, skipped: tally.skippedObject(), log: bad.log, line: p.line };
}

describe('decimal fast paths', () => {
  it('parse every decimal exactly as Number() does, or decline it (property over random decimal text)', () => {
    fc.assert(
      fc.property(decimalText, (t) => {
        const want = Number(t);
        expect(Object.is(parseDecimal(enc(t), 0, t.length), want)).toBe(true);
        const sc = new RowScanner([1, 1]);
        const line = enc(`${t},-${t}\n`);
        sc.scan(line, 0, line.length);
        expect(Object.is(sc.nums[0], want)).toBe(true);
        expect(Object.is(sc.nums[1], -want)).toBe(true);
        if (sc.scanFast(line, 0) >= 0) {
          expect(Object.is(sc.nums[0], want)).toBe(true);
          expect(Object.is(sc.nums[1], -want)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the trade-bar reader the same doubles as Number() on the fast path and off it', () => {
    // Two rows per value: the first goes through the general path (and arms the fast path), the
    // second through the fast path; both must store Number(text). Zero prices are rejected by both.
    const check = (t: string): void => {
      const x = Number(t);
      const text = `${TRADE_HEADER}\n${row('20240102', 'AAPL', '09:30', t, t)}\n${row('20240102', 'AAPL', '09:31', t, t)}\n`;
      const r = parseText(text);
      if (!(x > 0)) {
        expect(r.blocks).toEqual([]);
        return;
      }
      expect(r.read).toBe(2);
      const b = r.blocks[0]!;
      for (const k of ['open', 'high', 'low', 'close', 'vwap', 'volume']) {
        expect(Object.is(b.cols[k]![0], x)).toBe(true);
        expect(Object.is(b.cols[k]![1], x)).toBe(true);
      }
    };
    for (const t of EDGES.filter((e) => /^[0-9]*\.?[0-9]*$/.test(e) && /[0-9]/.test(e))) check(t);
    fc.assert(fc.property(decimalText, check), { numRuns: 1500 });
  });
});

/** A random file of trade rows with faults: changes of date and ticker, blank lines, bad numbers and times, order faults, CRLF. */
const faultyFile = fc
  .array(
    fc.record({
      kind: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'date', 'ticker', 'back', 'dup', 'blank', 'badnum', 'badtime', 'hour24', 'neg', 'zero', 'highlow', 'crlf', 'quoted', 'long', 'short', 'dst', 'sign'),
      price: fc.integer({ min: 1, max: 99999 }),
      step: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((specs) => {
    let minute = 9 * 60 + 30;
    let date = '20240102';
    let tick = 'AAPL';
    const lines: string[] = [];
    for (const s of specs) {
      minute += s.step;
      const hhmm = (m: number): string => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      const p = (s.price / 100).toString();
      let t = hhmm(minute);
      let d = date;
      let k = tick;
      let x = p;
      let end = '';
      switch (s.kind) {
        case 'date': date = date === '20240102' ? '20240103' : '20240102'; d = date; break; // back to an earlier date: order faults
        case 'ticker': tick = tick === 'AAPL' ? 'MSFT' : 'AAPL'; k = tick; break;
        case 'back': t = hhmm(minute - 5); break;
        case 'dup': minute -= s.step; t = hhmm(minute); break;
        case 'blank': lines.push(''); break;
        case 'badnum': x = `${p}x`; break;
        case 'badtime': t = '9:3a'; break;
        case 'hour24': t = `2${4 + (s.step % 5)}:00`; break;
        case 'neg': x = `-${p}`; break;
        case 'zero': x = '0'; break;
        case 'crlf': end = '\r'; break;
        case 'quoted': k = `"${tick}"`; break;
        case 'long': x = `${p}00000000000000000`; break;
        case 'short': lines.push(`${d},${k},${t},${x}`); continue;
        case 'dst': d = '20240310'; break; // New York springs forward: the fast path stays off that day
        case 'sign': x = `+${p}`; break;
      }
      if (s.kind === 'highlow') lines.push(`${d},${k},${t},${x},${x},${Number(x) + 1},${x},${x},100,7${end}`);
      else lines.push(`${row(d, k, t, x, '100')}${end}`);
    }
    return lines;
  });

describe('trade-bar fast path', () => {
  it('gives the same bars, counts, reasons and messages as the general path (property over faulty files and chunk cuts)', () => {
    fc.assert(
      fc.property(faultyFile, fc.array(fc.nat({ max: 4000 }), { maxLength: 4 }), fc.constantFrom('', '\n', '1\n', '2024\n'), (lines, cuts, tail) => {
        // The fast path applies to the standard header only; a trailing extra column turns it off.
        // The file may end in a blank or a short line (the fast path must not read past the end).
        const fast = parseText(`${TRADE_HEADER}\n${lines.join('\n')}\n${tail}`, cuts);
        const extra = (l: string): string => (l.split(',').length < 10 ? l : l.endsWith('\r') ? `${l.slice(0, -1)},x\r` : `${l},x`);
        const general = parseText(`${TRADE_HEADER},Extra\n${lines.map(extra).join('\n')}\n${tail}`, cuts);
        expect(fast.blocks).toEqual(general.blocks);
        expect(fast.read).toBe(general.read);
        expect(fast.skipped).toEqual(general.skipped);
        // Short rows are the same text in both files; only the expected field count differs.
        expect(fast.log).toEqual(general.log.map((m) => m.replace('; expected 11 as in the header', '; expected 10 as in the header')));
        expect(fast.line).toBe(general.line);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps each date and ticker of the fast path apart from rows the general path rejected', () => {
    // A row of a new date is rejected after its date was read (bad time); the next row repeats the
    // old date and must still be stamped on that date, not the rejected row's.
    const text = [TRADE_HEADER, row('20240102', 'AAPL', '09:30', '1.5', '10'), row('20240103', 'AAPL', '9:3a', '1.5', '10'), row('20240102', 'AAPL', '09:31', '1.5', '10'),
      // A row of another ticker is rejected after its ticker was selected (duplicate time of MSFT) …
      row('20240102', 'MSFT', '09:31', '2.5', '10'), row('20240102', 'MSFT', '09:31', '2.5', '10'), row('20240102', 'AAPL', '09:32', '1.5', '10')].join('\n') + '\n';
    const r = parseText(text);
    // 2024-01-02 is EST (UTC−5): 09:30 → 14:30Z = 1704205800000 ms.
    const aapl = r.blocks.find((b) => b.symbol === 'AAPL')!;
    expect(aapl.ts.map((x) => Number(x / 1_000_000n))).toEqual([1704205800000, 1704205860000, 1704205920000]);
    expect(r.blocks.find((b) => b.symbol === 'MSFT')!.ts.length).toBe(1);
    expect(r.skipped).toEqual({ 'bad-time': 1, 'duplicate-timestamp': 1 });
  });
});
