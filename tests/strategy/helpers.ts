// Hand-built bars and one-call engine runs for the strategy tests.
import { normalizeConfig, type RunConfig } from '../../src/config/index.js';
import { runEngine, type EngineOptions, type EngineResult, type MarketBars } from '../../src/engine/index.js';
import type { QtraderEvent } from '../../src/events/index.js';
import { validateEvent } from '../../src/events/contracts.js';

/** 2024-01-02 09:30 America/New_York (a Tuesday). */
export const T0 = Date.UTC(2024, 0, 2, 14, 30);
export const DAY = 86_400_000;

/** One symbol's bars: closes, and optionally opens/highs/lows (default: open = previous close, high/low = max/min(open, close) ± 0.5). */
export interface SymbolBars {
  readonly close: readonly number[];
  readonly open?: readonly number[];
  readonly high?: readonly number[];
  readonly low?: readonly number[];
}

/**
 * Aligned bars of several symbols (same length; NaN close = no bar). `times` gives each bar's UTC ms
 * (default: one minute apart from T0, one session); a session ends where the next bar is on another
 * UTC day or at the last bar.
 */
export function makeBars(series: Readonly<Record<string, SymbolBars>>, times?: readonly number[]): MarketBars {
  const symbols = Object.keys(series);
  const T = series[symbols[0]!]!.close.length;
  const tsMs = Float64Array.from(times ?? Array.from({ length: T }, (_, t) => T0 + t * 60_000));
  const dayEnd = new Uint8Array(T);
  for (let t = 0; t < T; t++) dayEnd[t] = t === T - 1 || Math.floor(tsMs[t + 1]! / DAY) !== Math.floor(tsMs[t]! / DAY) ? 1 : 0;
  const open = new Float64Array(symbols.length * T), high = new Float64Array(symbols.length * T), low = new Float64Array(symbols.length * T);
  const close = new Float64Array(symbols.length * T), volume = new Float64Array(symbols.length * T);
  symbols.forEach((s, i) => {
    const b = series[s]!;
    for (let t = 0; t < T; t++) {
      const c = b.close[t]!;
      const o = b.open?.[t] ?? (t > 0 && b.close[t - 1] === b.close[t - 1] ? b.close[t - 1]! : c);
      const k = i * T + t;
      close[k] = c;
      open[k] = Number.isNaN(c) ? NaN : o;
      high[k] = Number.isNaN(c) ? NaN : b.high?.[t] ?? Math.max(o, c) + 0.5;
      low[k] = Number.isNaN(c) ? NaN : b.low?.[t] ?? Math.min(o, c) - 0.5;
      volume[k] = Number.isNaN(c) ? 0 : 1000;
    }
  });
  return {
    symbols, length: T, ts: BigInt64Array.from(tsMs, (ms) => BigInt(ms) * 1_000_000n), tsMs, dayEnd, timezone: 'America/New_York',
    open, high, low, close, volume,
  };
}

/** A run config for hand-built bars: no commission, fixed quantity 10 unless overridden. */
export function config(symbols: readonly string[], over: Record<string, unknown> = {}): RunConfig {
  return normalizeConfig({
    run: { id: 'strategy-test' }, data: { files: symbols.map((s) => ({ path: `${s}.csv`, symbol: s })) },
    ...('strategies' in over ? {} : { strategy: { name: 'buy_and_hold' } }), portfolio: { initial_cash: '100000' }, sizing: { method: 'fixed_quantity', quantity: 10 },
    execution: { commission: { per_share: '0', minimum: '0' } }, ...over,
  }, 'test');
}

/** Runs the engine; every event is checked against its contract and kept. */
export function run(cfg: RunConfig, bars: MarketBars, opts: Partial<EngineOptions> = {}): { res: EngineResult; events: QtraderEvent[]; of: <T extends QtraderEvent['event_type']>(t: T) => Array<Extract<QtraderEvent, { event_type: T }>['payload']> } {
  const events: QtraderEvent[] = [];
  const res = runEngine(cfg, bars, {
    runId: 'strategy-test', keepPayloads: true, ...opts,
    onEvent: (e) => {
      validateEvent(e);
      events.push(e);
    },
  });
  return { res, events, of: (t) => events.filter((e) => e.event_type === t).map((e) => e.payload) as never };
}

/** Timeline index of each signal (by its timestamp) with its symbol and intention: `t:SYM:INTENTION`. */
export function signalsAt(bars: MarketBars, signals: ReadonlyArray<{ timestamp: string; symbol: string; intention: string }>): string[] {
  const index = new Map<number, number>();
  bars.tsMs.forEach((ms, t) => index.set(ms, t));
  return signals.map((s) => `${index.get(Date.parse(s.timestamp))}:${s.symbol}:${s.intention}`);
}
