// The backtest engine: wires the services to the bus and drives time slices through the kernels,
// handing control to TypeScript only when an event is due.
import { DataError, Decimal, isoUtc, type AlignedBars } from '../model/index.js';
import { EventBus, EventFactory, EventLog, IdFactory, type OrderPayload, type QtraderEvent, type SnapshotPayload } from '../events/index.js';
import { Workspace, SimulateKernel, STATUS_OK, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, type Buf, type WasmTarget } from '../kernels/index.js';
import { StrategyService, createStrategy, type StrategySlice } from '../strategy/index.js';
import { PortfolioManager } from '../manager/index.js';
import { ExecutionService } from '../execution/index.js';
import { Ledger } from '../ledger/index.js';
import { ReportingService } from '../reporting/reporting-service.js';
import type { RunConfig } from '../config/index.js';

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
}

/** Everything a finished run knows; reporting turns it into files. */
export interface EngineResult {
  readonly runId: string;
  readonly bars: AlignedBars;
  readonly reporting: ReportingService;
  readonly ledger: Ledger;
  readonly finalSnapshot: SnapshotPayload;
  readonly unfilled: OrderPayload[];
  /** Equity per bar (when asked for), else empty. */
  readonly barEquity: Float64Array;
  readonly eventLog: EventLog | undefined;
  readonly signalsSeen: number;
}

/** Checks what must hold before the loop starts, with messages that say how to fix it. */
function checkPreconditions(bars: AlignedBars, warmup: number, label: string): void {
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
}

/** Runs one backtest of `cfg` over aligned bars. */
export function runEngine(cfg: RunConfig, bars: AlignedBars, opts: EngineOptions): EngineResult {
  const strategy = createStrategy(cfg.strategy.name, cfg.strategy.params);
  const label = `${strategy.name}(${Object.entries(strategy.params).map(([k, v]) => `${k}=${v}`).join(', ')})`;
  checkPreconditions(bars, strategy.warmup, label);

  const T = bars.length;
  const nsym = bars.symbols.length;
  const symbols = bars.symbols;
  const symIndex = new Map(symbols.map((s, i) => [s, i] as const));
  const ws = new Workspace(cfg.run.engine, opts.target ?? 'release');
  const sim = new SimulateKernel(ws, nsym);

  // the services, each talking to the others only through the bus
  const bus = new EventBus();
  const ids = new IdFactory(opts.runId);
  const eventLog = opts.eventLog ? new EventLog() : undefined;
  if (eventLog) bus.subscribe('*', (e) => eventLog.append(e));
  if (opts.onEvent) bus.subscribe('*', opts.onEvent);
  const reporting = new ReportingService(bus, opts.keepPayloads ?? false);
  const ledger = new Ledger(bus, new EventFactory(ids, 'ledger'), {
    portfolioId: opts.runId, initialCash: cfg.portfolio.initial_cash, currency: cfg.portfolio.currency, startTime: isoUtc(bars.tsMs[0]!),
  }, (symbol) => sim.mark(symIndex.get(symbol)!));
  const execution = new ExecutionService(bus, new EventFactory(ids, 'execution'), {
    fillPolicy: cfg.execution.fill_policy,
    commission: { perShare: cfg.execution.commission.per_share, minimum: cfg.execution.commission.minimum, ...(cfg.execution.commission.maximum_pct !== undefined ? { maximumPct: cfg.execution.commission.maximum_pct } : {}) },
  });
  new PortfolioManager(bus, new EventFactory(ids, 'manager'), ledger, {
    sizing: cfg.sizing, allowShort: false, estimateCommission: (q: Decimal, p: Decimal) => execution.commission.of(q, p),
  });
  const strategyService = new StrategyService(bus, new EventFactory(ids, 'strategy'), strategy, cfg.strategy.id, symbols);
  sim.cash = new Decimal(cfg.portfolio.initial_cash).toNumber();

  // slice buffers in the kernel arena, sized once
  const sliceBars = Math.max(1, Math.min(T, opts.sliceBars ?? Math.max(4096, Math.floor((1 << 22) / nsym))));
  const cols = nsym * sliceBars;
  const buf = {
    open: ws.f64(cols), high: ws.f64(cols), low: ws.f64(cols), close: ws.f64(cols), volume: ws.f64(cols),
    signal: ws.i32(cols), dayEnd: ws.u8(sliceBars), equity: ws.f64(sliceBars),
  };
  strategyService.init(ws);
  const inputs = new Set(strategy.inputs);
  const barEquity = new Float64Array(opts.barEquity ? T : 0);
  let finalSnapshot: SnapshotPayload | undefined;

  for (let start = 0; start < T; start += sliceBars) {
    const len = Math.min(sliceBars, T - start);
    const view = <B extends Buf<Float64Array>>(b: B): B => b.sub(0, nsym * len) as B;
    const slice: StrategySlice = { open: view(buf.open), high: view(buf.high), low: view(buf.low), close: view(buf.close), volume: view(buf.volume), len, start };
    // 1. copy the slice's columns into the arena, symbol-major with stride len
    copyColumn(bars.open, slice.open, nsym, T, start, len);
    copyColumn(bars.close, slice.close, nsym, T, start, len);
    if (inputs.has('high')) copyColumn(bars.high, slice.high, nsym, T, start, len);
    if (inputs.has('low')) copyColumn(bars.low, slice.low, nsym, T, start, len);
    if (inputs.has('volume')) copyColumn(bars.volume, slice.volume, nsym, T, start, len);
    const dayEnd = buf.dayEnd.sub(0, len);
    dayEnd.set(bars.dayEnd.subarray(start, start + len));
    const signal = buf.signal.sub(0, nsym * len);
    const equity = buf.equity.sub(0, len);
    // 2. the strategy's kernels compute the whole slice's signal column
    strategyService.signals(slice, signal);
    // 3. walk the slice; 4. handle each event in TypeScript, push the book back, resume
    sim.beginSlice();
    const sliceArgs = { open: slice.open, close: slice.close, signal, dayEnd, equity };
    for (;;) {
      const code = sim.step(sliceArgs, len);
      if (code === STATUS_OK) break;
      const t = start + sim.eventIndex;
      if (code === EVENT_FILL) {
        const s = sim.eventSymbol;
        const k = s * T + t;
        execution.fillDue(symbols[s]!, {
          time: isoUtc(bars.tsMs[t]!), open: bars.open[k]!, high: bars.high[k]!, low: bars.low[k]!, close: bars.close[k]!, volume: bars.volume[k]!,
        });
        sim.cash = ledger.cashNumber();
        sim.setPosition(s, ledger.positionNumber(symbols[s]!));
        sim.setPending(s, execution.pendingQuantity(symbols[s]!));
      } else if (code === EVENT_SIGNAL) {
        const s = sim.eventSymbol;
        strategyService.onSignalBar(s, signal.view()[s * len + sim.eventIndex]!, bars.tsMs[t]!, bars.close[s * T + t]!);
        sim.setPending(s, execution.pendingQuantity(symbols[s]!));
      } else if (code === EVENT_DAY_END) {
        finalSnapshot = ledger.snapshot(isoUtc(bars.tsMs[t]!));
      }
    }
    if (opts.barEquity) barEquity.set(equity.view(), start);
    opts.onProgress?.(start + len, T);
  }
  const end = isoUtc(bars.tsMs[T - 1]!);
  if (!finalSnapshot || finalSnapshot.snapshot_datetime !== end) finalSnapshot = ledger.snapshot(end);
  ledger.publishOpenTrades(end);
  return {
    runId: opts.runId, bars, reporting, ledger, finalSnapshot, unfilled: execution.unfilled(), barEquity, eventLog,
    signalsSeen: strategyService.signalCount,
  };
}

/** Copies [start, start+len) of each symbol's series (stride T) into a slice buffer (stride len). */
function copyColumn(src: Float64Array, dst: Buf<Float64Array>, nsym: number, T: number, start: number, len: number): void {
  const v = dst.view();
  for (let s = 0; s < nsym; s++) v.set(src.subarray(s * T + start, s * T + start + len), s * len);
}
