// The faster paths of the outputs and the run analysis give what the plain ways give: times read
// from their digits (Date.parse), local months from the date arithmetic (Intl), bar indices from a
// search that starts at the last answer (a plain binary search), one pass for both groupings
// (decimal.js sums per group), exposure without a sort (bars counted one by one), the column CSV
// writer on non-ASCII and long fields (the row writer).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoMs, localDateKey, localDateTime, localMonthKey } from '../../src/reporting/local-date.js';
import { daysFromCivil } from '../../src/model/civil-date.js';
import { barIndices } from '../../src/reporting/market-series.js';
import { writeColumnsCsvAtomic, writeCsvAtomic } from '../../src/reporting/csv.js';
import { computeBreakdowns } from '../../src/reporting/breakdowns.js';
import { dailySeries } from '../../src/reporting/run-analysis.js';
import { exposureOf } from '../../src/reporting/activity-stats.js';
import { minMaxCount, minMaxIndices } from '../../src/reporting/downsample.js';
import { MarketRecorder } from '../../src/reporting/market-record.js';
import type { AlignedBars } from '../../src/model/index.js';
import { emptyColumns, FILL_KEYS, POSITION_KEYS, TRADE_KEYS, type RunResults } from '../../src/reporting/results.js';
import { Decimal, decStr, isoUtc } from '../../src/model/index.js';
import { handResults } from './fixtures.js';

// a small deterministic generator (numerical recipes' LCG), values in [0, 1)
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

describe('isoMs and daysFromCivil', () => {
  it('agree with Date.UTC on the first of every month of years 0000 to 9999 and on every day of 1999–2001', () => {
    const wrong: string[] = [];
    for (let y = 0; y <= 9999; y += 7) {
      for (let m = 1; m <= 12; m++) if (daysFromCivil(y, m, 1) * 86_400_000 !== new Date(0).setUTCFullYear(y, m - 1, 1)) wrong.push(`${y}-${m}`);
    }
    for (let d = Date.UTC(1999, 0, 1); d < Date.UTC(2002, 0, 1); d += 86_400_000) {
      const t = new Date(d);
      if (daysFromCivil(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()) * 86_400_000 !== d) wrong.push(t.toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('reads event times as Date.parse does, and hands anything odd to it', () => {
    const odd = ['2024-02-30T00:00:00Z', '2023-02-29T12:00:00Z', '2100-02-29T00:00:00Z', '2000-02-29T23:59:59Z', '2024-04-31T00:00:00Z', '2024-00-10T00:00:00Z',
      '2024-13-01T00:00:00Z', '2024-01-00T00:00:00Z', '2024-01-32T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2024-01-02T24:00:00Z',
      '2024-01-02T23:60:00Z', '2024-01-02T23:59:60Z', '2024-01-02 10:00:00Z', '2024-01-02T10:00:00z', '+02024-01-02T10:00:00Z', ''];
    const r = lcg(3);
    const texts = [...odd];
    // random instants from year 0 to 9999 written as events write them
    for (let i = 0; i < 20_000; i++) texts.push(isoUtc(Math.floor(-62167219200 + r() * 315537897599) * 1000));
    expect(texts.filter((t) => !Object.is(isoMs(t), Date.parse(t)))).toEqual([]);
  });
});

describe('localMonthKey', () => {
  it('is the month of localDateKey in zones from UTC−11 to UTC+14, around every month end and at random instants', () => {
    const zones = ['America/New_York', 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/London', 'UTC'];
    const r = lcg(11);
    const instants: number[] = [];
    // every hour, and the minutes either side of each UTC midnight, of the two days around each month's end in 2024–2025
    for (let y = 2024; y <= 2025; y++) {
      for (let m = 0; m < 12; m++) {
        const end = Date.UTC(y, m + 1, 1);
        for (let t = end - 2 * 86_400_000; t <= end + 2 * 86_400_000; t += 3_600_000) instants.push(t, t - 60_000);
      }
    }
    for (let i = 0; i < 1000; i++) instants.push(Math.floor(r() * 4e12));
    const wrong: string[] = [];
    for (const zone of zones) for (const t of instants) if (localMonthKey(t, zone) !== localDateKey(t, zone).slice(0, 7)) wrong.push(`${zone} ${isoUtc(t)}`);
    expect(wrong).toEqual([]);
  });
});

describe('localDateTime', () => {
  it('writes what Intl\'s parts give, in zones from UTC−11 to UTC+14, from year 1 to 9999', () => {
    const zones = ['America/New_York', 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/London'];
    const r = lcg(13);
    const wrong: string[] = [];
    for (const zone of zones) {
      const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      for (let i = 0; i < 400; i++) {
        // mostly recent instants, some from the first millennium (their year is not four digits)
        const ms = i % 10 === 0 ? Math.floor(-62135596800000 + r() * 3e13) : Math.floor(r() * 4e12);
        const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
        const want = `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
        if (localDateTime(ms, zone) !== want) wrong.push(`${zone} ${ms} ${localDateTime(ms, zone)} ≠ ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('barIndices', () => {
  // the plain binary search barIndices replaced: the last bar at or before each time (0 before the first)
  const plain = (times: readonly string[], tsMs: Float64Array): number[] => times.map((iso) => {
    if (iso === '') return -1;
    const ms = Date.parse(iso);
    let lo = 0, hi = tsMs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (tsMs[mid]! <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  });

  it('gives the plain binary search\'s index for sorted, shuffled, empty and unreadable times on 2,000 timelines', () => {
    const r = lcg(5);
    for (let trial = 0; trial < 2000; trial++) {
      const n = Math.floor(r() * 60);
      const ts: number[] = [];
      let t = Date.UTC(2024, 0, 2, 14, 30);
      for (let i = 0; i < n; i++) ts.push((t += 60_000 * (1 + Math.floor(r() * 3))));
      const tsMs = Float64Array.from(ts);
      const times: string[] = [];
      for (let k = 0; k < 30; k++) {
        const x = r();
        times.push(x < 0.1 ? '' : x < 0.13 ? 'not a time' : isoUtc(Date.UTC(2024, 0, 2, 14, 30) + (Math.floor(r() * (3 * n + 8)) - 4) * 60_000));
      }
      if (r() < 0.5) times.sort();
      expect(barIndices(times, tsMs)).toEqual(plain(times, tsMs));
    }
  });
});

describe('writeColumnsCsvAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qtrader-outspeed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the row writer\'s bytes for non-ASCII, control characters, quotes, separators and fields longer than a chunk', () => {
    const r = lcg(8);
    const pick = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', 'tab\there', 'café', 'Straße €', '株式', '😀 emoji', '', '~ and DEL\u007f', 'x'.repeat(5000), 'é,"'.repeat(700)];
    const header = ['id', 'text', 'n', 'größe'];
    const cols: string[][] = [[], [], [], []];
    for (let i = 0; i < 3000; i++) {
      cols[0]!.push(`r${i}`);
      cols[1]!.push(pick[Math.floor(r() * pick.length)]!);
      cols[2]!.push(String((i * 7) / 16));
      cols[3]!.push(pick[Math.floor(r() * pick.length)]!);
    }
    const keep = (i: number): boolean => i % 5 !== 2;
    const rows = cols[0]!.map((_, i) => cols.map((c) => c[i]!)).filter((_, i) => keep(i));
    writeCsvAtomic(join(dir, 'rows.csv'), header, rows);
    const expected = readFileSync(join(dir, 'rows.csv'));
    for (const chunk of [1, 100, 4096, 1 << 20]) {
      writeColumnsCsvAtomic(join(dir, `cols-${chunk}.csv`), header, cols, keep, chunk);
      expect(readFileSync(join(dir, `cols-${chunk}.csv`)).equals(expected), `chunks of ${chunk}`).toBe(true);
    }
    expect(expected.toString('utf8')).toContain('"a,b"');
  });

  it('writes the header alone for empty columns', () => {
    writeColumnsCsvAtomic(join(dir, 'empty.csv'), ['a', 'b'], [[], []]);
    expect(readFileSync(join(dir, 'empty.csv'), 'utf8')).toBe('a,b\n');
  });
});

describe('breakdowns per symbol and strategy', () => {
  // the sums of every group in decimal.js, row by row: the definition of the breakdown's money fields
  function reference(r: RunResults, key: 'symbol' | 'strategy_id'): Array<{ key: string; trades: number; wins: number; realized: string; unrealized: string; commissions: string; traded: string }> {
    const g = new Map<string, { trades: number; wins: number; realized: Decimal; unrealized: Decimal; commissions: Decimal; traded: Decimal }>();
    const get = (k: string) => {
      const name = k || '(none)';
      if (!g.has(name)) g.set(name, { trades: 0, wins: 0, realized: new Decimal(0), unrealized: new Decimal(0), commissions: new Decimal(0), traded: new Decimal(0) });
      return g.get(name)!;
    };
    r.final_positions[key].forEach((k, i) => {
      const a = get(k);
      a.realized = a.realized.plus(r.final_positions.realized_pl[i]!);
      a.unrealized = a.unrealized.plus(r.final_positions.unrealized_pl[i]!);
    });
    r.trades[key].forEach((k, i) => {
      if (r.trades.status[i] !== 'closed') return;
      get(k).trades++;
      if (new Decimal(r.trades.realized_pnl[i]!).gt(0)) get(k).wins++;
    });
    r.fills[key].forEach((k, i) => {
      const a = get(k);
      if (r.fills.commission[i]) a.commissions = a.commissions.plus(r.fills.commission[i]!);
      a.traded = a.traded.plus(new Decimal(r.fills.quantity[i]!).times(r.fills.price[i]!));
    });
    return [...g.keys()].sort().map((k) => {
      const a = g.get(k)!;
      return { key: k, trades: a.trades, wins: a.wins, realized: decStr(a.realized), unrealized: decStr(a.unrealized), commissions: decStr(a.commissions), traded: decStr(a.traded) };
    });
  }

  // random results over `pairs` of (symbol, strategy)
  function randomResults(seed: number, pairs: Array<[string, string]>): RunResults {
    const r = lcg(seed);
    const fills = emptyColumns(FILL_KEYS), trades = emptyColumns(TRADE_KEYS), fp = emptyColumns(POSITION_KEYS);
    const which = (): [string, string] => pairs[Math.floor(r() * pairs.length)]!;
    for (let i = 0; i < 400; i++) {
      const [sym, strat] = which();
      fills.fill_id.push(`f${i}`); fills.order_id.push('o'); fills.time.push('2024-01-02T15:00:00Z'); fills.symbol.push(sym); fills.side.push('buy');
      fills.quantity.push(String(1 + Math.floor(r() * 500))); fills.price.push((1 + Math.floor(r() * 100000) / 100).toFixed(2));
      fills.commission.push(r() < 0.2 ? '' : (Math.floor(r() * 1000) / 1000).toString()); fills.net_value.push(''); fills.strategy_id.push(strat);
      // the gross value as the execution service writes it (quantity × price, exact), or missing (the sum then takes the product)
      fills.gross_value.push(r() < 0.5 ? '' : decStr(new Decimal(fills.quantity[i]!).times(fills.price[i]!)));
    }
    for (let i = 0; i < 150; i++) {
      const [sym, strat] = which();
      trades.trade_id.push(`t${i}`); trades.strategy_id.push(strat); trades.symbol.push(sym); trades.side.push('long'); trades.status.push(r() < 0.9 ? 'closed' : 'open');
      trades.quantity.push('1'); trades.entry_time.push('2024-01-02T15:00:00Z'); trades.entry_price.push('1'); trades.exit_time.push('2024-01-03T15:00:00Z'); trades.exit_price.push('1');
      // P&L texts around zero as well: signed zeros, trailing zeros, and forms that are not plain decimals
      const odd = ['0', '-0', '0.00', '-0.00', '0.01', '-0.01', '1e-7', '-1e-7', '+2.5', '.5'];
      trades.realized_pnl.push(r() < 0.3 ? odd[Math.floor(r() * odd.length)]! : ((Math.floor(r() * 2001) - 1000) / 100).toString()); trades.commission.push('0');
    }
    for (const [sym, strat] of pairs) {
      fp.time.push('2024-01-03T21:00:00Z'); fp.strategy_id.push(strat); fp.symbol.push(sym); fp.side.push('flat'); fp.quantity.push('0'); fp.average_price.push('0');
      fp.market_price.push('1'); fp.market_value.push('0'); fp.unrealized_pl.push((Math.floor(r() * 100) / 10).toString()); fp.realized_pl.push((Math.floor(r() * 1e6) / 100 - 5000).toString()); fp.commission.push('0');
    }
    return handResults({ fills, trades, final_positions: fp, trade_entry_bars: trades.trade_id.map(() => 0), trade_exit_bars: trades.trade_id.map(() => 1) });
  }

  const cases: Array<[string, Array<[string, string]>]> = [
    ['one strategy on one symbol', [['SYN', 'sma']]],
    ['three strategies each on its own symbol', [['AAA', 's1'], ['BBB', 's2'], ['CCC', 's3']]],
    ['one strategy on three symbols', [['AAA', 's1'], ['BBB', 's1'], ['CCC', 's1']]],
    ['strategies sharing symbols', [['AAA', 's1'], ['AAA', 's2'], ['BBB', 's2']]],
    ['fills without a strategy id', [['AAA', ''], ['BBB', 's2']]],
  ];
  for (const [name, pairs] of cases) {
    it(`sums each group as decimal.js does, row by row: ${name}`, () => {
      const r = randomResults(name.length, pairs);
      const b = computeBreakdowns(r, dailySeries(r));
      for (const [rows, key] of [[b.by_symbol, 'symbol'], [b.by_strategy, 'strategy_id']] as const) {
        expect(rows.map((g) => ({ key: g.key, trades: g.trade_count, wins: Math.round((g.win_rate ?? 0) * g.trade_count), realized: g.realized_pl, unrealized: g.unrealized_pl, commissions: g.commissions, traded: g.traded_value })))
          .toEqual(reference(r, key));
      }
    });
  }
});

describe('exposureOf', () => {
  it('counts the bars covered by at least one round trip, one by one, for spans in any order', () => {
    const r = lcg(21);
    for (let trial = 0; trial < 500; trial++) {
      const bars = 1 + Math.floor(r() * 80);
      const entries: number[] = [], exits: number[] = [];
      for (let k = Math.floor(r() * 12); k > 0; k--) {
        const e = r() < 0.1 ? -1 : Math.floor(r() * bars);
        const x = r() < 0.15 ? -1 : Math.max(e, e + Math.floor(r() * 20));
        entries.push(e);
        exits.push(x);
      }
      const held = new Uint8Array(bars);
      entries.forEach((e, i) => {
        if (e < 0) return;
        const x = exits[i]! < 0 ? bars : Math.min(bars, exits[i]!);
        for (let t = e; t < x; t++) held[t] = 1;
      });
      // spans past the end count to their exit (as the sweep adds them); keep exits inside the timeline
      const inside = exits.every((x) => x <= bars);
      if (!inside) continue;
      expect(exposureOf(entries, exits, bars)).toBe(held.reduce((a, b) => a + b, 0) / bars);
    }
  });
});

describe('minMaxIndices', () => {
  // each bucket's first lowest and first highest point, re-reading the values (the loop it replaced)
  const plainBucket = (v: Float64Array, lo: number, hi: number): number[] => {
    let iMin = -1, iMax = -1;
    for (let i = lo; i < hi; i++) {
      if (v[i] !== v[i]) continue;
      if (iMin < 0 || v[i]! < v[iMin]!) iMin = i;
      if (iMax < 0 || v[i]! > v[iMax]!) iMax = i;
    }
    return iMin < 0 ? [] : iMin === iMax ? [iMin] : [Math.min(iMin, iMax), Math.max(iMin, iMax)];
  };

  it('keeps the first lowest and first highest point of each bucket, with ties, NaN and constant runs', () => {
    const r = lcg(31);
    for (let trial = 0; trial < 300; trial++) {
      const n = 50 + Math.floor(r() * 400);
      // few distinct values, so that ties are common; some NaN; a constant stretch
      const v = Float64Array.from({ length: n }, (_, i) => (r() < 0.1 ? NaN : i > n / 2 && i < n / 2 + 20 ? 7 : Math.floor(r() * 5) - (r() < 0.05 ? 0 : 0.5)));
      const buckets = 1 + Math.floor(r() * 20);
      const got = minMaxIndices(v, buckets);
      const want: number[] = [];
      for (let b = 0; b < buckets; b++) want.push(...plainBucket(v, Math.floor((b * n) / buckets), Math.floor(((b + 1) * n) / buckets)));
      // the ends are always kept
      let first = 0;
      while (first < n && v[first] !== v[first]) first++;
      let last = n - 1;
      while (last >= 0 && v[last] !== v[last]) last--;
      if (n > 2 * buckets) {
        if (want[0] !== first) want.unshift(first);
        if (want[want.length - 1] !== last) want.push(last);
      }
      expect(got).toEqual(n > 2 * buckets ? want : [...v.keys()].filter((i) => v[i] === v[i]));
      // the same indices, and the valid values counted one by one, from the counting pass
      const counted = minMaxCount(v, buckets);
      expect(counted.indices).toEqual(got);
      expect(counted.valid).toBe(v.filter((x) => x === x).length);
    }
  });

  it('counts and downsamples a window [from, to) as the window cut out, with buckets that are all NaN', () => {
    const r = lcg(37);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(r() * 600);
      // long NaN runs, so that whole buckets are empty
      let gap = 0;
      const v = Float64Array.from({ length: n }, () => {
        if (r() < 0.02) gap = Math.floor(r() * 80);
        return gap-- > 0 ? NaN : Math.floor(r() * 9);
      });
      const from = Math.floor(r() * n), to = from + Math.floor(r() * (n - from + 1));
      const buckets = 1 + Math.floor(r() * 30);
      const cut = v.slice(from, to);
      const got = minMaxCount(v, buckets, from, to);
      expect(got.indices).toEqual(minMaxIndices(cut, buckets).map((i) => i + from));
      expect(got.valid).toBe(cut.filter((x) => x === x).length);
    }
  });
});

describe('MarketRecorder', () => {
  // three symbols on a 300-bar timeline with gaps (NaN), day ends every 37 bars
  function timeline(): AlignedBars {
    const r = lcg(41);
    const T = 300, S = 3;
    const close = new Float64Array(S * T), open = new Float64Array(S * T);
    for (let i = 0; i < S * T; i++) {
      // the benchmark (symbol 1) starts late and has a gap; the others miss one bar in ten
      const s = Math.floor(i / T), t = i % T;
      const missing = s === 1 ? t < 50 || (t > 120 && t < 160) : r() < 0.1;
      close[i] = missing ? NaN : 10 + r();
      open[i] = missing || (s === 1 && t === 50) ? NaN : 10 + r();
    }
    const tsMs = Float64Array.from({ length: T }, (_, t) => Date.UTC(2024, 0, 2, 14, 30) + t * 60_000);
    const dayEnd = Uint8Array.from({ length: T }, (_, t) => (t % 37 === 36 || t === T - 1 ? 1 : 0));
    const nan = new Float64Array(S * T);
    return { symbols: ['AAA', 'BBB', 'CCC'], length: T, ts: new BigInt64Array(T), tsMs, dayEnd, open, high: nan, low: nan, close, volume: nan, timezone: 'America/New_York' };
  }
  // the slice [a, b) of the timeline as the engine streams it
  const slice = (x: AlignedBars, a: number, b: number): AlignedBars => {
    const T = x.length, n = b - a;
    const cut = (c: Float64Array) => Float64Array.from({ length: x.symbols.length * n }, (_, i) => c[Math.floor(i / n) * T + a + (i % n)]!);
    return { ...x, length: n, tsMs: x.tsMs.slice(a, b), dayEnd: x.dayEnd.slice(a, b), open: cut(x.open), close: cut(x.close) };
  };

  it('counts valid bars and the chart symbol\'s bars, and values the benchmark at each day end, the same in slices as by plain loops', () => {
    const x = timeline();
    // the benchmark apart from the chart symbol, the same symbol, and no benchmark
    for (const [benchmark, chartSymbol] of [['BBB', 'CCC'], ['BBB', 'BBB'], [null, 'BBB']] as const) {
      const o = { symbols: x.symbols, timezone: x.timezone, benchmark, chartSymbol, chartPoints: 20 };
      const chart = x.symbols.indexOf(chartSymbol);
      for (const cuts of [[0, 300], [0, 1, 77, 150, 151, 299, 300], [0, 40, 45, 300]]) {
        const rec = new MarketRecorder(o);
        for (let k = 0; k + 1 < cuts.length; k++) rec.add(slice(x, cuts[k]!, cuts[k + 1]!));
        const m = rec.finish();
        // by plain loops over the whole timeline
        const T = x.length;
        const valid = x.close.filter((v) => v === v).length;
        const chartBars = x.close.subarray(chart * T, (chart + 1) * T).filter((v) => v === v).length;
        const first = x.close.subarray(T, 2 * T).findIndex((v) => v > 0); // bar 50: its open is missing, so its close is the start
        const closes: number[] = [];
        let last = NaN;
        for (let t = 0; t < T; t++) {
          if (x.close[T + t]! > 0) last = x.close[T + t]!;
          if (x.dayEnd[t] === 1) closes.push(t < first ? x.close[T + first]! : last);
        }
        expect(m.validBars).toBe(valid);
        expect(m.price!.bars).toBe(chartBars);
        if (benchmark === null) {
          expect(m.benchmark).toBeNull();
          continue;
        }
        expect(m.benchmark!.start_price).toBe(x.close[T + first]!);
        expect(m.benchmark!.close).toEqual(closes);
      }
    }
  });
  it('matches a bar-by-bar reading on random timelines: late starts by open or close, zero and NaN closes across cuts, day ends on cuts', () => {
    const r = lcg(43);
    for (let trial = 0; trial < 300; trial++) {
      const T = 1 + Math.floor(r() * 120), S = 1 + Math.floor(r() * 3);
      const bench = Math.floor(r() * S);
      // the benchmark starts late (or never), then has runs of NaN, and zero closes (not positive: not a price)
      const start = r() < 0.15 ? T : Math.floor(r() * T * 0.6);
      const close = new Float64Array(S * T), open = new Float64Array(S * T);
      let gap = 0;
      for (let i = 0; i < S * T; i++) {
        const s = Math.floor(i / T), t = i % T;
        if (r() < 0.05) gap = Math.floor(r() * 15);
        const missing = (s === bench && t < start) || gap-- > 0 || r() < 0.1;
        close[i] = missing ? NaN : r() < 0.05 ? 0 : Math.round(1000 * (5 + r())) / 1000;
        // the first priced bar sometimes has no open (its close buys), sometimes only an open
        open[i] = missing ? NaN : r() < 0.2 ? NaN : Math.round(1000 * (5 + r())) / 1000;
        if (s === bench && t === start && r() < 0.3) close[i] = NaN;
      }
      const tsMs = Float64Array.from({ length: T }, (_, t) => Date.UTC(2024, 0, 2, 14, 30) + t * 3_600_000);
      const dayEnd = Uint8Array.from({ length: T }, (_, t) => (r() < 0.2 || t === T - 1 ? 1 : 0));
      const nan = new Float64Array(S * T);
      const symbols = ['AAA', 'BBB', 'CCC'].slice(0, S);
      const x: AlignedBars = { symbols, length: T, ts: new BigInt64Array(T), tsMs, dayEnd, open, high: nan, low: nan, close, volume: nan, timezone: 'America/New_York' };
      // cuts at random bars, often right after a day end
      const cuts = [0];
      for (let t = 1; t < T; t++) if (r() < 0.08 || (dayEnd[t - 1] === 1 && r() < 0.3)) cuts.push(t);
      cuts.push(T);
      const rec = new MarketRecorder({ symbols, timezone: x.timezone, benchmark: symbols[bench]!, chartSymbol: symbols[S - 1]!, chartPoints: 10 });
      for (let k = 0; k + 1 < cuts.length; k++) rec.add(slice(x, cuts[k]!, cuts[k + 1]!));
      const m = rec.finish();
      // bar by bar: the start is the first positive open, else that bar's positive close; then the
      // last positive close at each day end
      let startPrice = NaN, last = NaN;
      const closes: number[] = [], days: string[] = [];
      for (let t = 0; t < T; t++) {
        const o = open[bench * T + t]!, c = close[bench * T + t]!;
        if (!(startPrice > 0) && (o > 0 || c > 0)) last = startPrice = o > 0 ? o : c;
        if (c > 0) last = c;
        if (dayEnd[t] === 1) {
          days.push(new Date(tsMs[t]! - 5 * 3_600_000).toISOString().slice(0, 10));
          closes.push(last);
        }
      }
      // day ends before the start are valued at the start price (the series starts at its first bar)
      const valued = closes.map((v) => (v > 0 ? v : startPrice));
      expect(m.validBars).toBe(close.filter((v) => v === v).length);
      expect(m.price!.bars).toBe(close.subarray((S - 1) * T).filter((v) => v === v).length);
      if (!(startPrice > 0)) {
        expect(m.benchmark).toBeNull();
        continue;
      }
      expect(m.benchmark!.start_price).toBe(startPrice);
      expect(m.benchmark!.day).toEqual(days);
      expect(m.benchmark!.close).toEqual(valued);
    }
  });
});
