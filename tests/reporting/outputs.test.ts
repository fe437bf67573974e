// Outputs of real runs on synthetic bars: the contract, byte-identical reruns and rebuilds, the
// Parquet equity curve, and metrics recomputed here independently from the CSVs and the bars.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOnBars } from '../../src/engine/index.js';
import { rebuildRunOutputs, readEquityFile } from '../../src/reporting/index.js';
import { validateRunResult } from '../../src/events/contracts.js';
import { ConfigError, DataError, Decimal, type AlignedBars } from '../../src/model/index.js';
import { runConfig, syntheticBars } from './helpers.js';

let dir: string;
let bars: AlignedBars;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qtrader-report-'));
  // two symbols, 40,000 minute bars each: about 100 trading days, so months, years and rolling windows have data
  bars = syntheticBars(['AAA', 'BBB'], 40_000);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (d: string, f: string): Buffer => readFileSync(join(dir, d, f));
const csvRows = (d: string, f: string): string[][] => read(d, f).toString('utf8').trim().split('\n').slice(1).map((l) => l.split(','));

/** Every file of two folders has the same bytes. */
function expectSameFolders(a: string, b: string): void {
  const files = readdirSync(join(dir, a)).sort();
  expect(readdirSync(join(dir, b)).sort()).toEqual(files);
  for (const f of files) expect(read(a, f).equals(read(b, f)), `${f} differs between ${a} and ${b}`).toBe(true);
}

describe('the outputs of a run', () => {
  let run: Record<string, any>;
  beforeAll(() => {
    runOnBars(runConfig(['AAA', 'BBB']), bars, 'out-test', { outDir: join(dir, 'a') });
    runOnBars(runConfig(['AAA', 'BBB']), bars, 'out-test', { outDir: join(dir, 'b') });
    run = JSON.parse(read('a', 'run.json').toString('utf8'));
  });

  it('writes every output, the same bytes twice, and a run.json that matches its contract', () => {
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['equity.csv', 'fills.csv', 'positions.csv', 'report.html', 'results.json', 'run.json', 'snapshots.csv', 'trades.csv']);
    expectSameFolders('a', 'b');
    expect(() => validateRunResult(run, 'run.json')).not.toThrow();
    expect(run.metrics.trade_count).toBeGreaterThan(100);
    expect(run.breakdowns.by_month.length).toBeGreaterThanOrEqual(4);
  });

  it('rebuilds every output byte for byte from results.json alone', () => {
    rebuildRunOutputs(join(dir, 'a'), join(dir, 'rebuilt'));
    expectSameFolders('a', 'rebuilt');
    // in place, after losing the derived files
    for (const f of ['run.json', 'report.html', 'trades.csv', 'snapshots.csv']) unlinkSync(join(dir, 'rebuilt', f));
    rebuildRunOutputs(join(dir, 'rebuilt'));
    expectSameFolders('a', 'rebuilt');
  });

  it('has a snapshots.csv and positions.csv that agree with run.json', () => {
    const snaps = csvRows('a', 'snapshots.csv');
    expect(snaps.length).toBe(run.counts.snapshots);
    expect(snaps[snaps.length - 1]![2]).toBe(run.final_equity);
    // equity = cash + market value on every row, exactly
    for (const s of snaps) expect(new Decimal(s[1]!).plus(s[3]!).eq(s[2]!)).toBe(true);
    const last = snaps[snaps.length - 1]![0];
    const open = csvRows('a', 'positions.csv').filter((p) => p[0] === last);
    expect(open.every((p) => Number(p[4]) !== 0)).toBe(true);
    expect(open.reduce((a, p) => a + Number(p[7]), 0)).toBeCloseTo(Number(snaps[snaps.length - 1]![3]), 6);
  });

  it('has a Sharpe, drawdown and volatility that a naive recomputation from snapshots.csv gives', () => {
    // one snapshot per trading day (the engine takes them at each day's last bar), after the initial cash
    const eq = [Number(run.initial_cash), ...csvRows('a', 'snapshots.csv').map((s) => Number(s[2]))];
    const r = eq.slice(1).map((e, i) => e / eq[i]! - 1);
    const mean = r.reduce((a, x) => a + x, 0) / r.length;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / (r.length - 1));
    expect(run.metrics.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(252), 9);
    expect(run.metrics.annual_volatility).toBeCloseTo(sd * Math.sqrt(252), 9);
    let peak = -Infinity, dd = 0;
    for (const e of eq) { peak = Math.max(peak, e); dd = Math.max(dd, 1 - e / peak); }
    expect(run.metrics.max_drawdown).toBeCloseTo(dd, 12);
    expect(run.metrics.trading_days).toBe(r.length);
  });

  it('has an exposure equal to a bar-by-bar count of open positions from fills.csv', () => {
    const fills = csvRows('a', 'fills.csv');
    const held = new Map<string, number>();
    let k = 0, invested = 0;
    for (let t = 0; t < bars.length; t++) {
      while (k < fills.length && Date.parse(fills[k]![2]!) === bars.tsMs[t]) {
        const f = fills[k++]!;
        held.set(f[3]!, (held.get(f[3]!) ?? 0) + (f[4] === 'buy' ? 1 : -1) * Number(f[5]));
      }
      if ([...held.values()].some((q) => q !== 0)) invested++;
    }
    expect(k).toBe(fills.length);
    expect(run.metrics.exposure).toBeCloseTo(invested / bars.length, 12);
  });

  it('measures the benchmark (buy and hold of the first symbol) from the bars', () => {
    const T = bars.length;
    const firstOpen = bars.open[0]!; // AAA is symbol 0 and has a bar at t = 0
    expect(run.benchmark).toBe('AAA');
    expect(run.metrics.benchmark_return).toBeCloseTo(bars.close[T - 1]! / firstOpen - 1, 12);
    // beta from the day-end closes and the daily equity, computed naively
    const b = [firstOpen];
    for (let t = 0; t < T; t++) if (bars.dayEnd[t] === 1) b.push(bars.close[t]!);
    const eq = [Number(run.initial_cash), ...csvRows('a', 'snapshots.csv').map((s) => Number(s[2]))];
    const rr = eq.slice(1).map((e, i) => e / eq[i]! - 1), br = b.slice(1).map((x, i) => x / b[i]! - 1);
    const mr = rr.reduce((a, x) => a + x, 0) / rr.length, mb = br.reduce((a, x) => a + x, 0) / br.length;
    let cov = 0, vb = 0;
    rr.forEach((x, i) => { cov += (x - mr) * (br[i]! - mb); vb += (br[i]! - mb) ** 2; });
    expect(run.metrics.beta).toBeCloseTo(cov / vb, 9);
    expect(run.metrics.alpha).toBeCloseTo((mr - (cov / vb) * mb) * 252, 9);
  });
});

describe('the equity curve per bar', () => {
  it('writes equity.parquet from `parquet_rows` rows on, and rebuilds it byte for byte', () => {
    const cfg = runConfig(['AAA', 'BBB'], { output: { equity: 'bar', parquet_rows: 0, html: false } });
    const out = runOnBars(cfg, bars, 'bar-test', { outDir: join(dir, 'pq') });
    expect(out.files).toContain('equity.parquet');
    expect(out.files).not.toContain('report.html');
    expect(out.result.outputs['equity']).toBe('equity.parquet');
    const curve = readEquityFile(join(dir, 'pq', 'equity.parquet'));
    expect(curve.timeMs.length).toBe(bars.length);
    expect(Array.from(curve.timeMs.subarray(0, 3))).toEqual(Array.from(bars.tsMs.subarray(0, 3)));
    // the last bar's equity is the final equity (a float of the exact decimal, kept to 6 decimals)
    expect(curve.equity[bars.length - 1]).toBeCloseTo(Number(out.result.final_equity), 5);
    rebuildRunOutputs(join(dir, 'pq'), join(dir, 'pq2'));
    expectSameFolders('pq', 'pq2');
  });

  it('rebuilds a per-bar equity.csv, and refuses when it is missing', () => {
    const cfg = runConfig(['AAA', 'BBB'], { output: { equity: 'bar', event_log: true } });
    runOnBars(cfg, bars, 'bar-csv', { outDir: join(dir, 'bc') });
    rebuildRunOutputs(join(dir, 'bc'), join(dir, 'bc2'));
    expectSameFolders('bc', 'bc2');
    expect(readdirSync(join(dir, 'bc2'))).toContain('events.jsonl');
    unlinkSync(join(dir, 'bc2', 'equity.csv'));
    expect(() => rebuildRunOutputs(join(dir, 'bc2'))).toThrow(/equity\.csv: not found/);
    unlinkSync(join(dir, 'bc', 'events.jsonl'));
    expect(() => rebuildRunOutputs(join(dir, 'bc'))).toThrow(/events\.jsonl: not found/);
  });
});

describe('bad input', () => {
  it('refuses a folder without results.json, naming the file', () => {
    expect(() => rebuildRunOutputs(join(dir, 'nowhere'))).toThrow(DataError);
    expect(() => rebuildRunOutputs(join(dir, 'nowhere'))).toThrow(/results\.json: not found/);
  });

  it('refuses a results.json with a bad column, naming the key', () => {
    runOnBars(runConfig(['AAA']), syntheticBars(['AAA'], 3000), 'bad', { outDir: join(dir, 'bad') });
    const file = join(dir, 'bad', 'results.json');
    const good = JSON.parse(readFileSync(file, 'utf8'));
    const put = (x: unknown): void => writeFileSync(file, JSON.stringify(x));
    put({ ...good, fills: { ...good.fills, price: good.fills.price.slice(1) } });
    expect(() => rebuildRunOutputs(join(dir, 'bad'))).toThrow(/`fills\.price` has \d+ entries but `fills\.fill_id` has \d+/);
    put({ ...good, format: 'other' });
    expect(() => rebuildRunOutputs(join(dir, 'bad'))).toThrow(/`format` must be "qtrader-results\/1"/);
    put({ ...good, options: { ...good.options, periods_per_year: 'x' } });
    expect(() => rebuildRunOutputs(join(dir, 'bad'))).toThrow(/`options\.periods_per_year` must be a finite number/);
    writeFileSync(file, '{');
    expect(() => rebuildRunOutputs(join(dir, 'bad'))).toThrow(/results\.json: not valid JSON/);
    expect(existsSync(join(dir, 'bad', 'run.json'))).toBe(true); // a failed rebuild leaves the folder as it was
  });

  it('names the config key of a benchmark or chart symbol that is not in the data', () => {
    expect(() => runConfig(['AAA'], { reporting: { benchmark: 'SPY' } })).toThrow(ConfigError);
    expect(() => runConfig(['AAA'], { reporting: { benchmark: 'SPY' } })).toThrow(/`reporting\.benchmark` names "SPY", which is not a symbol of the run; expected one of: AAA/);
    expect(() => runConfig(['AAA'], { reporting: { chart_symbol: 'X' } })).toThrow(/`reporting\.chart_symbol`/);
    expect(() => runConfig(['AAA'], { reporting: { rolling_window: 1 } })).toThrow(/`reporting\.rolling_window` must be >= 2/);
    expect(runConfig(['AAA'], { reporting: { benchmark: null } }).reporting.benchmark).toBeNull();
  });

  it('writes a run without a benchmark', () => {
    const out = runOnBars(runConfig(['AAA'], { reporting: { benchmark: null } }), syntheticBars(['AAA'], 3000), 'nob', { outDir: join(dir, 'nob') });
    expect(out.result['benchmark']).toBeNull();
    expect(out.result.metrics.beta).toBeNull();
    expect(() => validateRunResult(JSON.parse(JSON.stringify(out.result)))).not.toThrow();
  });
});
