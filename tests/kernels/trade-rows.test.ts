// Parity of the trade-row ingest kernel (engine `wasm`) with its TypeScript reference (engine `js`):
// same bars, doubles, counts, reasons and messages on random files with faults, cut into chunks,
// with windows and stages small enough that every run crosses their edges; shared-instance safety.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { TradeBarParser } from '../../src/data/algoseek/trade-bars.js';
import { StandardTradeRows } from '../../src/data/algoseek/trade-row-fast.js';
import { BadRows, RowTally, type RejectReason } from '../../src/data/ingest/row-tally.js';
import { Arena, STATUS_BAD_ARGS, STATUS_OK } from '../../src/kernels/index.js';
import { TradeRowsKernel, TRADE_ROWS_RESULT_SIZE, TRADE_ROWS_STAGE, TRADE_ROWS_WINDOW } from '../../src/kernels/trade-rows.js';
import type { KernelEngine } from '../../src/model/index.js';
import { useTradeRowsScanner } from '../../src/data/algoseek/trade-row-fast.js';

// the data layer gets its kernel from the entry point, as `qtrader ingest` hands it in
useTradeRowsScanner(() => TradeRowsKernel.shared());

const HEADER = 'Date,Ticker,TimeBarStart,FirstTradePrice,HighTradePrice,LowTradePrice,LastTradePrice,VolumeWeightPrice,Volume,TotalTrades';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const kernel = (): TradeRowsKernel => TradeRowsKernel.shared()!;

class RecordingRows extends BadRows {
  readonly log: string[] = [];
  override reject(line: number | undefined, column: string | number | undefined, reason: RejectReason, message: string, n = 1): void {
    this.log.push(`${line}|${column}|${reason}|${message}|${n}`);
    super.reject(line, column, reason, message, n);
  }
}

/** Parses `bytes` with one engine under the skip policy, cut at `cuts`; everything observable, doubles as bit patterns. */
function parseWith(engine: KernelEngine, bytes: Uint8Array, cuts: number[] = []) {
  const tally = new RowTally();
  const bad = new RecordingRows('f.csv', 'skip', tally);
  const p = new TradeBarParser(bad, 'America/New_York', 16, engine);
  let at = 0;
  for (const c of [...cuts.filter((k) => k > 0 && k < bytes.length).sort((a, b) => a - b), bytes.length]) {
    if (c > at) p.push(bytes.slice(at, c));
    at = Math.max(at, c);
  }
  p.end(false);
  const bits = (v: Float64Array): string[] => [...new BigUint64Array(Float64Array.from(v).buffer)].map((b) => b.toString(16));
  const blocks = p.blocks().map((b) => ({ symbol: b.symbol, ts: [...b.ts], cols: Object.fromEntries(Object.entries(b.columns).map(([k, v]) => [k, bits(v)])) }));
  return { blocks, read: tally.read, skipped: tally.skippedObject(), log: bad.log, line: p.line };
}

/** Number text: usually a price with 0–4 decimals, sometimes long, signed, empty or odd. */
const numberText = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 0, max: 4 })).map(([m, k]) => (m / 10 ** k).toString()) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,9}\.[0-9]{1,9}$/) }, // more than 8 digits on one side
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{14,17}$/) }, // around the 15-digit limit
  { weight: 1, arbitrary: fc.constantFrom('.5', '5.', '.', '', '-1.5', '+2', '1.2.3', '1e3', '0', '00012.500', 'x', ' 1') },
);

/** One row: mostly valid bars (high = max, low = min of the prices) of a few tickers and dates, with faults. */
const rowSpec = fc.record({
  kind: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'date', 'ticker', 'back', 'blank', 'crlf', 'odd', 'short', 'quoted', 'time', 'hour24'),
  prices: fc.array(numberText, { minLength: 4, maxLength: 4 }),
  vwap: numberText,
  volume: numberText,
  trades: numberText,
  factors: fc.tuple(numberText, numberText),
  step: fc.integer({ min: 1, max: 3 }),
});

type Spec = { kind: string; prices: string[]; vwap: string; volume: string; trades: string; factors: [string, string]; step: number };

/** A file of rows from specs (`factors`: the adjusted layout with PriceAdjFactor, VolumeAdjFactor). */
function fileText(specs: Spec[], factors: boolean): string {
  let minute = 9 * 60 + 30;
  let date = '20240102';
  let tick = 'AAPL';
  const lines = [factors ? `${HEADER},PriceAdjFactor,VolumeAdjFactor` : HEADER];
  for (const s of specs) {
    minute += s.step;
    const hhmm = (m: number): string => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    // Valid prices get high = max and low = min, so most rows pass the bar checks.
    const nums = s.prices.map(Number);
    let [o, h, l, c] = s.prices as [string, string, string, string];
    if (nums.every((x) => x > 0)) {
      const sorted = [...s.prices].sort((a, b) => Number(a) - Number(b));
      [l, h] = [sorted[0]!, sorted[3]!];
      [o, c] = [sorted[1]!, sorted[2]!];
    }
    let t = hhmm(minute);
    let d = date;
    let k = tick;
    let end = '';
    switch (s.kind) {
      case 'date': date = date === '20240102' ? '20240103' : '20240102'; d = date; break;
      case 'ticker': tick = tick === 'AAPL' ? 'BRK.B' : 'AAPL'; k = tick; break;
      case 'back': t = hhmm(minute - 4); break;
      case 'blank': lines.push(''); break;
      case 'crlf': end = '\r'; break;
      case 'odd': end = '\r\r'; break;
      case 'quoted': k = `"${tick}"`; break;
      case 'time': t = `${hhmm(minute)}:00`; break;
      case 'hour24': t = `2${4 + (s.step % 5)}:0${s.step}`; break;
    }
    const fields = [d, k, t, o, h, l, c, s.vwap, s.volume, s.trades, ...(factors ? s.factors : [])];
    if (s.kind === 'short') fields.length = 6;
    lines.push(fields.join(',') + end);
  }
  return lines.join('\n') + '\n';
}

describe('trade-row kernel', () => {
  afterEach(() => kernel().limits());

  it('is what the trade-bar reader uses by default', () => {
    expect(kernel()).toBeDefined();
    expect(new StandardTradeRows(false).engine).toBe('wasm');
    expect(new StandardTradeRows(true, 'js').engine).toBe('js');
  });

  it('gives the same bars, doubles, counts, reasons and messages as the TypeScript reference (property, small windows and stages)', () => {
    fc.assert(
      fc.property(
        fc.array(rowSpec, { minLength: 1, maxLength: 80 }), fc.boolean(), fc.array(fc.nat({ max: 6000 }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 9 }),
        (specs, factors, cuts, windowBytes, stageRows) => {
          kernel().limits(windowBytes, stageRows);
          const bytes = enc(fileText(specs, factors));
          const w = parseWith('wasm', bytes, cuts);
          const j = parseWith('js', bytes, cuts);
          expect(w).toEqual(j);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes a whole trading day in one run across stage and window edges, as the reference does', () => {
    // 390 regular-session minutes of one ticker: every row is plain, so the run only ends at the file's end.
    const rows: string[] = [HEADER];
    for (let m = 0; m < 390; m++) {
      const t = 9 * 60 + 30 + m;
      const p = (100 + m / 100).toFixed(2);
      rows.push(`20240102,AAPL,${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')},${p},${p},${p},${p},${p},${1000 + m},${m + 1}`);
    }
    const bytes = enc(rows.join('\n') + '\n');
    const j = parseWith('js', bytes);
    expect(j.read).toBe(390);
    for (const [win, stage] of [[TRADE_ROWS_WINDOW, TRADE_ROWS_STAGE], [1000, 7], [70, 1], [60, 3]] as const) {
      kernel().limits(win, stage);
      expect(parseWith('wasm', bytes)).toEqual(j);
    }
    // 2024-01-02 is EST (UTC−5): 09:30 → 14:30Z = 1704205800000 ms; the last bar is 389 minutes later.
    expect(j.blocks[0]!.ts[389]).toBe(BigInt(1704205800000 + 389 * 60_000) * 1_000_000n);
  });

  it('keeps the bytes of two parsers alive at once apart, and re-reads a reused buffer', () => {
    const day = (tick: string, price: string): string => {
      const out = [HEADER];
      for (let m = 0; m < 60; m++) out.push(`20240102,${tick},10:${String(m).padStart(2, '0')},${price},${price},${price},${price},${price},10,1`);
      return out.join('\n') + '\n';
    };
    const a = enc(day('AAPL', '1.5'));
    const b = enc(day('MSFT', '2.25'));
    const alone = [parseWith('wasm', a), parseWith('wasm', b)];
    // Interleaved chunks of two files.
    const tallies = [new RowTally(), new RowTally()];
    const ps = tallies.map((t) => new TradeBarParser(new BadRows('f.csv', 'error', t)));
    const step = 500;
    for (let o = 0; o < Math.max(a.length, b.length); o += step) {
      if (o < a.length) ps[0]!.push(a.subarray(o, o + step));
      if (o < b.length) ps[1]!.push(b.subarray(o, o + step));
    }
    ps.forEach((p) => p.end(false));
    expect(ps.map((p) => [...p.blocks()[0]!.columns['close']!])).toEqual(alone.map((r) => r.blocks[0]!.cols['close']!.map((h) => new Float64Array(new BigUint64Array([BigInt(`0x${h}`)]).buffer)[0])));
    // One buffer object refilled with new bytes, as the double-buffered reader does.
    const t = new RowTally();
    const p = new TradeBarParser(new BadRows('f.csv', 'error', t));
    const buf = new Uint8Array(a.length);
    const half = a.indexOf(10, a.length >> 1) + 1;
    buf.set(a.subarray(0, half));
    p.push(buf.subarray(0, half));
    buf.fill(0x20);
    buf.set(a.subarray(half));
    p.push(buf.subarray(0, a.length - half));
    p.end(false);
    expect(t.read).toBe(60);
    expect([...p.blocks()[0]!.columns['close']!]).toEqual(Array(60).fill(1.5));
  });

  it('returns a status for arguments out of range and stages nothing for an empty range', () => {
    const arena = new Arena('debug');
    const fn = arena.exports['tradeRows'] as (...a: number[]) => number;
    const pre = arena.alloc(64);
    const res = arena.alloc(16);
    const out = arena.alloc(10 * (8 * 4 + 64));
    const src = arena.alloc(64);
    expect(fn(src, pre, out, res, 0, 0, 3, 4, 8, 0, 0, 0, -Infinity)).toBe(STATUS_BAD_ARGS); // 8 numeric fields
    expect(fn(src, pre, out, res, 5, 2, 3, 4, 7, 0, 0, 0, -Infinity)).toBe(STATUS_BAD_ARGS); // end before pos
    expect(fn(src, pre, out, res, 0, 0, 0, 4, 7, 0, 0, 0, -Infinity)).toBe(STATUS_BAD_ARGS); // no prefix
    expect(fn(src, pre, out, res, 0, 0, 3, 4, 7, 0, 0, 0, -Infinity)).toBe(STATUS_OK);
    expect([...arena.i32(res, 2)]).toEqual([0, 0]);
    // The result layout is defined on both sides; they must agree.
    expect((arena.exports['TRADE_ROWS_RESULT_SIZE'] as { value: number }).value).toBe(TRADE_ROWS_RESULT_SIZE);
  });
});
