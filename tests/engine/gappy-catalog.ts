// A small catalog with gaps for the streaming tests: 3 symbols × 4 sessions of minute bars, where
// BBB misses every 13th bar and CCC starts a session late (NaN prices there once aligned).
import { join } from 'node:path';
import { generateBars, writeSeriesToCatalog } from '../../src/data/index.js';
import type { BarSeries } from '../../src/model/index.js';

/** Writes the catalog into `dir`/cat (row groups of 300 rows) and returns its path. */
export function writeGappyCatalog(dir: string): string {
  const series = generateBars({ symbols: ['AAA', 'BBB', 'CCC'], bars: 4 * 390, seed: 11 });
  const keep = (s: BarSeries, f: (i: number) => boolean): BarSeries => {
    const idx = [...s.ts.keys()].filter(f);
    const pick = (c: Float64Array) => Float64Array.from(idx, (i) => c[i]!);
    return { symbol: s.symbol, ts: BigInt64Array.from(idx, (i) => s.ts[i]!), open: pick(s.open), high: pick(s.high), low: pick(s.low), close: pick(s.close), volume: pick(s.volume) };
  };
  const cat = join(dir, 'cat');
  writeSeriesToCatalog(cat, [series[0]!, keep(series[1]!, (i) => i % 13 !== 5), keep(series[2]!, (i) => i >= 390)], { rowGroupRows: 300 });
  return cat;
}
