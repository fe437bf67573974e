// Scripted backtests for execution and ledger tests: hand-built bars, and actions (orders, cancels)
// run at chosen bars through the real engine (kernel, execution, ledger, bus).
import { normalizeConfig, type RunConfig } from '../../src/config/index.js';
import { runEngine, type EngineContext, type EngineOptions, type EngineResult, type MarketBars } from '../../src/engine/index.js';
import type { CorporateActionPayload, OrderPayload, QtraderEvent } from '../../src/events/index.js';
import type { Buf } from '../../src/kernels/index.js';
import type { Decision, StrategySlice, VectorStrategy } from '../../src/strategy/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import { isoUtc } from '../../src/model/index.js';

/** 2024-01-02 09:30 America/New_York. */
export const T0 = Date.UTC(2024, 0, 2, 14, 30);

/** One bar of a script; volume defaults to 1000. */
export interface Bar {
  readonly o: number; readonly h: number; readonly l: number; readonly c: number; readonly v?: number;
  readonly vwap?: number; readonly bidO?: number; readonly askO?: number; readonly bidC?: number; readonly askC?: number;
}

/** What a scripted action can do at its bar. */
export interface ScriptCtx extends EngineContext {
  /** Publishes an order (market GTC by default) and returns its id. */
  order(p: Partial<OrderPayload> & Pick<OrderPayload, 'side' | 'quantity'>): string;
  /** Publishes a cancel request. */
  cancel(orderId: string, symbol?: string): void;
}

/** Options of a scripted run. */
export interface ScriptOptions {
  /** Bars per symbol (all the same length); a NaN bar is a gap. */
  readonly bars: Readonly<Record<string, readonly Bar[]>>;
  /** Bars per session (each session on the next calendar day); default: one session. */
  readonly session?: number;
  /** Calendar days from one session to the next (default 1; 3 jumps a weekend). */
  readonly dayStep?: (session: number) => number;
  /** Config sections over the defaults. */
  readonly config?: Record<string, unknown>;
  /** Actions by bar index (run at that bar's close); −1 runs before the first bar. */
  readonly script: Readonly<Record<number, (ctx: ScriptCtx) => void>>;
  readonly engine?: 'wasm' | 'js';
  readonly corporateActions?: readonly CorporateActionPayload[];
  /** Keep the equity of every bar. */
  readonly barEquity?: boolean;
}

/** Builds aligned bars from a script's bars, with sessions of `session` minute bars on consecutive days. */
export function scriptBars(o: Pick<ScriptOptions, 'bars' | 'session' | 'dayStep'>): MarketBars {
  const symbols = Object.keys(o.bars);
  const T = o.bars[symbols[0]!]!.length;
  const per = o.session ?? T;
  const tsMs = new Float64Array(T);
  let day = 0;
  for (let t = 0; t < T; t++) {
    const sess = Math.floor(t / per);
    if (t > 0 && t % per === 0) day += o.dayStep ? o.dayStep(sess) : 1;
    tsMs[t] = T0 + day * 86_400_000 + (t % per) * 60_000;
  }
  const dayEnd = new Uint8Array(T);
  for (let t = 0; t < T; t++) dayEnd[t] = t === T - 1 || (t + 1) % per === 0 ? 1 : 0;
  const col = (f: (b: Bar) => number | undefined, fill = NaN) => {
    const a = new Float64Array(symbols.length * T);
    symbols.forEach((s, i) => o.bars[s]!.forEach((b, t) => (a[i * T + t] = f(b) ?? fill)));
    return a;
  };
  const any = (k: keyof Bar) => symbols.some((s) => o.bars[s]!.some((b) => b[k] !== undefined));
  return {
    symbols, length: T, ts: BigInt64Array.from(tsMs, (ms) => BigInt(ms) * 1_000_000n), tsMs, dayEnd, timezone: 'America/New_York',
    open: col((b) => b.o), high: col((b) => b.h), low: col((b) => b.l), close: col((b) => b.c), volume: col((b) => (Number.isNaN(b.o) ? 0 : b.v ?? 1000)),
    ...(any('vwap') ? { vwap: col((b) => b.vwap) } : {}),
    ...(any('bidO') ? { bidOpen: col((b) => b.bidO), askOpen: col((b) => b.askO), bidClose: col((b) => b.bidC), askClose: col((b) => b.askC) } : {}),
  };
}

/** A run config for a script (commission 0 unless the test sets one). */
export function scriptConfig(symbols: readonly string[], over: Record<string, unknown> = {}, engine: 'wasm' | 'js' = 'wasm'): RunConfig {
  return normalizeConfig({
    run: { engine, id: 'script' }, data: { files: symbols.map((s) => ({ path: `${s}.csv`, symbol: s })) },
    strategy: { name: 'buy_and_hold' }, portfolio: { initial_cash: '100000' }, sizing: { method: 'fixed_quantity', quantity: 1 },
    execution: { commission: { per_share: '0', minimum: '0' } }, ...over,
  }, 'script');
}

/** The config, bars and engine options of a script (events collected into `events`, each checked against its contract). */
export function prepareScript(o: ScriptOptions): { cfg: RunConfig; bars: MarketBars; opts: EngineOptions; events: QtraderEvent[] } {
  const bars = scriptBars(o);
  const cfg = scriptConfig(bars.symbols, o.config, o.engine);
  const events: QtraderEvent[] = [];
  let ctx: ScriptCtx | undefined;
  let n = 0;
  const strategy: VectorStrategy = {
    name: 'scripted', params: {}, warmup: 1, inputs: ['close'],
    init: () => {},
    signals(slice: StrategySlice, out: Buf<Int32Array>) {
      const v = out.view();
      v.fill(0, 0, bars.symbols.length * slice.len);
      for (const k of Object.keys(o.script).map(Number)) if (k >= slice.start && k < slice.start + slice.len) v[k - slice.start] = 1;
    },
    decide(): Decision | null {
      o.script[ctx!.now()]?.(ctx!);
      return null;
    },
  };
  const opts: EngineOptions = {
    runId: 'script', keepPayloads: true, strategy, barEquity: o.barEquity ?? false, ...(o.corporateActions ? { corporateActions: o.corporateActions } : {}),
    onEvent: (e) => {
      validateEvent(e);
      events.push(e);
    },
    services: (c) => {
      const f = c.events('manager');
      const time = () => isoUtc(bars.tsMs[Math.max(c.now(), 0)]!);
      n = 0;
      ctx = {
        ...c,
        order(p) {
          const id = f.id();
          const at = time();
          c.bus.publish(f.make('order', at, {
            order_id: id, timestamp: at, symbol: bars.symbols[0]!, order_type: 'market', intent_id: id,
            idempotency_key: `k${++n}`, time_in_force: 'GTC', source_strategy_id: 's1', ...p,
          }, id, null));
          return id;
        },
        cancel(orderId, symbol) {
          const at = time();
          c.bus.publish(f.make('order_cancel', at, { order_id: orderId, timestamp: at, symbol: symbol ?? bars.symbols[0]!, strategy_id: 's1' }));
        },
      };
      o.script[-1]?.(ctx);
    },
  };
  return { cfg, bars, opts, events };
}

/** The payloads of one event type, in order. */
export type PayloadsOf = <T extends QtraderEvent['event_type']>(t: T) => Array<Extract<QtraderEvent, { event_type: T }>['payload']>;

/** Runs a script through the engine; every event is checked against its contract. */
export function runScript(o: ScriptOptions): { res: EngineResult; events: QtraderEvent[]; of: PayloadsOf } {
  const { cfg, bars, opts, events } = prepareScript(o);
  const res = runEngine(cfg, bars, opts);
  const of: PayloadsOf = (t) => events.filter((e) => e.event_type === t).map((e) => e.payload) as never;
  return { res, events, of };
}

/** A bar with the given open, high, low, close (and optional extras). */
export function bar(o: number, h: number, l: number, c: number, extra: Partial<Bar> = {}): Bar {
  return { o, h, l, c, ...extra };
}

/** n flat bars at price p (high p + 0.5, low p − 0.5). */
export function flat(n: number, p: number, extra: Partial<Bar> = {}): Bar[] {
  return Array.from({ length: n }, () => bar(p, p + 0.5, p - 0.5, p, extra));
}
