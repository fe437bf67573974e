// Shared pieces of the sweep tests: a small config, synthetic data, and byte comparison of output folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateBars } from '../../src/data/index.js';
import { normalizeSweepConfig, type SweepConfig } from '../../src/sweep/sweep-config.js';
import type { BarSeries } from '../../src/model/index.js';
import { centWalk, lcg } from '../helpers/random.js';

/** A sweep config object (as YAML would give) over `symbols` with a 7 × 6 grid of SMA windows. */
export function rawConfig(over: Record<string, unknown> = {}, symbols = ['AAA']): Record<string, unknown> {
  return {
    data: { files: symbols.map((s) => ({ path: `${s}.csv`, symbol: s })) },
    strategy: {
      name: 'sma_cross',
      params: { fast: { from: 2, to: 20, step: 3 }, slow: { from: 25, to: 100, step: 15 } },
      constraints: ['fast < slow'],
    },
    rank: { metric: 'sharpe', top: 5 },
    portfolio: { initial_cash: '100000' },
    sizing: { method: 'fixed_quantity', quantity: 100 },
    execution: { commission: { per_share: '0.005', minimum: '1' } },
    ...over,
  };
}

/** The validated config of {@link rawConfig}. */
export function sweepConfig(over: Record<string, unknown> = {}, symbols = ['AAA']): SweepConfig {
  return normalizeSweepConfig(rawConfig(over, symbols), 'test');
}

/** Deterministic minute bars (about 51 sessions for 20,000 bars). */
export function bars(symbols = ['AAA'], n = 20_000, seed = 11): BarSeries[] {
  return generateBars({ symbols, bars: n, seed, start: '2024-01-02', zone: 'America/New_York' });
}

/** Every file under `dir` (relative path → bytes). */
export function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Asserts two output folders hold the same files with the same bytes; returns the file names. */
export function sameFiles(a: string, b: string, expect: (x: unknown, msg?: string) => { toEqual(y: unknown): void; toBe(y: unknown): void }): string[] {
  const fa = filesOf(a), fb = filesOf(b);
  expect([...fa.keys()]).toEqual([...fb.keys()]);
  for (const [name, bytes] of fa) expect(bytes.equals(fb.get(name)!), `${name} differs`).toBe(true);
  return [...fa.keys()];
}

/** Opens near the closes, NaN exactly where the close is NaN; day ends every 17–60 bars. */
export function market(n: number, seed: number, nanRate: number) {
  const close = centWalk(n, seed, { step: 0.3, nanRate });
  const open = Float64Array.from(close, (c, i) => (Number.isNaN(c) ? NaN : Math.round((c + ((i * 7919) % 11 - 5) / 100) * 100) / 100));
  const r = lcg(seed + 7);
  const dayEnd = new Uint8Array(n);
  for (let t = 0; t < n; t += 17 + Math.floor(r() * 44)) dayEnd[t] = 1;
  return { open, close, dayEnd };
}
