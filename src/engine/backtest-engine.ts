// The backtest engine: wires the services to the bus and drives time slices through the kernels,
// handing control to TypeScript only when an event is due (a fill, a trigger, an expiry, a signal,
// a session end).
import { ConfigError, DataError, Decimal, isoUtc } from '../model/index.js';
import { EventBus, EventFactory, EventLog, IdFactory, type CorporateActionPayload, type OrderPayload, type QtraderEvent, type SnapshotPayload } from '../events/index.js';
import {
  Workspace, SimulateKernel, orderCodes, STATUS_OK, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, EVENT_EXPIRE, EVENT_TRIGGER, type Buf, type WasmTarget,
} from '../kernels/index.js';
import { StrategyService, createStrategy, type StrategySlice, type VectorStrategy } from '../strategy/index.js';
import { PortfolioManager } from '../manager/index.js';
import { ExecutionService } from '../execution/index.js';
import { Ledger } from '../ledger/index.js';
import { ReportingService } from '../reporting/reporting-service.js';
import type { RunConfig } from '../config/index.js';
import { EngineVenue, type MarketBars } from './engine-venue.js';
import { CorporateActionSchedule } from './corporate-action-schedule.js';
import { executionConfig, ledgerConfig, runFlags } from './service-config.js';
import { SessionEnds } from './session-ends.js';

/** What an extra service gets to plug into a run (API users; tests place scripted orders this way). */
export interface EngineContext {
  readonly bus: EventBus;
  /** Makes events with the run's deterministic ids for a service named `source`. */
  readonly events: (source: string) => EventFactory;
  readonly ledger: Ledger;
  readonly execution: ExecutionService;
  /** Global index of the bar being handled (−1 before the first). */
  readonly now: () => number;
}

/** How to run. */
export interface EngineOptions {
  readonly runId: string;
  readonly target?: WasmTarget;
  /** Keep every event as JSON lines (events.jsonl). */
  readonly eventLog?: boolean;
  /** Called with every event (tests validate them against the contracts). */
  readonly onEvent?: (e: QtraderEvent) => void;
  /** Keep the equity of every bar (else only daily snapshots). */
  readonly barEquity?: boolean;
  /** Bars per slice per symbol; default: about 4M values per column per slice. */
  readonly sliceBars?: number;
  /** Keep every fill and closed trade payload in memory (tests, API users); outputs never need it. */
  readonly keepPayloads?: boolean;
  /** Progress callback: bars done of total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Corporate action records (contract data/corporate_action) to apply on their ex dates; prices must be unadjusted. */
  readonly corporateActions?: readonly CorporateActionPayload[];
  /** Extra services wired to the bus before the first bar. */
  readonly services?: (ctx: EngineContext) => void;
  /** A strategy object to run instead of the registry's `strategy.name` (API users, scripted tests). */
  readonly strategy?: VectorStrategy;
}

/** Everything a finished run knows; reporting turns it into files. */
export interface EngineResult {
  readonly runId: string;
  readonly bars: MarketBars;
  readonly reporting: ReportingService;
  readonly ledger: Ledger;
  readonly finalSnapshot: SnapshotPayload;
  readonly unfilled: OrderPayload[];
  /** Equity per bar (when asked for), else empty. */
  readonly barEquity: Float64Array;
  readonly eventLog: EventLog | undefined;
  readonly signalsSeen: number;
  /** Notes for the run result's `flags` (optimistic fill policy, ignored corporate actions). */
  readonly flags: string[];
  /** Bars where both legs of a bracket could fill and `execution.intrabar` chose which. */
  readonly ambiguousBars: number;
}

/** Checks what must hold before the loop starts, with messages that say how to fix it. */
function checkPreconditions(cfg: RunConfig, bars: MarketBars, warmup: number, label: string): void {
  if (bars.length === 0) throw new DataError('no bars in the selected date range: widen data.start/data.end or check the files');
  const T = bars.length;
  for (let s = 0; s < bars.symbols.length; s++) {
    let valid = 0;
    const base = s * T;
    for (let t = 0; t < T && valid < warmup; t++) if (bars.close[base + t] === bars.close[base + t]) valid++;
    if (valid < warmup) {
      throw new DataError(`symbol ${bars.symbols[s]} has ${valid} bars; ${label} needs at least ${warmup} to signal: use a longer date range or shorter windows`);
    }
  }
  const ex = cfg.execution;
  if (ex.fill_policy === 'vwap_next_bar' && !bars.vwap) throw new ConfigError('`execution.fill_policy` vwap_next_bar needs a vwap column in the data; the loaded bars have none: choose next_open, next_close or same_close');
  if (ex.slippage.model === 'spread' && !(bars.bidOpen && bars.askOpen && bars.bidClose && bars.askClose)) {
    throw new ConfigError('`execution.slippage.model` spread needs bid/ask quote columns (trade-and-quote data); the loaded bars have none: choose fixed_bps, fixed_ticks or volume_share');
  }
}

const POLICY = { worst_case: orderCodes.POLICY_WORST, best_case: orderCodes.POLICY_BEST, ohlc_path: orderCodes.POLICY_PATH } as const;

/** Runs one backtest of `cfg` over aligned bars. */
export function runEngine(cfg: RunConfig, bars: MarketBars, opts: EngineOptions): EngineResult {
  const strategy = opts.strategy ?? createStrategy(cfg.strategy.name, cfg.strategy.params);
  const label = `${strategy.name}(${Object.entries(strategy.params).map(([k, v]) => `${k}=${v}`).join(', ')})`;
  checkPreconditions(cfg, bars, strategy.warmup, label);

  const T = bars.length;
  const nsym = bars.symbols.length;
  const symbols = bars.symbols;
  const symIndex = new Map(symbols.map((s, i) => [s, i] as const));
  const ws = new Workspace(cfg.run.engine, opts.target ?? 'release');
  const ex = cfg.execution;
  const sim = new SimulateKernel(ws, nsym, { participation: ex.participation ?? 0, ticks: Math.round(1 / Number(ex.tick_size)), policy: POLICY[ex.intrabar] });
  const venue = new EngineVenue(sim, bars, symIndex);

  // the services, each talking to the others only through the bus
  const bus = new EventBus();
  const ids = new IdFactory(opts.runId);
  const eventLog = opts.eventLog ? new EventLog() : undefined;
  if (eventLog) bus.subscribe('*', (e) => eventLog.append(e));
  if (opts.onEvent) bus.subscribe('*', opts.onEvent);
  const reporting = new ReportingService(bus, opts.keepPayloads ?? false);
  const markOf = (symbol: string): number => {
    const s = venue.symbolIndex(symbol);
    return s === undefined ? 0 : sim.mark(s);
  };
  const ledger = new Ledger(bus, new EventFactory(ids, 'ledger'), ledgerConfig(cfg, opts.runId, isoUtc(bars.tsMs[0]!)), markOf);
  const execution = new ExecutionService(bus, new EventFactory(ids, 'execution'), executionConfig(cfg), venue, ledger);
  new PortfolioManager(bus, new EventFactory(ids, 'manager'), ledger, {
    sizing: cfg.sizing, allowShort: cfg.portfolio.allow_short, estimateCommission: (q: Decimal, p: Decimal) => execution.commission.of(q, p),
  });
  const strategyService = new StrategyService(bus, new EventFactory(ids, 'strategy'), strategy, cfg.strategy.id, symbols);
  sim.cash = new Decimal(cfg.portfolio.initial_cash).toNumber();
  const sessions = new SessionEnds(cfg, bus, new EventFactory(ids, 'data'), venue, ledger, execution, sim,
    new CorporateActionSchedule(opts.corporateActions ?? [], symbols));
  opts.services?.({ bus, events: (source) => new EventFactory(ids, source), ledger, execution, now: () => venue.current });

  // slice buffers in the kernel arena, sized once; volume only when something reads it
  const sliceBars = Math.max(1, Math.min(T, opts.sliceBars ?? Math.max(4096, Math.floor((1 << 22) / nsym))));
  const cols = nsym * sliceBars;
  const inputs = new Set(strategy.inputs);
  const needVolume = inputs.has('volume') || (ex.participation ?? 0) > 0;
  const optCol = (c: Float64Array | undefined): Buf<Float64Array> | undefined => (c ? ws.f64(cols) : undefined);
  const buf = {
    open: ws.f64(cols), high: ws.f64(cols), low: ws.f64(cols), close: ws.f64(cols), volume: ws.f64(needVolume ? cols : 0),
    vwap: optCol(bars.vwap), bidOpen: optCol(bars.bidOpen), askOpen: optCol(bars.askOpen), bidClose: optCol(bars.bidClose), askClose: optCol(bars.askClose),
    signal: ws.i32(cols), dayEnd: ws.u8(sliceBars), equity: ws.f64(sliceBars),
  };
  strategyService.init(ws);
  const barEquity = new Float64Array(opts.barEquity ? T : 0);
  const snapshotEvery = cfg.ledger.snapshots === 'bars' ? cfg.ledger.snapshot_bars! : 0;

  for (let start = 0; start < T; start += sliceBars) {
    const len = Math.min(sliceBars, T - start);
    const view = <B extends Buf<Float64Array>>(b: B): B => b.sub(0, nsym * len) as B;
    const optView = (b: Buf<Float64Array> | undefined, src: Float64Array | undefined): Buf<Float64Array> | undefined => {
      if (!b || !src) return undefined;
      const v = view(b);
      copyColumn(src, v, nsym, T, start, len);
      return v;
    };
    const slice: StrategySlice = { open: view(buf.open), high: view(buf.high), low: view(buf.low), close: view(buf.close), volume: needVolume ? view(buf.volume) : buf.volume, len, start };
    // 1. copy the slice's columns into the arena, symbol-major with stride len
    copyColumn(bars.open, slice.open, nsym, T, start, len);
    copyColumn(bars.high, slice.high, nsym, T, start, len);
    copyColumn(bars.low, slice.low, nsym, T, start, len);
    copyColumn(bars.close, slice.close, nsym, T, start, len);
    if (needVolume) copyColumn(bars.volume, slice.volume, nsym, T, start, len);
    const dayEnd = buf.dayEnd.sub(0, len);
    const de = dayEnd.view();
    de.set(bars.dayEnd.subarray(start, start + len));
    // bit 1: a snapshot is due after this bar (ledger.snapshots: bars)
    if (snapshotEvery > 0) for (let i = 0; i < len; i++) if ((start + i + 1) % snapshotEvery === 0) de[i]! |= 2;
    const signal = buf.signal.sub(0, nsym * len);
    const equity = buf.equity.sub(0, len);
    // 2. the strategy's kernels compute the whole slice's signal column
    strategyService.signals(slice, signal);
    // 3. walk the slice; 4. handle each event in TypeScript, push the book back, resume
    sim.beginSlice();
    const sliceArgs = {
      open: slice.open, high: slice.high, low: slice.low, close: slice.close, volume: needVolume ? slice.volume : undefined,
      vwap: optView(buf.vwap, bars.vwap), bidOpen: optView(buf.bidOpen, bars.bidOpen), askOpen: optView(buf.askOpen, bars.askOpen),
      bidClose: optView(buf.bidClose, bars.bidClose), askClose: optView(buf.askClose, bars.askClose), signal, dayEnd, equity,
    };
    for (;;) {
      const code = sim.step(sliceArgs, len, start);
      if (code === STATUS_OK) break;
      const t = start + sim.eventIndex;
      venue.current = t;
      const s = sim.eventSymbol;
      if (code === EVENT_FILL) {
        // the ledger books the fill on the bus; the kernel's book follows before the bar is valued
        execution.onFill(sim.eventSlot, sim.fill);
        sync(s);
      } else if (code === EVENT_SIGNAL) {
        strategyService.onSignalBar(s, signal.view()[s * len + sim.eventIndex]!, bars.tsMs[t]!, bars.close[s * T + t]!);
        sync(s);
      } else if (code === EVENT_TRIGGER) {
        execution.onTrigger(sim.eventSlot);
      } else if (code === EVENT_EXPIRE) {
        execution.onExpire(sim.eventSlot);
      } else if (code === EVENT_DAY_END) {
        // a fresh view: the order table may have grown the arena (and detached older views) since the slice began
        sessions.onBoundary(t, dayEnd.view()[sim.eventIndex]!);
      }
    }
    if (opts.barEquity) barEquity.set(equity.view(), start);
    opts.onProgress?.(start + len, T);
  }
  venue.current = T - 1;
  const end = isoUtc(bars.tsMs[T - 1]!);
  let finalSnapshot = sessions.lastSnapshot;
  if (!finalSnapshot || finalSnapshot.snapshot_datetime !== end) finalSnapshot = ledger.snapshot(end);
  ledger.publishOpenTrades(end);
  return {
    runId: opts.runId, bars, reporting, ledger, finalSnapshot, unfilled: execution.unfilled(), barEquity, eventLog,
    signalsSeen: strategyService.signalCount, flags: runFlags(cfg, ledger), ambiguousBars: sim.orders.ambiguous,
  };

  // cash and symbol s's position as the ledger now has them
  function sync(s: number): void {
    sim.cash = ledger.cashNumber();
    sim.setPosition(s, ledger.positionNumber(venue.columnSymbol[s]!));
  }
}

/** Copies [start, start+len) of each symbol's series (stride T) into a slice buffer (stride len). */
function copyColumn(src: Float64Array, dst: Buf<Float64Array>, nsym: number, T: number, start: number, len: number): void {
  const v = dst.view();
  for (let s = 0; s < nsym; s++) v.set(src.subarray(s * T + start, s * T + start + len), s * len);
}
