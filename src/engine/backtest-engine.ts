// The backtest engine: wires the services to the bus and drives time slices through the kernels,
// handing control to TypeScript only when an event is due (a fill, a trigger, an expiry, a signal,
// a session end).
import { ConfigError, DataError, Decimal, isoUtc } from '../model/index.js';
import { EventBus, EventFactory, EventLog, IdFactory, type CorporateActionPayload, type OrderPayload, type QtraderEvent, type SnapshotPayload } from '../events/index.js';
import {
  Workspace, SimulateKernel, orderCodes, STATUS_OK, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, EVENT_EXPIRE, EVENT_TRIGGER, EVENT_WATCH, type Buf, type WasmTarget,
} from '../kernels/index.js';
import { StrategySet, planStrategies, type AnyStrategy, type StrategySlice } from '../strategy/index.js';
import { PortfolioManager } from '../manager/index.js';
import { ExecutionService } from '../execution/index.js';
import { Ledger } from '../ledger/index.js';
import { ReportingService } from '../reporting/reporting-service.js';
import type { RunConfig } from '../config/index.js';
import { EngineVenue, type MarketBars } from './engine-venue.js';
import { isMarketSource, memorySource, type ExecutionColumn, type MarketSource } from './market-source.js';
import { SliceFeed } from './slice-feed.js';
import { engineMarketView, marketWindows } from './stream-market-view.js';
import { CorporateActionSchedule } from './corporate-action-schedule.js';
import { executionConfig, ledgerConfig, runFlags, strategyBudgets } from './service-config.js';
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
  /** Bars per slice per symbol when running on whole bars; default: about 128K values per column per slice (a MarketSource has its own). */
  readonly sliceBars?: number;
  /** Keep every fill and closed trade payload in memory (tests, API users); outputs never need it. */
  readonly keepPayloads?: boolean;
  /** Progress callback: bars done of total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Corporate action records (contract data/corporate_action) to apply on their ex dates; prices must be unadjusted. */
  readonly corporateActions?: readonly CorporateActionPayload[];
  /** Extra services wired to the bus before the first bar. */
  readonly services?: (ctx: EngineContext) => void;
  /** A strategy object (vectorised or event-driven) to run instead of the first configured one (API users, scripted tests). */
  readonly strategy?: AnyStrategy;
}

/** Everything a finished run knows; reporting turns it into files. */
export interface EngineResult {
  readonly runId: string;
  /** The whole bars, when the run was given them in memory (a streamed run keeps none). */
  readonly bars: MarketBars | undefined;
  /** The run's timeline: ms of every timestamp. */
  readonly timeMs: Float64Array;
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

/**
 * Checks what must hold before the loop starts, with messages that say how to fix it. The warm-up
 * (valid bars per symbol) of whole bars is checked here; a streamed run counts as it goes and is
 * checked by the returned counter at its end.
 */
function checkPreconditions(cfg: RunConfig, feed: SliceFeed, warmup: number, label: string): WarmupCheck {
  if (!feed.ensure(0)) throw new DataError('no bars in the selected date range: widen data.start/data.end or check the files');
  const src = feed.source;
  const warm = new WarmupCheck(src.symbols, warmup, label);
  if (src.whole) {
    warm.add(src.whole);
    warm.finish();
  }
  const has = (c: ExecutionColumn): boolean => src.columns.has(c);
  const ex = cfg.execution;
  if (ex.fill_policy === 'vwap_next_bar' && !has('vwap')) throw new ConfigError('`execution.fill_policy` vwap_next_bar needs a vwap column in the data; the loaded bars have none: choose next_open, next_close or same_close');
  if (ex.slippage.model === 'spread' && !(has('bidOpen') && has('askOpen') && has('bidClose') && has('askClose'))) {
    throw new ConfigError('`execution.slippage.model` spread needs bid/ask quote columns (trade-and-quote data); the loaded bars have none: choose fixed_bps, fixed_ticks or volume_share');
  }
  return warm;
}

/** Counts valid closes per symbol until each has `warmup` of them. */
class WarmupCheck {
  private readonly valid: Int32Array;
  private short: number;

  constructor(private readonly symbols: readonly string[], private readonly warmup: number, private readonly label: string) {
    this.valid = new Int32Array(symbols.length);
    this.short = warmup > 0 ? symbols.length : 0;
  }

  add(bars: MarketBars): void {
    if (this.short === 0) return;
    const T = bars.length;
    for (let s = 0; s < this.symbols.length; s++) {
      let v = this.valid[s]!;
      if (v >= this.warmup) continue;
      const base = s * T;
      for (let t = 0; t < T && v < this.warmup; t++) if (bars.close[base + t] === bars.close[base + t]) v++;
      this.valid[s] = v;
      if (v >= this.warmup) this.short--;
    }
  }

  /** Throws for the first symbol with fewer than `warmup` valid bars. */
  finish(): void {
    if (this.short === 0) return;
    const s = this.valid.findIndex((v) => v < this.warmup);
    throw new DataError(`symbol ${this.symbols[s]} has ${this.valid[s]} bars; ${this.label} needs at least ${this.warmup} to signal: use a longer date range or shorter windows`);
  }
}

/** Values per column of one slice of whole bars in memory (timestamps × symbols), unless `sliceBars` says otherwise. */
const DEFAULT_SLICE_VALUES = 1 << 17;

const POLICY = { worst_case: orderCodes.POLICY_WORST, best_case: orderCodes.POLICY_BEST, ohlc_path: orderCodes.POLICY_PATH } as const;

/**
 * Runs one backtest of `cfg` over aligned bars: whole bars in memory (cut into slices of
 * `opts.sliceBars`) or a MarketSource streaming slices (e.g. from a catalog, in bounded memory).
 * The outputs do not depend on where the slices are cut.
 */
export function runEngine(cfg: RunConfig, input: MarketBars | MarketSource, opts: EngineOptions): EngineResult {
  // every strategy of the run (registry names, loaded files); the longest warm-up is checked
  // (the first is `cfg.strategy`, so that code replacing it in a config object keeps working)
  const planned = planStrategies([cfg.strategy, ...(cfg.strategies ?? []).slice(1)], opts.strategy);
  const longest = planned.reduce((a, b) => (b.warmup > a.warmup ? b : a));
  // about 128K values per column per slice: the slice's columns and the arena's copy stay in cache
  // (4M per slice ran the copy, the kernels and the valuation at memory speed, and sized the arena by it)
  const source = isMarketSource(input) ? input : memorySource(input, Math.max(1, Math.min(input.length, opts.sliceBars ?? Math.max(4096, Math.floor(DEFAULT_SLICE_VALUES / input.symbols.length)))));
  const feed = new SliceFeed(source);
  const warm = checkPreconditions(cfg, feed, longest.warmup, longest.label);

  const nsym = source.symbols.length;
  const symbols = source.symbols;
  const symIndex = new Map(symbols.map((s, i) => [s, i] as const));
  const ws = new Workspace(cfg.run.engine, opts.target ?? 'release');
  const ex = cfg.execution;
  const sim = new SimulateKernel(ws, nsym, { participation: ex.participation ?? 0, ticks: Math.round(1 / Number(ex.tick_size)), policy: POLICY[ex.intrabar] });
  const venue = new EngineVenue(sim, feed, symIndex, symbols, source.timezone);

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
  const ledger = new Ledger(bus, new EventFactory(ids, 'ledger'), ledgerConfig(cfg, opts.runId, isoUtc(feed.timeMs(0))), markOf);
  const execution = new ExecutionService(bus, new EventFactory(ids, 'execution'), executionConfig(cfg), venue, ledger);
  const manager = new PortfolioManager(bus, new EventFactory(ids, 'manager'), ledger, {
    sizing: cfg.sizing, allowShort: cfg.portfolio.allow_short, estimateCommission: (q: Decimal, p: Decimal) => execution.commission.of(q, p),
    ...(cfg.risk ? { policy: cfg.risk } : {}), market: engineMarketView(feed, venue, symbols, marketWindows(cfg.risk)),
    budgets: strategyBudgets(cfg),
    // the halts' equity watch: the kernel stops at a bar whose equity is at or below the level
    watch: (level: number) => {
      sim.watch = level;
    },
  });
  const strategies = new StrategySet(planned, { bus, events: new EventFactory(ids, 'strategy'), symbols, timezone: source.timezone ?? cfg.data.timezone });
  sim.cash = new Decimal(cfg.portfolio.initial_cash).toNumber();
  const sessions = new SessionEnds(cfg, bus, new EventFactory(ids, 'data'), venue, ledger, execution, sim,
    new CorporateActionSchedule(opts.corporateActions ?? [], symbols));
  opts.services?.({ bus, events: (source) => new EventFactory(ids, source), ledger, execution, now: () => venue.current });

  // slice buffers in the kernel arena, sized once; volume only when something reads it
  const sliceBars = source.sliceRows;
  const cols = nsym * sliceBars;
  const inputs = strategies.inputs;
  const needVolume = inputs.has('volume') || (ex.participation ?? 0) > 0;
  const optCol = (c: ExecutionColumn): Buf<Float64Array> | undefined => (source.columns.has(c) ? ws.f64(cols) : undefined);
  const buf = {
    open: ws.f64(cols), high: ws.f64(cols), low: ws.f64(cols), close: ws.f64(cols), volume: ws.f64(needVolume ? cols : 0),
    vwap: optCol('vwap'), bidOpen: optCol('bidOpen'), askOpen: optCol('askOpen'), bidClose: optCol('bidClose'), askClose: optCol('askClose'),
    signal: ws.i32(cols), dayEnd: ws.u8(sliceBars), equity: ws.f64(sliceBars),
  };
  strategies.init(ws, cols);
  let barEquity: Float64Array = new Float64Array(opts.barEquity ? Math.max(1, source.plannedLength) : 0);
  const snapshotEvery = cfg.ledger.snapshots === 'bars' ? cfg.ledger.snapshot_bars! : 0;

  // slices in timeline order; the feed reads ahead only when a question needs a later bar
  for (let bars = feed.next(); bars; bars = feed.next()) {
    const start = bars.offset;
    const len = bars.length;
    warm.add(bars);
    const view = <B extends Buf<Float64Array>>(b: B): B => b.sub(0, nsym * len) as B;
    const optView = (b: Buf<Float64Array> | undefined, src: Float64Array | undefined): Buf<Float64Array> | undefined => {
      if (!b || !src) return undefined;
      const v = view(b);
      copyColumn(src, v, nsym, len);
      return v;
    };
    const slice: StrategySlice = { open: view(buf.open), high: view(buf.high), low: view(buf.low), close: view(buf.close), volume: needVolume ? view(buf.volume) : buf.volume, len, start };
    // 1. copy the slice's columns into the arena, symbol-major with stride len
    copyColumn(bars.open, slice.open, nsym, len);
    copyColumn(bars.high, slice.high, nsym, len);
    copyColumn(bars.low, slice.low, nsym, len);
    copyColumn(bars.close, slice.close, nsym, len);
    if (needVolume) copyColumn(bars.volume, slice.volume, nsym, len);
    const dayEnd = buf.dayEnd.sub(0, len);
    const de = dayEnd.view();
    de.set(bars.dayEnd);
    // bit 1: a snapshot is due after this bar (ledger.snapshots: bars)
    if (snapshotEvery > 0) for (let i = 0; i < len; i++) if ((start + i + 1) % snapshotEvery === 0) de[i]! |= 2;
    const signal = buf.signal.sub(0, nsym * len);
    const equity = buf.equity.sub(0, len);
    // 2. the strategy's kernels compute the whole slice's signal column
    strategies.signals(slice, signal);
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
        // every strategy whose column is non-zero here decides; an event-driven one (onBar, marked on
        // symbol 0 at every bar) may signal any symbol, so every symbol's book is pushed back after it
        if (strategies.onSignalBar(s, sim.eventIndex, feed.current!.tsMs[sim.eventIndex]!, feed.current!.close[s * len + sim.eventIndex]!, signal)) syncAll();
        else sync(s);
      } else if (code === EVENT_TRIGGER) {
        execution.onTrigger(sim.eventSlot);
      } else if (code === EVENT_EXPIRE) {
        execution.onExpire(sim.eventSlot);
      } else if (code === EVENT_WATCH) {
        // the manager may halt, cancel entries and send closing orders; none changes the book before they fill
        manager.onEquityWatch(venue.time(t));
      } else if (code === EVENT_DAY_END) {
        // a fresh view: the order table may have grown the arena (and detached older views) since the slice began
        sessions.onBoundary(t, dayEnd.view()[sim.eventIndex]!);
      }
    }
    // the slice as it is now held (a copy if reading ahead would have overwritten the source's arrays)
    for (const f of venue.onSliceDone) f(feed.current!);
    if (opts.barEquity) {
      if (start + len > barEquity.length) barEquity = grow(barEquity, start + len);
      barEquity.set(equity.view(), start);
    }
    opts.onProgress?.(start + len, feed.done ? feed.length : Math.max(source.plannedLength, feed.length));
  }
  const T = feed.length;
  warm.finish();
  venue.current = T - 1;
  strategies.end();
  const end = isoUtc(feed.timeMs(T - 1));
  let finalSnapshot = sessions.lastSnapshot;
  if (!finalSnapshot || finalSnapshot.snapshot_datetime !== end) finalSnapshot = ledger.snapshot(end);
  ledger.publishOpenTrades(end);
  return {
    runId: opts.runId, bars: source.whole, timeMs: feed.timeline(), reporting, ledger, finalSnapshot, unfilled: execution.unfilled(),
    barEquity: barEquity.subarray(0, opts.barEquity ? T : 0), eventLog,
    signalsSeen: strategies.signalCount, flags: runFlags(cfg, ledger), ambiguousBars: sim.orders.ambiguous,
  };

  // cash and symbol s's position as the ledger now has them
  function sync(s: number): void {
    sim.cash = ledger.cashNumber();
    sim.setPosition(s, ledger.positionNumber(venue.columnSymbol[s]!));
  }
  function syncAll(): void {
    for (let k = 0; k < nsym; k++) sync(k);
  }
}

/** Copies a slice's column (symbol-major, stride len) into its arena buffer. */
function copyColumn(src: Float64Array, dst: Buf<Float64Array>, nsym: number, len: number): void {
  dst.view().set(src.subarray(0, nsym * len));
}

/** A copy of `a` with room for at least `n` values. */
function grow(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(Math.max(n, a.length * 2));
  out.set(a);
  return out;
}
