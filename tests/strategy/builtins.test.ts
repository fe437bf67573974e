// The built-in strategies on small data built to trigger them (expected signals derived by hand in
// the comments), and their signal columns cross-checked against technicalindicators on random walks.
import { describe, it, expect } from 'vitest';
import * as ti from 'technicalindicators';
import { createStrategy, type VectorStrategy } from '../../src/strategy/index.js';
import { Workspace } from '../../src/kernels/index.js';
import { makeBars, config, run, signalsAt } from './helpers.js';
import { mulberry } from './random.js';

/** The strategy's signal column over one symbol's bars, the engine's way, cut into slices of `cut` bars. */
function column(s: VectorStrategy, c: { high: number[]; low: number[]; close: number[] }, cut = c.close.length): number[] {
  const ws = new Workspace('wasm');
  s.init(ws, 1);
  const bufs = { open: ws.f64(cut), high: ws.f64(cut), low: ws.f64(cut), close: ws.f64(cut), volume: ws.f64(cut) };
  const out = ws.i32(cut);
  const got: number[] = [];
  for (let at = 0; at < c.close.length; at += cut) {
    const len = Math.min(cut, c.close.length - at);
    bufs.close.set(c.close.slice(at, at + len));
    bufs.open.set(c.close.slice(at, at + len));
    bufs.high.set(c.high.slice(at, at + len));
    bufs.low.set(c.low.slice(at, at + len));
    const sub = (b: typeof bufs.close) => b.sub(0, len);
    s.signals({ open: sub(bufs.open), high: sub(bufs.high), low: sub(bufs.low), close: sub(bufs.close), volume: sub(bufs.volume), len, start: at }, out.sub(0, len));
    for (const v of out.sub(0, len).view()) got.push(v);
  }
  return got;
}

/** A random walk of closes in cents with highs/lows around them. */
function walk(n: number, seed: number): { high: number[]; low: number[]; close: number[] } {
  const rnd = mulberry(seed);
  const close: number[] = [], high: number[] = [], low: number[] = [];
  for (let i = 0, p = 100; i < n; i++) {
    p = Math.max(5, Math.round((p + (rnd() - 0.5) * 2) * 100) / 100);
    close.push(p);
    high.push(Math.round((p + rnd()) * 100) / 100);
    low.push(Math.round((p - rnd()) * 100) / 100);
  }
  return { high, low, close };
}

/** Crossings of a over b as the cross kernel defines them: +1/−1 when a is on the other side than at the last bar where they differed. */
function crossings(a: readonly number[], b: readonly number[]): number[] {
  let side = 0;
  return a.map((x, i) => {
    const y = b[i]!;
    if (!(x === x && y === y) || x === y) return 0;
    const now = x > y ? 1 : -1;
    const out = side !== 0 && now !== side ? now : 0;
    side = now;
    return out;
  });
}

/** technicalindicators output aligned to the input (NaN during warm-up). */
const pad = (xs: readonly number[], n: number): number[] => [...Array(n - xs.length).fill(NaN), ...xs];

const closeOnly = (close: number[]) => makeBars({ AAA: { close } });

describe('ema_cross', () => {
  it('opens on EMA(2) crossing above EMA(4) and closes on the cross below', () => {
    // EMA seeded with the SMA of the first `period` closes, then e += 2/(p+1)·(x − e):
    // bar     0   1     2    3    4     5       6       7       8      9
    // close   10  9     8    7    6     12      13      13      5      4
    // EMA2    -   9.5   8.5  7.5  6.5   10.167  12.056  12.685  7.562  5.187
    // EMA4    -   -     -    8.5  7.5   9.3     10.78   11.668  9.001  7.000
    // fast − slow < 0 at bars 3–4, > 0 at 5–7 (cross up at 5), < 0 at 8 (cross down at 8).
    const bars = closeOnly([10, 9, 8, 7, 6, 12, 13, 13, 5, 4]);
    const { of } = run(config(['AAA'], { strategy: { name: 'ema_cross', params: { fast: 2, slow: 4 } } }), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['5:AAA:OPEN_LONG', '8:AAA:CLOSE_LONG']);
    expect(of('signal')[0]!.reason).toBe('ema(2) × ema(4): crossed above');
    expect(of('signal')[0]!.metadata).toEqual({ fast: 2, slow: 4 });
  });

  it('matches crossings of technicalindicators EMAs on a random walk, whatever the slicing', () => {
    const w = walk(2000, 1);
    const expected = crossings(pad(ti.EMA.calculate({ period: 5, values: w.close }), 2000), pad(ti.EMA.calculate({ period: 21, values: w.close }), 2000));
    expect(expected.filter((v) => v !== 0).length).toBeGreaterThan(30);
    expect(column(createStrategy('ema_cross', { fast: 5, slow: 21 }) as VectorStrategy, w, 333)).toEqual(expected);
  });

  it('requires fast < slow', () => {
    expect(() => createStrategy('ema_cross', { fast: 30, slow: 10 })).toThrow('`strategy.params.fast` (30) must be less than `strategy.params.slow` (10)');
  });
});

describe('macd_cross', () => {
  it('opens on the MACD line crossing above its signal line and closes on the cross below', () => {
    // MACD(2, 3, 2): line = EMA2 − EMA3 of the closes, signal = EMA2 of the line (each seeded with its SMA).
    // Flat at 10 until bar 5: line = signal = 0 (equal: no side yet). Then (line / signal, rounded):
    // bar     6       7       8       9       10      11      12     13     14     15      16
    // close   9       8       7       6       5       6       7      8      9      8       7
    // line   −.167   −.306   −.394   −.444   −.471   −.152   .119   .291   .389   .109   −.141
    // signal −.111   −.241   −.343   −.410   −.451   −.251  −.005   .192   .324   .181   −.033
    // line below the signal at 6–10, above at 11–14 (cross up at 11), below at 15 (cross down at 15).
    const close = [10, 10, 10, 10, 10, 10, 9, 8, 7, 6, 5, 6, 7, 8, 9, 8, 7, 6];
    const bars = closeOnly(close);
    const { of } = run(config(['AAA'], { strategy: { name: 'macd_cross', params: { fast: 2, slow: 3, signal: 2 } } }), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['11:AAA:OPEN_LONG', '15:AAA:CLOSE_LONG']);
  });

  it('matches crossings of technicalindicators MACD and signal lines on a random walk', () => {
    const w = walk(2000, 2);
    const m = ti.MACD.calculate({ values: w.close, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false });
    const line = pad(m.map((x) => x.MACD ?? NaN), 2000), sig = pad(m.map((x) => x.signal ?? NaN), 2000);
    const expected = crossings(line, sig);
    expect(expected.filter((v) => v !== 0).length).toBeGreaterThan(30);
    expect(column(createStrategy('macd_cross', {}) as VectorStrategy, w, 700)).toEqual(expected);
  });
});

describe('rsi_mean_reversion', () => {
  it('buys when RSI crosses below `lower`, sells when it crosses above `upper`', () => {
    // RSI(2), Wilder: averages seeded with the mean of the first 2 changes, then avg = (avg + change) / 2.
    // bar       2     3     4     5      6      7       8
    // close     12    11    10    9      10     11      12     (from 10, 11)
    // avg gain  1     .5    .25   .125   .5625  .78125  .890625
    // avg loss  0     .5    .75   .875   .4375  .21875  .109375
    // RSI       100   50    25    12.5   56.25  78.125  89.06
    // below 30 first at bar 4 (from 50): OPEN_LONG; above 70 first at bar 7 (from 56.25): CLOSE_LONG (long since bar 5's open).
    const bars = closeOnly([10, 11, 12, 11, 10, 9, 10, 11, 12, 13]);
    const { of } = run(config(['AAA'], { strategy: { name: 'rsi_mean_reversion', params: { period: 2 } } }), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['4:AAA:OPEN_LONG', '7:AAA:CLOSE_LONG']);
  });

  it('with short = 1, sells short when RSI crosses above `upper` and covers when it crosses below `lower`', () => {
    // closes 10, 9, 8, 9, 10, 11, 10, 9, 8: RSI(2) = 0 (bar 2), 50, 75, 87.5, 43.75, 21.875, 10.9 (bar 8)
    // above 70 at bar 4 (from 50): OPEN_SHORT; below 30 at bar 7 (from 43.75): CLOSE_SHORT (short since bar 5's open).
    const bars = closeOnly([10, 9, 8, 9, 10, 11, 10, 9, 8]);
    const { of } = run(config(['AAA'], { strategy: { name: 'rsi_mean_reversion', params: { period: 2, short: 1 } }, portfolio: { initial_cash: '100000', allow_short: true } }), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['4:AAA:OPEN_SHORT', '7:AAA:CLOSE_SHORT']);
    expect(of('fill').map((f) => f.side)).toEqual(['sell', 'buy']);
  });

  it('matches threshold crossings of technicalindicators RSI on a random walk', () => {
    const w = walk(3000, 3);
    const rsi = pad(ti.RSI.calculate({ period: 14, values: w.close }), 3000);
    const lower = 35, upper = 65;
    const below = crossings(rsi, rsi.map(() => lower)).map((v) => (v === -1 ? 1 : 0));
    const above = crossings(rsi, rsi.map(() => upper)).map((v) => (v === 1 ? 2 : 0));
    const expected = below.map((v, i) => v | above[i]!);
    expect(expected.filter((v) => v !== 0).length).toBeGreaterThan(20);
    // technicalindicators rounds RSI to 2 decimals: compare where the rounding cannot move a crossing
    const got = column(createStrategy('rsi_mean_reversion', { lower, upper }) as VectorStrategy, w, 500);
    const near = (i: number) => Math.abs(rsi[i]! - lower) < 0.01 || Math.abs(rsi[i]! - upper) < 0.01 || Math.abs(rsi[i - 1]! - lower) < 0.01 || Math.abs(rsi[i - 1]! - upper) < 0.01;
    const diffs = got.map((v, i) => (v !== expected[i] && !near(i) ? i : -1)).filter((i) => i >= 0);
    expect(diffs).toEqual([]);
  });

  it('names the parameter and the allowed range', () => {
    expect(() => createStrategy('rsi_mean_reversion', { lower: 80 })).toThrow('`strategy.params.upper` must be in (lower, 100) = (80, 100); got 70');
    expect(() => createStrategy('rsi_mean_reversion', { short: 2 })).toThrow('`strategy.params.short` must be 0 (long only) or 1 (also short); got 2');
  });
});

describe('bollinger_breakout', () => {
  it('buys when the close crosses above the upper band and sells when it crosses below the middle band', () => {
    // BB(3, 1): middle = SMA3, bands = middle ± 1·σ (population):
    // bar  close  window       middle   σ       upper    side of close vs upper / middle
    // 2    10     10 11 10     10.333   0.471   10.805   below / below
    // 3    9      11 10 9      10       0.816   10.816   below / below
    // 4    10     10 9 10      9.667    0.471   10.138   below / above (cross up middle: short side only)
    // 5    13     9 10 13      10.667   1.700   12.366   ABOVE upper (from below): OPEN_LONG
    // 6    14     10 13 14     12.333   1.700   14.033   below / above
    // 7    10     13 14 10     12.333   1.700   14.033   below / BELOW middle (from above): CLOSE_LONG (long since bar 6's open)
    const bars = closeOnly([10, 11, 10, 9, 10, 13, 14, 10, 9]);
    const { of } = run(config(['AAA'], { strategy: { name: 'bollinger_breakout', params: { period: 3, mult: 1 } } }), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['5:AAA:OPEN_LONG', '7:AAA:CLOSE_LONG']);
  });

  it('with short = 1, sells short below the lower band and covers above the middle band', () => {
    // the same data: bar 3 closes at 9 < lower 9.184 (above the lower band at bar 2: 9.862): OPEN_SHORT, filled at bar 4's open;
    // bar 4 closes at 10 > middle 9.667 (below it at bars 2–3): CLOSE_SHORT; then the long trade of the test above
    const bars = closeOnly([10, 11, 10, 9, 10, 13, 14, 10, 9]);
    const { of } = run(config(['AAA'], { strategy: { name: 'bollinger_breakout', params: { period: 3, mult: 1, short: 1 } }, portfolio: { initial_cash: '100000', allow_short: true } }), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['3:AAA:OPEN_SHORT', '4:AAA:CLOSE_SHORT', '5:AAA:OPEN_LONG', '7:AAA:CLOSE_LONG']);
  });

  it('matches crossings of technicalindicators Bollinger bands on a random walk', () => {
    const w = walk(2000, 4);
    const bb = ti.BollingerBands.calculate({ period: 20, stdDev: 2, values: w.close });
    const upper = pad(bb.map((b) => b.upper), 2000), middle = pad(bb.map((b) => b.middle), 2000);
    const up = crossings(w.close, upper), mid = crossings(w.close, middle);
    const expected = up.map((u, i) => (u === 1 ? 1 : 0) | (mid[i] === -1 ? 2 : 0));
    expect(expected.filter((v) => v !== 0).length).toBeGreaterThan(30);
    expect(column(createStrategy('bollinger_breakout', {}) as VectorStrategy, w, 450)).toEqual(expected);
  });
});

describe('donchian_breakout', () => {
  // entry 3, exit 2, ATR(2), stop 2 ATRs. Bars (open, high, low, close):
  const base = [[10, 10.5, 9.5, 10], [10, 10.5, 9.5, 10], [10, 10.5, 9.5, 10]];
  const barsOf = (rows: number[][]) => makeBars({ AAA: { open: rows.map((r) => r[0]!), high: rows.map((r) => r[1]!), low: rows.map((r) => r[2]!), close: rows.map((r) => r[3]!) } });
  const cfg = (extra: Record<string, number> = {}, over: Record<string, unknown> = {}) =>
    config(['AAA'], { strategy: { name: 'donchian_breakout', params: { entry: 3, exit: 2, atr: 2, stop: 2, ...extra } }, ...over });

  it('enters on a close above the prior N-bar high with a stop 2·ATR below, exits on a close below the prior M-bar low', () => {
    // bar 3 closes at 11 > 10.5, the high of bars 0–2: OPEN_LONG. True ranges: bars 1, 2: 1; bar 3: max(11.5 − 9.8, |11.5 − 10|, |9.8 − 10|) = 1.7.
    // Wilder ATR(2): bar 2 = (1 + 1)/2 = 1; bar 3 = (1·1 + 1.7)/2 = 1.35 → stopLoss = 11 − 2·1.35 = 8.3.
    // bar 4: 11.5 is not above the high of bars 1–3 (11.5); long anyway. bar 5: 10.2 > 9.8 = low of bars 3–4.
    // bar 6: 9.5 < 10.0 = low of bars 4–5: CLOSE_LONG, filled at bar 7's open (9.5). No low reaches the stop at 8.3.
    const bars = barsOf([...base, [10, 11.5, 9.8, 11], [11, 12, 10.8, 11.5], [11.5, 11.6, 10, 10.2], [10.2, 10.3, 9, 9.5], [9.5, 9.8, 9.2, 9.6]]);
    const { of } = run(cfg(), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['3:AAA:OPEN_LONG', '6:AAA:CLOSE_LONG']);
    expect(of('signal')[0]).toMatchObject({ stop_loss: '8.3', reason: 'close broke above the 3-bar high' });
    expect(of('fill').map((f) => `${f.side} ${f.fill_price}`)).toEqual(['buy 11', 'sell 9.5']);
  });

  it('lets the ATR stop close the position when the price falls through it', () => {
    // as above, but bar 5 falls to a low of 8.0 < the stop at 8.3: the stop leg sells at 8.3 on bar 5; flat afterwards, so the
    // exit breakout of bar 6 (9.5 < 8.0? no: the low of bars 4–5 is now 8.0) signals nothing
    const bars = barsOf([...base, [10, 11.5, 9.8, 11], [11, 12, 10.8, 11.5], [11.5, 11.6, 8, 8.2], [8.2, 10.3, 8.1, 9.5]]);
    const { of } = run(cfg(), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['3:AAA:OPEN_LONG']);
    expect(of('fill').map((f) => `${f.side} ${f.fill_price}`)).toEqual(['buy 11', 'sell 8.3']);
  });

  it('with short = 1, sells short below the prior N-bar low with a stop 2·ATR above and covers above the prior M-bar high', () => {
    // bar 3 closes at 9 < 9.5, the low of bars 0–2: OPEN_SHORT; TR(3) = max(10.2 − 8.5, 0.2, 1.5) = 1.7, ATR 1.35 → stop 9 + 2.7 = 11.7.
    // bar 5: 9.8 < 10.2 = high of bars 3–4; bar 6: 10.4 > 10.0 = high of bars 4–5: CLOSE_SHORT.
    const bars = barsOf([...base, [10, 10.2, 8.5, 9], [9, 9.2, 8, 8.5], [8.5, 10, 8.4, 9.8], [9.8, 10.5, 9.7, 10.4]]);
    const { of } = run(cfg({ short: 1 }, { portfolio: { initial_cash: '100000', allow_short: true } }), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['3:AAA:OPEN_SHORT', '6:AAA:CLOSE_SHORT']);
    expect(of('signal')[0]).toMatchObject({ stop_loss: '11.7' });
  });

  it('matches breakouts of a plain-TypeScript channel and technicalindicators ATR on a random walk', () => {
    const w = walk(1500, 5);
    const N = 20, M = 10;
    const hi = (i: number, n: number) => (i < n ? NaN : Math.max(...w.high.slice(i - n, i)));
    const lo = (i: number, n: number) => (i < n ? NaN : Math.min(...w.low.slice(i - n, i)));
    const expected = w.close.map((c, i) => (c > hi(i, N) ? 1 : 0) | (c < lo(i, M) ? 2 : 0));
    expect(expected.filter((v) => v !== 0).length).toBeGreaterThan(30);
    const s = createStrategy('donchian_breakout', { entry: N, exit: M }) as VectorStrategy;
    expect(column(s, w, 400)).toEqual(expected);
    // the stop uses Wilder's ATR(20) at the signal bar (technicalindicators' ATR agrees to rounding)
    const atr = pad(ti.ATR.calculate({ period: 20, high: w.high, low: w.low, close: w.close }), 1500);
    const i = expected.findIndex((v, k) => (v & 1) !== 0 && k > 40);
    const s2 = createStrategy('donchian_breakout', { entry: N, exit: M }) as VectorStrategy;
    column(s2, { high: w.high.slice(0, i + 1), low: w.low.slice(0, i + 1), close: w.close.slice(0, i + 1) });
    const d = s2.decide(1, { position: 0, pending: false }, { symbol: 0, index: i, close: w.close[i]! })!;
    expect(d.intention).toBe('OPEN_LONG');
    expect(d.stopLoss!).toBeCloseTo(w.close[i]! - 2 * atr[i]!, 3);
  });
});

describe('kernel chains over a large slice', () => {
  it('give the same columns in one 300,000-bar slice (whose buffers grow the arena) as in small slices', () => {
    // a kernel's first run allocates its outputs; views taken before that may be detached by the growth
    const w = walk(300_000, 6);
    for (const [name, params] of [['bollinger_breakout', {}], ['donchian_breakout', {}], ['rsi_mean_reversion', {}], ['macd_cross', {}]] as const) {
      const big = column(createStrategy(name, params) as VectorStrategy, w);
      const small = column(createStrategy(name, params) as VectorStrategy, w, 4096);
      expect(big.filter((v) => v !== 0).length, name).toBeGreaterThan(100);
      expect(big, name).toEqual(small);
    }
  });
});

describe('buy_and_hold and sma_cross stay as they were', () => {
  it('buy_and_hold opens each symbol at its first bar', () => {
    const bars = makeBars({ AAA: { close: [10, 11, 12] }, BBB: { close: [NaN, 20, 21] } });
    const { of } = run(config(['AAA', 'BBB']), bars);
    expect(signalsAt(bars, of('signal'))).toEqual(['0:AAA:OPEN_LONG', '1:BBB:OPEN_LONG']);
  });
});
