// The engine's MarketView reads only bars up to the current one: its answers match a direct
// computation over the past bars, and do not change when every later bar is rewritten.
import { describe, it, expect } from 'vitest';
import { EngineMarketView } from '../../src/engine/market-view.js';
import { scriptBars, bar, type Bar } from '../engine/script.js';
import type { AlignedBars } from '../../src/model/index.js';

/** 3 sessions of 5 bars; AAA has a gap at bar 6; BBB trades 10× the volume. */
function bars(): AlignedBars {
  const a: Bar[] = [];
  const b: Bar[] = [];
  for (let t = 0; t < 15; t++) {
    const c = 10 + Math.sin(t) * 2 + t * 0.1;
    a.push(t === 6 ? bar(NaN, NaN, NaN, NaN) : bar(c - 0.2, c + 0.5 + (t % 3) * 0.1, c - 0.4, c, { v: 100 + t }));
    b.push(bar(20 + t, 21 + t, 19 + t, 20.5 + t, { v: 1000 + 10 * t }));
  }
  return scriptBars({ bars: { AAA: a, BBB: b }, session: 5 });
}

/** Valid (t, o, h, l, c, v) of one symbol up to `t`, directly from the columns. */
function past(x: AlignedBars, s: number, t: number) {
  const out: { h: number; l: number; c: number }[] = [];
  for (let k = 0; k <= t; k++) {
    const i = s * x.length + k;
    if (!Number.isNaN(x.close[i]!)) out.push({ h: x.high[i]!, l: x.low[i]!, c: x.close[i]! });
  }
  return out;
}

function refAtr(x: AlignedBars, s: number, t: number, w: number): number {
  const p = past(x, s, t);
  if (p.length < w + 1) return NaN;
  let sum = 0;
  for (let k = p.length - w; k < p.length; k++) sum += Math.max(p[k]!.h, p[k - 1]!.c) - Math.min(p[k]!.l, p[k - 1]!.c);
  return sum / w;
}

function refStdev(x: AlignedBars, s: number, t: number, w: number): number {
  const p = past(x, s, t);
  if (p.length < w + 1) return NaN;
  const r: number[] = [];
  for (let k = p.length - w; k < p.length; k++) r.push(p[k]!.c / p[k - 1]!.c - 1);
  const m = r.reduce((a, v) => a + v, 0) / w;
  return Math.sqrt(r.reduce((a, v) => a + (v - m) ** 2, 0) / (w - 1));
}

describe('engine market view', () => {
  it('matches a direct computation over the past bars at every bar', () => {
    const x = bars();
    let now = -1;
    const mv = new EngineMarketView(x, () => now);
    expect(mv.close('AAA')).toBeNaN();
    expect(mv.session()).toBe(-1);
    for (now = 0; now < x.length; now++) {
      for (const [s, sym] of [[0, 'AAA'], [1, 'BBB']] as const) {
        const p = past(x, s, now);
        expect(mv.close(sym)).toBe(p[p.length - 1]!.c);
        const a = refAtr(x, s, now, 3);
        if (Number.isNaN(a)) expect(mv.atr(sym, 3)).toBeNaN();
        else expect(mv.atr(sym, 3)).toBeCloseTo(a, 12);
        const d = refStdev(x, s, now, 4);
        if (Number.isNaN(d)) expect(mv.returnStdev(sym, 4)).toBeNaN();
        else expect(mv.returnStdev(sym, 4)).toBeCloseTo(d, 12);
      }
      expect(mv.session()).toBe(Math.floor(now / 5));
    }
  });

  it('averages volume over complete sessions before the current one', () => {
    const x = bars();
    let now = 4;
    const mv = new EngineMarketView(x, () => now);
    expect(mv.averageDailyVolume('BBB', 20)).toBeNaN(); // session 0 has not closed
    now = 5;
    // session 0 of BBB: 1000 + 1010 + 1020 + 1030 + 1040 = 5100
    expect(mv.averageDailyVolume('BBB', 20)).toBe(5100);
    now = 12;
    // sessions 0 and 1: (5100 + 5350) / 2 = 5225; the last one only: 5350
    expect(mv.averageDailyVolume('BBB', 20)).toBe(5225);
    expect(mv.averageDailyVolume('BBB', 1)).toBe(5350);
    // AAA's gap holds zero volume: session 1 is 105 + 0 + 107 + 108 + 109 = 429
    expect(mv.averageDailyVolume('AAA', 1)).toBe(429);
    expect(mv.averageDailyVolume('ZZZ', 1)).toBeNaN();
    expect(mv.close('ZZZ')).toBeNaN();
    expect(mv.atr('ZZZ', 3)).toBeNaN();
    expect(mv.returnStdev('ZZZ', 3)).toBeNaN();
    expect(mv.symbols()).toEqual(['AAA', 'BBB']);
  });

  it('cannot see a later bar: rewriting every bar after now changes no answer', () => {
    for (const t of [3, 6, 7, 10, 13]) {
      const x = bars();
      const mv = new EngineMarketView(x, () => t);
      const ask = () => ['AAA', 'BBB'].flatMap((s) => [mv.close(s), mv.atr(s, 3), mv.returnStdev(s, 4), mv.averageDailyVolume(s, 2), mv.session()]);
      const before = ask();
      const y = bars();
      const mv2 = new EngineMarketView(y, () => t);
      for (const col of [y.open, y.high, y.low, y.close, y.volume]) {
        for (let s = 0; s < 2; s++) for (let k = t + 1; k < y.length; k++) col[s * y.length + k] = 1e9 + k;
      }
      y.dayEnd.fill(1, t);
      const after = ['AAA', 'BBB'].flatMap((s) => [mv2.close(s), mv2.atr(s, 3), mv2.returnStdev(s, 4), mv2.averageDailyVolume(s, 2), mv2.session()]);
      expect(after).toEqual(before);
    }
  });
});
