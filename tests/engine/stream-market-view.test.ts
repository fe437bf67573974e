// The manager's MarketView on a streamed run answers like the whole-bars view (EngineMarketView)
// for the latest close and the session index, and refuses trailing windows it cannot serve.
import { describe, it, expect } from 'vitest';
import { memorySource } from '../../src/engine/index.js';
import { EngineVenue } from '../../src/engine/engine-venue.js';
import { SliceFeed } from '../../src/engine/slice-feed.js';
import { StreamMarketView, engineMarketView } from '../../src/engine/stream-market-view.js';
import { EngineMarketView } from '../../src/engine/market-view.js';
import type { SimulateKernel } from '../../src/kernels/index.js';
import { ConfigError } from '../../src/model/index.js';
import { scriptBars, flat, bar } from './script.js';

// AAA has gaps (NaN bars) across slice boundaries; sessions of 4 bars
const NaNBar = bar(NaN, NaN, NaN, NaN);
const bars = scriptBars({
  bars: { AAA: [...flat(2, 10), NaNBar, NaNBar, NaNBar, ...flat(1, 11), NaNBar, NaNBar, NaNBar, NaNBar, ...flat(2, 12)], BBB: [NaNBar, ...flat(11, 50)] },
  session: 4,
});

describe('StreamMarketView', () => {
  it.each([1, 2, 3, 5, 12])('gives the same close and session as the whole-bars view at every bar (slices of %i)', (n) => {
    const feed = new SliceFeed({ ...memorySource(bars, n), whole: undefined });
    const venue = new EngineVenue(undefined as unknown as SimulateKernel, feed, new Map([['AAA', 0], ['BBB', 1]]), bars.symbols, bars.timezone);
    const view = engineMarketView(feed, venue, bars.symbols);
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

  it('refuses trailing windows with a ConfigError that says why; whole bars get the whole-bars view', () => {
    const feed = new SliceFeed({ ...memorySource(bars, 3), whole: undefined });
    const venue = new EngineVenue(undefined as unknown as SimulateKernel, feed, new Map([['AAA', 0], ['BBB', 1]]), bars.symbols, bars.timezone);
    const view = new StreamMarketView(feed, venue, bars.symbols);
    expect(view.session()).toBe(-1);
    expect(() => view.atr()).toThrow(ConfigError);
    expect(() => view.returnStdev()).toThrow(/return volatility over a trailing window need the whole bars in memory/);
    expect(() => view.averageDailyVolume()).toThrow(/average daily volume/);
    expect(engineMarketView(new SliceFeed(memorySource(bars, 3)), venue, bars.symbols)).toBeInstanceOf(EngineMarketView);
  });
});
