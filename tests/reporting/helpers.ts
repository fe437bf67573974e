// Shared fixtures of the reporting tests: a small real run on synthetic minute bars.
import { alignBars, generateBars } from '../../src/data/index.js';
import { normalizeConfig, type RunConfig } from '../../src/config/index.js';
import type { AlignedBars } from '../../src/model/index.js';

export const ZONE = 'America/New_York';

/** Synthetic minute bars of `symbols` (seeded, 390 a session), aligned. */
export function syntheticBars(symbols: string[], bars: number, seed = 11): AlignedBars {
  return alignBars(generateBars({ symbols, bars, seed, start: '2024-01-02', zone: ZONE }), ZONE, {});
}

/** An SMA-cross config over `symbols` with reporting/output overrides. */
export function runConfig(symbols: string[], over: { reporting?: Record<string, unknown>; output?: Record<string, unknown>; strategy?: Record<string, unknown> } = {}): RunConfig {
  return normalizeConfig({
    run: { engine: 'wasm', id: 'report-test' },
    data: { files: symbols.map((s) => ({ path: `${s}.csv`, symbol: s })) },
    strategy: over.strategy ?? { name: 'sma_cross', params: { fast: 20, slow: 80 } },
    portfolio: { initial_cash: '100000' },
    sizing: { method: 'fixed_fraction', fraction: 0.4 },
    execution: { commission: { per_share: '0.005', minimum: '1' } },
    reporting: { rolling_window: 10, ...(over.reporting ?? {}) },
    output: { ...(over.output ?? {}) },
  }, 'test');
}
