// Cross-checks of the moving averages and bands against technicalindicators 3.1.0 on random data.
// Conventions that differ, and how the test accounts for them, are written next to each check.
import { describe, it } from 'vitest';
import * as ti from 'technicalindicators';
import {
  Workspace, rollingMeanOf, rollingSumOf, emaOf, wmaOf, demaOf, temaOf, hmaOf, kamaOf, vwmaOf, macdOf, bbandsOf,
  stddevOf, zscoreOf, minMaxOf, donchianOf, keltnerOf,
} from '../../../src/kernels/index.js';
import { arr, bars, expectTail } from './lib-helpers.js';

const N = 600;
const d = bars(7, N);
const x = d.close;
const ws = new Workspace('wasm');
const tight = { rel: 1e-12, abs: 1e-12 };
// Rolling sums are rolled (add new, subtract old) here and re-added per bar or rolled in another
// order in the library: the difference is a few ulp of the running sum.
const rolled = { rel: 1e-10, abs: 1e-10 };

describe('moving averages vs technicalindicators', () => {
  it('sma and rolling sum agree within rounding of the rolled sum', () => {
    for (const period of [1, 5, 20]) {
      expectTail(`sma ${period}`, rollingMeanOf(x, { period }, ws), ti.sma({ period, values: arr(x) }), rolled);
      expectTail(`sum ${period}`, rollingSumOf(x, { period }, ws), ti.sum({ period, values: arr(x) }), rolled);
    }
  });

  it('ema: both seed with the SMA of the first period values; the same update formula', () => {
    for (const period of [1, 9, 20]) expectTail(`ema ${period}`, emaOf(x, { period }, ws), ti.ema({ period, values: arr(x) }), tight);
  });

  it('wma: the library sums the window every bar, we roll the numerator', () => {
    for (const period of [1, 10, 30]) expectTail(`wma ${period}`, wmaOf(x, { period }, ws), ti.wma({ period, values: arr(x) }), rolled);
  });

  it('dema and tema (not in the library): composed from the library EMA of EMA', () => {
    const period = 10;
    const e1 = ti.ema({ period, values: arr(x) });
    const e2 = ti.ema({ period, values: e1 });
    const e3 = ti.ema({ period, values: e2 });
    const dem = e2.map((v, i) => 2 * e1[i + e1.length - e2.length]! - v);
    const tem = e3.map((v, i) => 3 * e1[i + e1.length - e3.length]! - 3 * e2[i + e2.length - e3.length]! + v);
    expectTail('dema', demaOf(x, { period }, ws), dem, rolled);
    expectTail('tema', temaOf(x, { period }, ws), tem, rolled);
  });

  it('hma (not in the library): composed from the library WMA, half = ⌊p/2⌋, root = ⌊√p⌋', () => {
    const period = 16;
    const half = ti.wma({ period: 8, values: arr(x) });
    const full = ti.wma({ period, values: arr(x) });
    const diff = full.map((v, i) => 2 * half[i + half.length - full.length]! - v);
    expectTail('hma', hmaOf(x, { period }, ws), ti.wma({ period: 4, values: diff }), rolled);
  });

  it('kama (not in the library): a textbook TA-Lib-style loop', () => {
    const p = 10, fast = 2 / 3, slow = 2 / 31;
    const want: number[] = [];
    let k = x[p - 1]!;
    for (let i = p; i < N; i++) {
      let vol = 0;
      for (let j = i - p + 1; j <= i; j++) vol += Math.abs(x[j]! - x[j - 1]!);
      const change = Math.abs(x[i]! - x[i - p]!);
      const er = vol <= change ? 1 : change / vol;
      const sc = (er * (fast - slow) + slow) ** 2;
      k = k + sc * (x[i]! - k);
      want.push(k);
    }
    expectTail('kama', kamaOf(x, { period: p }, ws), want, rolled);
  });

  it('vwma (not in the library): Σ(close·volume)/Σvolume summed per window', () => {
    const p = 20;
    const want: number[] = [];
    for (let i = p - 1; i < N; i++) {
      let pv = 0, v = 0;
      for (let j = i - p + 1; j <= i; j++) { pv += x[j]! * d.volume[j]!; v += d.volume[j]!; }
      want.push(pv / v);
    }
    expectTail('vwma', vwmaOf(x, d.volume, { period: p }, ws), want, rolled);
  });

  it('macd with EMA oscillator and signal (SimpleMAOscillator/SimpleMASignal false)', () => {
    const lib = ti.macd({ values: arr(x), fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false });
    const ours = macdOf(x, {}, ws);
    expectTail('macd line', ours.macd, lib.map((o) => o.MACD), tight);
    // The library emits an object per bar from the line's start, with signal undefined while it warms up.
    expectTail('macd signal', ours.signal, lib.map((o) => o.signal).filter((v) => v !== undefined), rolled);
    expectTail('macd hist', ours.hist, lib.map((o) => o.histogram).filter((v) => v !== undefined), rolled);
  });
});

describe('bands and dispersion vs technicalindicators', () => {
  // σ: the library re-sums (x − mean)² over the window every bar; we roll Welford's M2. Population σ in both.
  const sigma = { rel: 1e-8, abs: 1e-9 };

  it('stddev (population) against SD; sample σ against a textbook loop', () => {
    expectTail('stddev', stddevOf(x, { period: 20 }, ws), ti.sd({ period: 20, values: arr(x) }), sigma);
    const want: number[] = [];
    for (let i = 19; i < N; i++) {
      const w = Array.from(x.subarray(i - 19, i + 1));
      const m = w.reduce((a, b) => a + b, 0) / 20;
      want.push(Math.sqrt(w.reduce((a, b) => a + (b - m) ** 2, 0) / 19));
    }
    expectTail('stddev sample', stddevOf(x, { period: 20, ddof: 1 }, ws), want, sigma);
  });

  it('bbands middle/upper/lower/%b against BollingerBands', () => {
    const lib = ti.bollingerbands({ period: 20, values: arr(x), stdDev: 2 });
    const ours = bbandsOf(x, { period: 20, mult: 2 }, ws);
    expectTail('bb middle', ours.middle, lib.map((o) => o.middle), rolled);
    expectTail('bb upper', ours.upper, lib.map((o) => o.upper), sigma);
    expectTail('bb lower', ours.lower, lib.map((o) => o.lower), sigma);
    // %b divides by the band width, which amplifies the σ difference; when the bands coincide the
    // library gives NaN/±Infinity, we give 0.5 (not reached on this data).
    expectTail('bb %b', ours.pb, lib.map((o) => o.pb), { rel: 1e-6, abs: 1e-7 });
  });

  it('zscore (not in the library): (x − SMA)/SD composed from the library', () => {
    const m = ti.sma({ period: 20, values: arr(x) });
    const s = ti.sd({ period: 20, values: arr(x) });
    expectTail('zscore', zscoreOf(x, { period: 20 }, ws), s.map((v, i) => (x[N - s.length + i]! - m[i]!) / v), { rel: 1e-6, abs: 1e-7 });
  });

  it('rolling min/max and donchian against Highest/Lowest (exactly)', () => {
    const mm = minMaxOf(x, { period: 14 }, ws);
    expectTail('min', mm.min, ti.lowest({ period: 14, values: arr(x) }), {});
    expectTail('max', mm.max, ti.highest({ period: 14, values: arr(x) }), {});
    const dc = donchianOf(d, { period: 20 }, ws);
    const hi = ti.highest({ period: 20, values: arr(d.high) });
    const lo = ti.lowest({ period: 20, values: arr(d.low) });
    expectTail('donchian upper', dc.upper, hi, {});
    expectTail('donchian lower', dc.lower, lo, {});
    expectTail('donchian middle', dc.middle, hi.map((h, i) => (h + lo[i]!) / 2), {});
  });

  it('keltner with EMA middle and Wilder ATR (useSMA false)', () => {
    const lib = ti.keltnerchannels({ high: arr(d.high), low: arr(d.low), close: arr(x), maPeriod: 20, atrPeriod: 10, useSMA: false, multiplier: 2 });
    const ours = keltnerOf(d, { maPeriod: 20, atrPeriod: 10, mult: 2 }, ws);
    expectTail('keltner middle', ours.middle, lib.map((o) => o.middle), tight, true);
    // ATR: the library's WEMA updates a + (tr − a)/p, ours (a·(p − 1) + tr)/p (Wilder's form): rounding only.
    expectTail('keltner upper', ours.upper, lib.map((o) => o.upper), rolled);
    expectTail('keltner lower', ours.lower, lib.map((o) => o.lower), rolled);
  });
});
