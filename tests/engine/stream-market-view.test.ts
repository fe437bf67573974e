// The manager's MarketView on a streamed run answers exactly like the whole-bars view
// (EngineMarketView): the latest close, the session index, ATR, return volatility and average daily
// volume, at every bar and wherever the slices are cut, from rings sized by the run's risk policy.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeConfig } from '../../src/config/index.js';
import { loadConfiguredBars, memorySource, runBacktest, runOnBars } from '../../src/engine/index.js';
import { EngineVenue } from '../../src/engine/engine-venue.js';
import { SliceFeed } from '../../src/engine/slice-feed.js';
import { StreamMarketView, engineMarketView, marketWindows, type MarketWindows } from '../../src/engine/stream-market-view.js';
import { EngineMarketView } from '../../src/engine/market-view.js';
import type { SimulateKernel } from '../../src/kernels/index.js';
import { ConfigError } from '../../src/model/index.js';
import { writeGappyCatalog } from './gappy-catalog.js';
import { scriptBars, flat, bar, type Bar } from './script.js';

// AAA has gaps (NaN bars) across slice boundaries; sessions of 4 bars
const NaNBar = bar(NaN, NaN, NaN, NaN);
const bars = scriptBars({
  bars: { AAA: [...flat(2, 10), NaNBar, NaNBar, NaNBar, ...flat(1, 11), NaNBar, NaNBar, NaNBar, NaNBar, ...flat(2, 12)], BBB: [NaNBar, ...flat(11, 50)] },
  session: 4,
});

/** A streamed feed (no whole bars) over `b` in slices of n, its venue (no kernel: only `current` and slices are read) and view. */
function streamed(b: typeof bars, n: number, windows: MarketWindows) {
  const feed = new SliceFeed({ ...memorySource(b, n), whole: undefined });
  const venue = new EngineVenue(undefined as unknown as SimulateKernel, feed, new Map(b.symbols.map((s, i) => [s, i] as const)), b.symbols, b.timezone);
  const view = engineMarketView(feed, venue, b.symbols, windows);
  return { feed, venue, view };
}

describe('StreamMarketView', () => {
  it.each([1, 2, 3, 5, 12])('gives the same close and session as the whole-bars view at every bar (slices of %i)', (n) => {
    const { feed, venue, view } = streamed(bars, n, { bars: 0, sessions: 0 });
    expect(view).toBeInstanceOf(StreamMarketView);
    const whole = new EngineMarketView(bars, () => venue.current);
    expect(view.close('AAA')).toBeNaN();
    for (let s = feed.next(); s; s = feed.next()) {
      for (let t = s.offset; t < s.offset + s.length; t++) {
        venue.current = t;
        for (const sym of ['AAA', 'BBB', 'ZZZ']) expect(Object.is(view.close(sym), whole.close(sym)), `${sym} at ${t}`).toBe(true);
        expect(view.session()).toBe(whole.session());
      }
      for (const f of venue.onSliceDone) f(s);
    }
    // bar 11: AAA's last close 12, BBB's 50; the third session (bars 8–11)
    expect([view.close('AAA'), view.close('BBB'), view.session()]).toEqual([12, 50, 2]);
    expect(view.symbols()).toEqual(['AAA', 'BBB']);
  });

  // 3 symbols × 230 bars in sessions of 13 (the last one short: 230 = 17 × 13 + 9), prices and
  // volumes from a fixed LCG (fractional volumes, so the order of additions shows in the last bits):
  // AAA misses runs of 1–9 bars, BBB starts at bar 70, CCC misses every third bar
  const T = 230;
  let seed = 12345;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const gaps = (valid: (t: number) => boolean): Bar[] => {
    let c = 100;
    return Array.from({ length: T }, (_, t) => {
      c *= 1 + (rnd() - 0.5) * 0.02;
      const o = c * (1 + (rnd() - 0.5) * 0.01), h = Math.max(o, c) * (1 + rnd() * 0.005), l = Math.min(o, c) * (1 - rnd() * 0.005), v = rnd() * 1000 + 0.1;
      return valid(t) ? { o, h, l, c, v } : NaNBar;
    });
  };
  const noisy = scriptBars({
    bars: {
      AAA: gaps((t) => !((t >= 20 && t < 29) || t === 63 || t === 64 || (t >= 100 && t < 107) || t === 128 || t === 199)),
      BBB: gaps((t) => t >= 70),
      CCC: gaps((t) => t % 3 !== 1),
    },
    session: 13,
  });
  const W: MarketWindows = { bars: 10, sessions: 5 };

  it.each([1, 7, 64, T])('gives the same ATR, return volatility and average daily volume as the whole-bars view at every bar (slices of %i)', (n) => {
    // one view asked at every bar, one only every 17th bar (its rings catch up over the bars between)
    const every = streamed(noisy, n, W), sparse = streamed(noisy, n, W);
    const whole = new EngineMarketView(noisy, () => every.venue.current);
    expect(every.view).toBeInstanceOf(StreamMarketView);
    let known = 0, asked = 0;
    const same = (view: typeof every.view, t: number): void => {
      for (const sym of ['AAA', 'BBB', 'CCC', 'ZZZ']) {
        for (const w of [0, 1, 2, 3, 5, 10]) {
          const [a, b] = [view.atr(sym, w), whole.atr(sym, w)];
          expect(Object.is(a, b), `ATR(${w}) of ${sym} at ${t}: ${a} vs ${b}`).toBe(true);
          const [c, d] = [view.returnStdev(sym, w), whole.returnStdev(sym, w)];
          expect(Object.is(c, d), `stdev(${w}) of ${sym} at ${t}: ${c} vs ${d}`).toBe(true);
          asked += 2;
          known += (a === a ? 1 : 0) + (c === c ? 1 : 0);
        }
        for (const d of [0, 1, 2, 3, 5]) {
          const [a, b] = [view.averageDailyVolume(sym, d), whole.averageDailyVolume(sym, d)];
          expect(Object.is(a, b), `ADV(${d}) of ${sym} at ${t}: ${a} vs ${b}`).toBe(true);
          asked++;
          known += a === a ? 1 : 0;
        }
      }
    };
    let s2 = sparse.feed.next();
    for (let s = every.feed.next(); s; s = every.feed.next(), s2 = sparse.feed.next()) {
      for (let t = s.offset; t < s.offset + s.length; t++) {
        every.venue.current = sparse.venue.current = t;
        same(every.view, t);
        if (t % 17 === 16) same(sparse.view, t);
      }
      for (const f of every.venue.onSliceDone) f(s);
      for (const f of sparse.venue.onSliceDone) f(s2!);
    }
    expect(s2).toBeNull();
    // after the run (no slice held) the rings answer for the last bar
    every.venue.current = sparse.venue.current = T - 1;
    same(every.view, T);
    same(sparse.view, T);
    // the comparison is not all NaN: most answers are numbers (AAA, BBB and CCC have 10 + 1 valid bars
    // and a complete session long before the end), and the unknown symbol's and window 0's are NaN
    expect(known).toBeGreaterThan(asked / 2);
    expect(known).toBeLessThan(asked);
  });

  it('refuses a window longer than the rings were sized for, naming it', () => {
    const { feed, venue, view } = streamed(noisy, 7, W);
    feed.next();
    venue.current = 3;
    expect(() => view.atr('AAA', 11)).toThrow(ConfigError);
    expect(() => view.atr('AAA', 11)).toThrow(/ATR\(11\) reads a trailing window of 11 bars, but this streamed run keeps only 10/);
    expect(() => view.returnStdev('BBB', 12)).toThrow(/return volatility\(12\) reads a trailing window of 12 returns/);
    expect(() => view.averageDailyVolume('CCC', 6)).toThrow(/average daily volume\(6\) reads a trailing window of 6 sessions, but this streamed run keeps only 5/);
    // a run whose policy reads no window keeps none
    const none = streamed(noisy, 7, { bars: 0, sessions: 0 }).view;
    expect(() => none.atr('AAA', 1)).toThrow(/keeps only 0/);
    expect(none.session()).toBe(-1);
    // whole bars in memory get the whole-bars view
    expect(engineMarketView(new SliceFeed(memorySource(bars, 3)), venue, bars.symbols, W)).toBeInstanceOf(EngineMarketView);
  });

  it('sizes the rings from every window the risk policy reads', () => {
    const base = { data: { files: [{ path: 'AAA.csv', symbol: 'AAA' }] }, strategy: { name: 'buy_and_hold' } };
    const risk = (r: unknown) => marketWindows(normalizeConfig({ ...base, risk: r }, 'cfg').risk);
    // conservative.yaml: volatility_target ATR(20), exits at ATR(14), max_adv_pct over adv_days 20
    expect(risk('conservative')).toEqual({ bars: 20, sessions: 20 });
    // an exit's window longer than the sizing's; adv_days only counts with max_adv_pct
    expect(risk({ sizing: { method: 'volatility_target', target_risk: 0.01, volatility: 'stdev', window: 5 }, stops: { take_profit: { atr: 3, window: 30 } }, limits: { adv_days: 9 } }))
      .toEqual({ bars: 30, sessions: 0 });
    expect(risk({ sizing: { method: 'inverse_volatility', volatility: 'atr', window: 8, exposure: 1 }, stops: { stop_loss: { percent: 0.05 } }, limits: { max_adv_pct: 0.1, adv_days: 3 } }))
      .toEqual({ bars: 8, sessions: 3 });
    expect(risk({ sizing: { method: 'fixed_fraction', fraction: 0.1 } })).toEqual({ bars: 0, sessions: 0 });
    expect(marketWindows(undefined)).toEqual({ bars: 0, sessions: 0 });
  });
});

/** Every file of an output folder, name → bytes. */
function files(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

describe('a streamed catalog run under a volatility-target policy', () => {
  it('writes the same bytes as the same data run from whole bars', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'qt-stream-risk-'));
    try {
      const cat = writeGappyCatalog(tmp);
      const cfg = normalizeConfig({
        run: { id: 'stream-risk' }, data: { catalog: cat, symbols: ['AAA', 'BBB', 'CCC'] },
        strategy: { name: 'sma_cross', params: { fast: 5, slow: 20 } }, portfolio: { initial_cash: '100000' },
        risk: {
          sizing: { method: 'volatility_target', target_risk: 0.0002, volatility: 'atr', window: 14 },
          limits: { max_adv_pct: 0.0003, adv_days: 2 },
          stops: { stop_loss: { atr: 2, window: 20 }, take_profit: { atr: 3, window: 10 } },
        },
        output: { dir: join(tmp, 'out'), event_log: true, equity: 'bar' },
      }, 'test');
      const inMemory = files(runOnBars(cfg, await loadConfiguredBars(cfg), 'stream-risk', { outDir: join(tmp, 'mem') }).outDir);
      for (const n of [7, 1 << 20]) {
        const out = files((await runBacktest(cfg, { outDir: join(tmp, `s${n}`), sliceRows: n })).outDir);
        expect([...out.keys()]).toEqual([...inMemory.keys()]);
        for (const [name, bytes] of inMemory) expect(out.get(name)!.equals(bytes), `slices of ${n}: ${name} differs`).toBe(true);
      }
      // the policy is at work: opening orders (the ones with ATR exits attached) sized by ATR (many
      // quantities), some cut to 0.03% of the ADV of the last 2 sessions and some not
      const events = inMemory.get('events.jsonl')!.toString().trim().split('\n').map((l) => JSON.parse(l));
      const orders = events.filter((e) => e.event_type === 'order' && e.source_service === 'manager' && e.payload.stop_loss !== undefined);
      const reduced = events.filter((e) => e.event_type === 'risk_violation' && e.payload.rule === 'max_adv_pct' && e.payload.action === 'reduced');
      expect(new Set(orders.map((e) => e.payload.quantity)).size).toBeGreaterThan(3);
      expect(reduced.length).toBeGreaterThan(0);
      expect(reduced.length).toBeLessThan(orders.length);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});
