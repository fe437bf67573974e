// The engine runs on slices from a source: whole bars cut into slices, or a catalog streamed row
// group by row group. Every output must be byte-identical wherever the slices are cut (1, 7, 4096
// timestamps, or the whole timeline at once), and answers that need later bars (session ends for DAY
// and market-on-open orders, good-till dates, the next session's date) must not depend on the cut.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeConfig, type RunConfig } from '../../src/config/index.js';
import { loadConfiguredBars, memorySource, runBacktest, runEngine, runOnBars, type MarketSource } from '../../src/engine/index.js';
import { resultsToJson } from '../../src/reporting/results.js';
import { writeGappyCatalog } from './gappy-catalog.js';
import { prepareScript, flat, bar, type ScriptOptions } from './script.js';

/** Every file of an output folder, name → bytes. */
function files(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

function expectSameFiles(a: Map<string, Buffer>, b: Map<string, Buffer>, label: string): void {
  expect([...b.keys()], label).toEqual([...a.keys()]);
  for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), `${label}: ${name} differs`).toBe(true);
}

/** The quick-start config (SMA 50/200 over AAA, BBB, CCC, seed 7), its data generated into `dir`, over January 2024, every output on. */
function quickStart(dir: string, data: Record<string, unknown> = {}): RunConfig {
  return normalizeConfig({
    run: { engine: 'wasm' },
    data: {
      files: ['AAA', 'BBB', 'CCC'].map((s) => ({ path: join(dir, `${s}.parquet`), symbol: s })), timezone: 'America/New_York',
      generate: { bars: 195000, seed: 7, start: '2024-01-02' }, start: '2024-01-02', end: '2024-01-31', ...data,
    },
    strategy: { name: 'sma_cross', params: { fast: 50, slow: 200 } },
    portfolio: { initial_cash: '100000', currency: 'USD' }, sizing: { method: 'fixed_quantity', quantity: 100 },
    execution: { fill_policy: 'next_open', commission: { per_share: '0.005', minimum: '1.00' } },
    ledger: { snapshots: 'day' }, output: { dir: join(dir, 'out'), event_log: true, equity: 'bar', html: true },
  }, 'test');
}

describe('streamed runs equal whole-array runs', () => {
  it('writes byte-identical outputs on the quick-start data for slices of 1, 7, 4096 and the whole timeline', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'qt-stream-'));
    try {
      const cfg = quickStart(tmp);
      const run = async (sliceRows: number | undefined, name: string) => {
        const out = await runBacktest(cfg, { outDir: join(tmp, name), ...(sliceRows ? { sliceRows } : {}) });
        return { out, files: files(out.outDir) };
      };
      const whole = await run(undefined, 'whole');
      // 22 weekday sessions (01-02 … 01-31; holidays are not modelled) × 390 bars × 3 symbols; the run
      // trades (otherwise the comparison would prove little)
      expect(whole.out.result.counts['bars']).toBe(3 * 22 * 390);
      expect(whole.out.result.counts['fills']).toBeGreaterThan(20);
      for (const n of [1, 7, 4096]) expectSameFiles(whole.files, (await run(n, `s${n}`)).files, `slices of ${n}`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);

  it('streams a catalog (with gaps) to the same bytes for every slice size, and as the same run read whole into memory', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'qt-stream-cat-'));
    try {
      const cat = writeGappyCatalog(tmp);
      const cfg = normalizeConfig({
        run: { id: 'stream-cat' }, data: { catalog: cat, symbols: ['AAA', 'BBB', 'CCC'] },
        strategy: { name: 'sma_cross', params: { fast: 5, slow: 20 } }, portfolio: { initial_cash: '100000' }, sizing: { method: 'fixed_quantity', quantity: 10 },
        output: { dir: join(tmp, 'out'), event_log: true, equity: 'bar', html: true },
      }, 'test');
      const streamed = async (n: number) => files((await runBacktest(cfg, { outDir: join(tmp, `s${n}`), sliceRows: n })).outDir);
      const whole = await streamed(1 << 20);
      const inMemory = files(runOnBars(cfg, await loadConfiguredBars(cfg), 'stream-cat', { outDir: join(tmp, 'mem') }).outDir);
      expectSameFiles(whole, inMemory, 'catalog read whole into memory');
      for (const n of [1, 7, 4096]) expectSameFiles(whole, await streamed(n), `catalog slices of ${n}`);
      const run = JSON.parse(whole.get('run.json')!.toString());
      expect(run.counts.fills).toBeGreaterThan(20);
      // results.json is written in chunks (arrays a run at a time): the bytes are JSON.stringify's
      const text = whole.get('results.json')!.toString();
      const results = JSON.parse(text);
      expect(text).toBe(JSON.stringify(results) + '\n');
      for (const n of [1, 3, 7]) expect(resultsToJson(results, n), `chunks of ${n}`).toBe(text);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('answers that need later bars', () => {
  /** A script's events under whole bars, and under streamed slices of n (no whole bars kept). */
  function eventsBySlice(o: ScriptOptions, sizes: number[]): string[] {
    const out: string[] = [];
    for (const n of [0, ...sizes]) {
      const { cfg, bars, opts, events } = prepareScript(o);
      const input: typeof bars | MarketSource = n === 0 ? bars : { ...memorySource(bars, n), whole: undefined };
      const res = runEngine(cfg, input, opts);
      out.push(JSON.stringify(events) + JSON.stringify(res.finalSnapshot));
    }
    return out;
  }

  it('expires DAY and good-till-date orders and fills market-on-open orders at the same bars for any slice size', () => {
    // sessions of 3 bars on 01-02, 01-03, 01-04 (then a weekend-like jump to 01-08); orders made at a
    // session's last bar need the next session's end, which a small slice has not read yet
    const o: ScriptOptions = {
      bars: { AAA: [...flat(3, 100), ...flat(3, 101), ...flat(3, 102), ...flat(3, 103)], BBB: flat(12, 50) }, session: 3, dayStep: (s) => (s === 3 ? 4 : 1),
      script: {
        0: (c) => {
          c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '90', time_in_force: 'DAY' });
          c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '90', time_in_force: 'GTD', expire_date: '2024-01-04' });
          c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '90', time_in_force: 'GTD', expire_date: '2024-01-06' });
        },
        2: (c) => {
          c.order({ side: 'buy', quantity: '2', order_type: 'market_on_open' });
          c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '90', time_in_force: 'DAY' });
        },
        5: (c) => void c.order({ side: 'buy', quantity: '3', order_type: 'market_on_open', time_in_force: 'DAY' }),
        7: (c) => void c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '90', time_in_force: 'GTD', expire_date: '2024-01-09' }),
      },
      config: { portfolio: { allow_short: true, cash_rate: '0.05' } },
    };
    const [whole, ...rest] = eventsBySlice(o, [1, 2, 3, 4, 5]);
    for (const r of rest) expect(r).toBe(whole);
    const { cfg, bars, opts, events } = prepareScript(o);
    runEngine(cfg, { ...memorySource(bars, 1), whole: undefined }, opts);
    const st = events.filter((e) => e.event_type === 'order_status').map((e) => e.payload as { status: string; reason_code?: string; timestamp: string });
    // DAY from bar 0 → end of 01-02 (bar 2, 14:32); GTD 01-04 → end of 01-04 (bar 8); the DAY order made at bar 2
    // (the session's last bar) works through 01-03 (bar 5); GTD 01-06 → the last session on or before it (01-04, bar 8);
    // GTD 01-09 (made at bar 7) → the last session on or before it, 01-08 (bar 11, the data's last bar)
    expect(st.map((s) => [s.reason_code, s.timestamp])).toEqual([
      ['day_end', '2024-01-02T14:32:00Z'], ['day_end', '2024-01-03T14:32:00Z'], ['good_till_date', '2024-01-04T14:32:00Z'], ['good_till_date', '2024-01-04T14:32:00Z'],
      ['good_till_date', '2024-01-08T14:32:00Z'],
    ]);
    // the market-on-open orders fill at the next session's first bar: bar 3 (01-03 14:30) and bar 6 (01-04 14:30)
    const fills = events.filter((e) => e.event_type === 'fill').map((e) => e.payload as { filled_quantity: string; timestamp: string; fill_price: string });
    expect(fills.map((f) => [f.filled_quantity, f.timestamp, f.fill_price])).toEqual([['2', '2024-01-03T14:30:00Z', '101'], ['3', '2024-01-04T14:30:00Z', '102']]);
  });

  it('accrues interest over the gap to the next session when a slice ends at a session end', () => {
    // cash interest 5% a year (actual/360 by default): the first session's end accrues 1 day, the
    // third's 4 days (01-04 → 01-08); slices of 3 end exactly at the session ends
    const o: ScriptOptions = { bars: { AAA: flat(12, 100) }, session: 3, dayStep: (s) => (s === 3 ? 4 : 1), script: {}, config: { portfolio: { cash_rate: '0.05' } } };
    const [whole, ...rest] = eventsBySlice(o, [1, 3, 5]);
    for (const r of rest) expect(r).toBe(whole);
  });

  it('refuses a streamed run whose symbol has too few bars to warm up, naming the symbol', () => {
    const { cfg, bars, opts } = prepareScript({ bars: { AAA: flat(4, 100), BBB: [...flat(3, NaN), bar(50, 50.5, 49.5, 50)] }, script: {} });
    const slow = { ...opts, strategy: { ...opts.strategy!, warmup: 2 } as typeof opts.strategy };
    expect(() => runEngine(cfg, { ...memorySource(bars, 2), whole: undefined }, slow!)).toThrow(/symbol BBB has 1 bars; .* needs at least 2/);
    expect(() => runEngine(cfg, bars, slow!)).toThrow(/symbol BBB has 1 bars; .* needs at least 2/);
  });
});
